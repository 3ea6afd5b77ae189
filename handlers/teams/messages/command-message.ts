import type { TurnContext } from "botbuilder";
import { dispatchCommand } from "../../../src/core/dispatch.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { rememberConversation } from "../events/install.js";
import { withNonce } from "../form-nonce.js";
import { replyWithCard } from "../reply-with-card.js";
import { replyWithForm } from "../reply-with-form.js";
import { teamsRequester } from "../requester.js";

/**
 * Teams has no slash commands: the first word of a message is the command ("kurs", "hilfe",
 * "goals", "ziele", …), with or without a leading slash, routed through the same registry as
 * Slack's slash commands. Whoever writes to Kurs can be reached by it later (reminders,
 * statements), so the conversation reference is refreshed on every message.
 */
export function commandMessage(deps: TeamsHandlerDeps) {
  return async (context: TurnContext): Promise<void> => {
    const requester = await teamsRequester(deps, context);
    const { locale } = requester;
    await rememberConversation(deps, context, requester);
    const conversation = context.activity.conversation;
    const reply = await dispatchCommand(
      {
        services: deps.services,
        requester,
        platform: "teams",
        ...(conversation?.id ? { conversation: conversation.id } : {}),
        // Only a team's channel is a channel; personal and group chats are not.
        ...(conversation?.conversationType === "channel" && conversation.id ? { channelId: conversation.id } : {}),
      },
      { text: context.activity.text ?? "" },
      deps.registry,
    );
    if (reply.kind === "form") await replyWithForm(context, withNonce(reply.form), locale);
    else await replyWithCard(context, reply.card, locale);
  };
}
