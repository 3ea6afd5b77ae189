import type { App } from "@slack/bolt";
import type { CommandName } from "../../../src/core/programme/commands.js";
import type { SlackHandlerDeps } from "../deps.js";
import { feedbackCommand } from "./feedback.js";
import { goalsCommand } from "./goals.js";
import { kpiCommand } from "./kpi.js";
import { kursCommand } from "./kurs.js";
import { surveyCommand } from "./survey.js";
import { trainingCommand } from "./training.js";

/** Registered slash commands; test/integration/app-packages.test.ts checks the Slack manifest declares exactly these. */
export const SLACK_COMMANDS = {
  kurs: kursCommand,
  goals: goalsCommand,
  survey: surveyCommand,
  feedback: feedbackCommand,
  training: trainingCommand,
  kpi: kpiCommand,
} as const satisfies Record<CommandName, unknown>;

export function registerCommands(app: App, deps: SlackHandlerDeps): void {
  for (const [name, listener] of Object.entries(SLACK_COMMANDS)) app.command(`/${name}`, listener(deps));
}
