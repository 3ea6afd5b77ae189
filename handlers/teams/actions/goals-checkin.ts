import { openCheckinForm } from "../../../src/core/goals/goal-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_CHECKIN_VERB = "goals.checkin";

/** "Check in" on a goal or measure: the card turns into the check-in form for it. */
export const goalsCheckinAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_CHECKIN_VERB, (requester, data) =>
    openCheckinForm(deps.goals, requester, actionField(data, "goal")),
  );
