import type { App } from "@slack/bolt";
import { registerCommands } from "./commands/index.js";
import type { SlackHandlerDeps } from "./deps.js";

export type { SlackHandlerDeps } from "./deps.js";

/** Registers every Slack listener, one file per listener, grouped by kind (commands, actions, views, events). */
export function registerSlackHandlers(app: App, deps: SlackHandlerDeps): void {
  registerCommands(app, deps);
}
