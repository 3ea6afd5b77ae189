import { openCheckinForm } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/** "Check in" on a goal or measure: the check-in modal with that item chosen. */
export const goalsCheckinAction = (deps: SlackHandlerDeps) =>
  buttonListener(deps, "goals.checkin", (requester, payload) => openCheckinForm(deps.goals, requester, payload.goal));
