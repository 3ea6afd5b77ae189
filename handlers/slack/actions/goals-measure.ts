import { openMeasureForm } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/** "Add measure" on a team goal: the measure modal with that goal as the parent. */
export const goalsMeasureAction = (deps: SlackHandlerDeps) =>
  buttonListener(deps, "goals.measure", (requester, payload) =>
    openMeasureForm(deps.goals, requester, payload.parent ?? ""),
  );
