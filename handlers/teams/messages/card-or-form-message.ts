import { TurnContext } from "botbuilder";
import type { Requester } from "../../../src/core/org/identify.js";
import { tenantNotSetUpCard } from "../../../src/core/programme/help.js";
import type { Reply } from "../../../src/core/ui/reply.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { replyWithCard } from "../reply-with-card.js";
import { replyWithForm } from "../reply-with-form.js";
import { teamsRequester } from "../requester.js";

/**
 * A Teams command word whose core call answers with a card, or a form whose submit is an
 * Action.Execute. Whoever writes to Kurs can be reached by it later (reminders, statements), so
 * the conversation reference is refreshed on every message.
 */
export function cardOrFormMessage(deps: TeamsHandlerDeps, run: (requester: Requester, args: string) => Promise<Reply>) {
  return async (context: TurnContext, args: string): Promise<void> => {
    const requester = await teamsRequester(deps, context);
    const { tenant, person, t, locale } = requester;
    if (!tenant) {
      await replyWithCard(context, tenantNotSetUpCard(t), locale);
      return;
    }
    if (person) {
      await deps.conversations.save(tenant.id, person.id, TurnContext.getConversationReference(context.activity));
    }
    const reply = await run(requester, args);
    if (reply.kind === "form") await replyWithForm(context, reply.form, locale);
    else await replyWithCard(context, reply.card, locale);
  };
}
