import type { App, ViewSubmitAction } from "@slack/bolt";
import { CHECKIN_FORM_ID } from "../../../src/core/goals/checkin-form.js";
import { FOCUS_FORM_ID } from "../../../src/core/goals/focus-topics.js";
import { GOAL_FORM_ID } from "../../../src/core/goals/goal-form.js";
import { COMMENT_FORM_ID, STATEMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import type { SlackHandlerDeps } from "../deps.js";
import { saveCheckinView } from "./save-checkin.js";
import { saveFocusTopicView } from "./save-focus-topic.js";
import { saveGoalView } from "./save-goal.js";
import { saveStatementView } from "./save-statement.js";
import { saveStatementCommentView } from "./save-statement-comment.js";

/** Modal submissions by the id core gives each Form (Slack's callback_id). */
export const SLACK_VIEWS = {
  [GOAL_FORM_ID]: saveGoalView,
  [CHECKIN_FORM_ID]: saveCheckinView,
  [FOCUS_FORM_ID]: saveFocusTopicView,
  [STATEMENT_FORM_ID]: saveStatementView,
  [COMMENT_FORM_ID]: saveStatementCommentView,
} as const;

export function registerViews(app: App, deps: SlackHandlerDeps): void {
  for (const [callbackId, listener] of Object.entries(SLACK_VIEWS)) {
    app.view<ViewSubmitAction>({ type: "view_submission", callback_id: callbackId }, listener(deps));
  }
}
