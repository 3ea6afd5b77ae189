import type { App, BlockAction } from "@slack/bolt";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/**
 * One listener for every button: the neutral id in the action_id finds the feature's declaration.
 * Matching all block actions also means an unknown or outdated id is acked and answered, instead of
 * Slack showing a warning after 3 seconds.
 */
export function registerActions(app: App, deps: SlackHandlerDeps): void {
  app.action<BlockAction>({ type: "block_actions" }, buttonListener(deps));
}
