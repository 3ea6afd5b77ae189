import { openMeasureForm } from "../../../src/core/goals/goal-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_MEASURE_VERB = "goals.measure";

/** "Add measure" on a team goal: the card turns into the measure form with that goal as parent. */
export const goalsMeasureAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_MEASURE_VERB, (requester, data) =>
    openMeasureForm(deps.goals, requester, actionField(data, "parent") ?? ""),
  );
