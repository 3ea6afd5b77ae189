import { parseTeamsFormData } from "../../../src/chat/teams/render-adaptive-card.js";
import { FOCUS_FORM_ID } from "../../../src/core/goals/focus-topics.js";
import { submitFocusTopic } from "../../../src/core/goals/goal-service.js";
import { cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_SAVE_FOCUS_VERB = FOCUS_FORM_ID;

/** Submit of the focus-topic form (`goals focus`): errors keep the form; a saved topic shows the list. */
export const goalsSaveFocusAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_SAVE_FOCUS_VERB, async (requester, data) => {
    const result = await submitFocusTopic(deps.goals, requester, parseTeamsFormData(data));
    return result.kind === "invalid" ? { kind: "form", form: result.form } : { kind: "card", card: result.card };
  });
