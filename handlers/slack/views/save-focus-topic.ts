import { FOCUS_FORM_ID } from "../../../src/core/goals/focus-topics.js";
import { submitFocusTopic } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { submissionListener } from "./submission-listener.js";

/** Submit of the focus-topic modal (`/goals focus`, managing directors and area heads). */
export const saveFocusTopicView = (deps: SlackHandlerDeps) =>
  submissionListener(deps, FOCUS_FORM_ID, (requester, _view, values) =>
    submitFocusTopic(deps.goals, requester, values),
  );
