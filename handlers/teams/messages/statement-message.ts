import { TurnContext } from "botbuilder";
import { tenantNotSetUpCard } from "../../../src/core/programme/help.js";
import { statementCommand } from "../../../src/core/statements/statement-service.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { replyWithCard } from "../reply-with-card.js";
import { replyWithForm } from "../reply-with-form.js";
import { teamsRequester } from "../requester.js";

/** `kurs statement [report]` as a Teams message: the statement form (an Action.Execute card) or a card. */
export function statementMessage(deps: TeamsHandlerDeps) {
  return async (context: TurnContext, args: string): Promise<void> => {
    const requester = await teamsRequester(deps, context);
    const { tenant, person, t, locale } = requester;
    if (!tenant) {
      await replyWithCard(context, tenantNotSetUpCard(t), locale);
      return;
    }
    if (person) {
      // Whoever writes to Kurs can be reached by it later: their statement DMs go to this conversation.
      await deps.conversations.save(tenant.id, person.id, TurnContext.getConversationReference(context.activity));
    }
    const reply = await statementCommand(deps.statements, requester, args);
    if (reply.kind === "form") await replyWithForm(context, reply.form, locale);
    else await replyWithCard(context, reply.card, locale);
  };
}
