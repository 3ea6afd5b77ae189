import { CHECKIN_FORM_ID } from "../../../src/core/goals/checkin-form.js";
import { submitCheckin } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { confirmAndRefreshHomes, submissionListener } from "./submission-listener.js";

/** Submit of the check-in modal (`/goals checkin`, "Check in"). */
export const saveCheckinView = (deps: SlackHandlerDeps) =>
  submissionListener(
    deps,
    CHECKIN_FORM_ID,
    (requester, _view, values) => submitCheckin(deps.goals, requester, values),
    (saved, ctx) => confirmAndRefreshHomes(deps, saved, ctx),
  );
