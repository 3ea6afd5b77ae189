import type { MessageKey } from "../ui/i18n/index.js";

/**
 * Every command of the product contract (DESIGN.md). `available` turns true as each capability
 * ships; the chat manifests declare all of them so installs need no re-approval later.
 */
export interface CommandInfo {
  readonly name: CommandName;
  readonly description: MessageKey;
  readonly available: boolean;
}

export const COMMAND_NAMES = ["kurs", "goals", "survey", "feedback", "training", "kpi"] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export const COMMANDS: readonly CommandInfo[] = [
  { name: "kurs", description: "commands.kurs", available: true },
  { name: "goals", description: "commands.goals", available: true },
  { name: "survey", description: "commands.survey", available: false },
  { name: "feedback", description: "commands.feedback", available: false },
  { name: "training", description: "commands.training", available: false },
  { name: "kpi", description: "commands.kpi", available: false },
];

/** Words a Teams user may type for a command (Teams has no slash commands; German words too). */
export const TEAMS_COMMAND_WORDS: Readonly<Record<string, CommandName>> = {
  kurs: "kurs",
  hilfe: "kurs",
  help: "kurs",
  goals: "goals",
  ziele: "goals",
  survey: "survey",
  umfrage: "survey",
  befragung: "survey",
  feedback: "feedback",
  training: "training",
  schulung: "training",
  kpi: "kpi",
  kennzahlen: "kpi",
};

export function isCommandName(value: string): value is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(value);
}
