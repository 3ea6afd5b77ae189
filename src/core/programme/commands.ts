import { TOP_LEVEL_COMMANDS, type TopLevelCommand } from "../feature.js";
import type { MessageKey } from "../ui/i18n/index.js";

/**
 * Every command of the product contract (DESIGN.md). The chat manifests declare all of them so
 * installs need no re-approval later; which ones work comes from the feature registry.
 */
export const COMMAND_NAMES = TOP_LEVEL_COMMANDS;
export type CommandName = TopLevelCommand;

/** What a person may type for each command on Teams (no slash commands there) and after `/kurs`; canonical first. */
export const COMMAND_WORDS: Readonly<Record<CommandName, readonly string[]>> = {
  kurs: ["kurs", "hilfe", "help"],
  goals: ["goals", "ziele"],
  survey: ["survey", "umfrage", "befragung"],
  feedback: ["feedback"],
  training: ["training", "schulung"],
  kpi: ["kpi", "kennzahlen"],
};

export const COMMAND_DESCRIPTIONS: Readonly<Record<CommandName, MessageKey>> = {
  kurs: "commands.kurs",
  goals: "commands.goals",
  survey: "commands.survey",
  feedback: "commands.feedback",
  training: "commands.training",
  kpi: "commands.kpi",
};

/** Word → command, for routing the first word of a Teams message (or the word after `/kurs`). */
export const TEAMS_COMMAND_WORDS: Readonly<Record<string, CommandName>> = Object.fromEntries(
  COMMAND_NAMES.flatMap((name) => COMMAND_WORDS[name].map((word) => [word, name] as const)),
);

export function commandForWord(word: string): CommandName | undefined {
  return Object.hasOwn(TEAMS_COMMAND_WORDS, word.toLowerCase()) ? TEAMS_COMMAND_WORDS[word.toLowerCase()] : undefined;
}
