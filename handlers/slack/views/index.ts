import type { App, ViewSubmitAction } from "@slack/bolt";
import type { SlackHandlerDeps } from "../deps.js";
import { submissionListener } from "./submission-listener.js";

/**
 * One listener for every modal submission: the view's callback_id is the form id core gave it, and
 * finds the feature's declaration. An unknown callback is answered, not left to time out.
 */
export function registerViews(app: App, deps: SlackHandlerDeps): void {
  app.view<ViewSubmitAction>({ type: "view_submission" }, submissionListener(deps));
}
