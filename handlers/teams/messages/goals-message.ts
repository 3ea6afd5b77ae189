import { TurnContext } from "botbuilder";
import { goalsCommand } from "../../../src/core/goals/goal-service.js";
import { tenantNotSetUpCard } from "../../../src/core/programme/help.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { replyWithCard } from "../reply-with-card.js";
import { replyWithForm } from "../reply-with-form.js";
import { teamsRequester } from "../requester.js";

/** `goals …` / `ziele …` as a Teams message: a card, or a form whose submit is an Action.Execute. */
export function goalsMessage(deps: TeamsHandlerDeps) {
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
    const reply = await goalsCommand(deps.goals, requester, args);
    if (reply.kind === "form") await replyWithForm(context, reply.form, locale);
    else await replyWithCard(context, reply.card, locale);
  };
}
