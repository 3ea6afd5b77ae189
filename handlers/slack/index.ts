import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.js";
import { registerCommands } from "./commands/index.js";
import type { SlackHandlerDeps } from "./deps.js";
import { registerEvents } from "./events/index.js";
import { registerViews } from "./views/index.js";

export type { SlackHandlerDeps } from "./deps.js";

/** Registers every Slack listener, one file per listener, grouped by kind (commands, actions, views, events). */
export function registerSlackHandlers(app: App, deps: SlackHandlerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerEvents(app, deps);
}
