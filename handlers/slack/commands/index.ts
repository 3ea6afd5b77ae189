import type { App } from "@slack/bolt";
import { COMMAND_NAMES } from "../../../src/core/programme/commands.js";
import type { SlackHandlerDeps } from "../deps.js";
import { slashCommand } from "./slash-command.js";

/**
 * Every command of the contract is registered (the manifest declares them all; the app-packages
 * test checks both lists agree); which ones work, and what they do, the feature registry decides.
 */
export const SLACK_COMMANDS: readonly string[] = COMMAND_NAMES.map((name) => `/${name}`);

export function registerCommands(app: App, deps: SlackHandlerDeps): void {
  for (const name of COMMAND_NAMES) app.command(`/${name}`, slashCommand(name, deps));
}
