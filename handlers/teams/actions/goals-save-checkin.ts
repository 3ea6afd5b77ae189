import { parseTeamsFormData } from "../../../src/chat/teams/render-adaptive-card.js";
import { CHECKIN_FORM_ID } from "../../../src/core/goals/checkin-form.js";
import { submitCheckin } from "../../../src/core/goals/goal-service.js";
import { cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_SAVE_CHECKIN_VERB = CHECKIN_FORM_ID;

/** Submit of the check-in form: errors keep the form and what was typed; a saved check-in replaces it. */
export const goalsSaveCheckinAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_SAVE_CHECKIN_VERB, async (requester, data) => {
    const result = await submitCheckin(deps.goals, requester, parseTeamsFormData(data));
    return result.kind === "invalid" ? { kind: "form", form: result.form } : { kind: "card", card: result.card };
  });
