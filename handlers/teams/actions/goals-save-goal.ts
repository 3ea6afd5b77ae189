import { parseTeamsFormData, parseTeamsFormMetadata } from "../../../src/chat/teams/render-adaptive-card.js";
import { GOAL_FORM_ID } from "../../../src/core/goals/goal-form.js";
import { submitGoal } from "../../../src/core/goals/goal-service.js";
import { cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_SAVE_GOAL_VERB = GOAL_FORM_ID;

/**
 * Submit of the goal/measure form. Invalid input comes back as the same form with inline errors and
 * everything typed, replacing the submitted card; a saved goal replaces it with the confirmation.
 */
export const goalsSaveGoalAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_SAVE_GOAL_VERB, async (requester, data) => {
    const result = await submitGoal(deps.goals, requester, parseTeamsFormMetadata(data), parseTeamsFormData(data));
    return result.kind === "invalid" ? { kind: "form", form: result.form } : { kind: "card", card: result.card };
  });
