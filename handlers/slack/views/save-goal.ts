import { GOAL_FORM_ID } from "../../../src/core/goals/goal-form.js";
import { submitGoal } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { confirmAndRefreshHomes, submissionListener } from "./submission-listener.js";

/** Submit of the goal / measure modal (`/goals add`, `/goals measure`, "Add measure"). */
export const saveGoalView = (deps: SlackHandlerDeps) =>
  submissionListener(
    deps,
    GOAL_FORM_ID,
    (requester, view, values) => submitGoal(deps.goals, requester, view.private_metadata, values),
    (saved, ctx) => confirmAndRefreshHomes(deps, saved, ctx),
  );
