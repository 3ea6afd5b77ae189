import { TurnContext } from "botbuilder";
import { toLocale } from "../../../src/core/org/types.js";
import { TEAMS_COMMAND_WORDS } from "../../../src/core/programme/commands.js";
import { tenantNotSetUpCard } from "../../../src/core/programme/help.js";
import { runCommand } from "../../../src/core/programme/run-command.js";
import { isStatementWord } from "../../../src/core/statements/statement-service.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { replyWithCard } from "../reply-with-card.js";
import { teamsTenantKey, teamsUser } from "../tenant-key.js";
import { goalsMessage } from "./goals-message.js";
import { statementMessage } from "./statement-message.js";

/**
 * Teams has no slash commands: the first word of a message is the command ("kurs", "hilfe",
 * "goals", "ziele", …), with or without a leading slash. Anything else gets the unknown-command help.
 */
export function commandMessage(deps: TeamsHandlerDeps) {
  const onGoals = goalsMessage(deps);
  const onStatement = statementMessage(deps);
  return async (context: TurnContext): Promise<void> => {
    const text = (context.activity.text ?? "").trim().replace(/^\//, "");
    const [first = "", ...rest] = text.split(/\s+/);
    const command = TEAMS_COMMAND_WORDS[first.toLowerCase()];
    // "kurs goals …" is the same as "goals …", as runCommand treats "kurs <command>" everywhere else.
    const [second = "", ...afterSecond] = rest;
    if (command === "goals" || (command === "kurs" && TEAMS_COMMAND_WORDS[second.toLowerCase()] === "goals")) {
      await onGoals(context, (command === "goals" ? rest : afterSecond).join(" "));
      return;
    }
    if (command === "kurs" && isStatementWord(second)) {
      await onStatement(context, afterSecond.join(" "));
      return;
    }
    const tenantKey = teamsTenantKey(context, deps.emulator);
    if (!tenantKey) {
      const locale = toLocale(context.activity.locale) ?? deps.core.defaultLocale;
      await replyWithCard(context, tenantNotSetUpCard(translator(locale)), locale);
      return;
    }
    const { card, locale, requester } = await runCommand(deps.core, {
      tenantKey,
      user: teamsUser(context, deps.log),
      command: command ?? "kurs",
      args: command ? rest.join(" ") : text,
    });
    if (requester.tenant && requester.person) {
      await deps.conversations.save(
        requester.tenant.id,
        requester.person.id,
        TurnContext.getConversationReference(context.activity),
      );
    }
    await replyWithCard(context, card, locale);
  };
}
