import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { isStatementWord } from "../../../src/core/statements/statement-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { kursStatementCommand } from "./kurs-statement.js";
import { slashCommand } from "./slash-command.js";

/** `/kurs`: `/kurs statement …` belongs to the statements; everything else is help and programme status. */
export const kursCommand = (deps: SlackHandlerDeps) => {
  const general = slashCommand("kurs", deps);
  const statement = kursStatementCommand(deps);
  return (args: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const [word = "", ...rest] = args.command.text.trim().split(/\s+/);
    return isStatementWord(word) ? statement(args, rest.join(" ")) : general(args);
  };
};
