import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { renderBlockKit, renderSlackModal } from "../../../src/chat/slack/render-block-kit.js";
import { dispatchCommand } from "../../../src/core/dispatch.js";
import type { CommandName } from "../../../src/core/programme/commands.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { slackRequester } from "../requester.js";
import { replyWithCard, textCard } from "../send-card.js";
import { yieldToAcks } from "../yield-to-acks.js";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * Every slash command: ack at once (Slack's 3 seconds must never wait on users.info or the
 * database), route through the feature registry, then answer ephemerally through response_url or
 * open the form as a modal with this command's trigger_id, which stays valid long enough after the ack.
 */
export function slashCommand(name: CommandName, deps: SlackHandlerDeps) {
  return async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    await yieldToAcks();
    const log = deps.log.child({ command: name, teamId: command.team_id, userId: command.user_id });
    let t = translator(deps.services.defaultLocale);
    try {
      const requester = await slackRequester(deps, {
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
        userId: command.user_id,
      });
      t = requester.t;
      const reply = await dispatchCommand(
        {
          services: deps.services,
          requester,
          platform: "slack",
          conversation: command.channel_id,
          // Public and private channels (C…, G…); a DM with the bot (D…) is no channel to post a digest to.
          ...(/^[CG]/.test(command.channel_id) ? { channelId: command.channel_id } : {}),
        },
        { command: name, text: command.text },
        deps.registry,
      );
      if (reply.kind === "form") {
        const view = renderSlackModal(reply.form, renderOptionsFor(requester.locale));
        await client.views.open({ trigger_id: command.trigger_id, view });
      } else if (reply.inChannel) {
        // A live poll: one message for everyone in the channel, updated in place as votes arrive.
        const [message] = renderBlockKit(reply.card, renderOptionsFor(requester.locale));
        if (message)
          await respond({
            response_type: "in_channel",
            replace_original: false,
            text: message.text,
            blocks: message.blocks,
          });
      } else {
        await replyWithCard({ client, userId: command.user_id, respond, t }, reply.card);
      }
    } catch (err) {
      log.error({ err, args: command.text.slice(0, 100) }, "slash command failed");
      // The user still gets an answer; the error is logged above with its context.
      await replyWithCard({ client, userId: command.user_id, respond, t }, textCard(t("errors.internal"))).catch(
        (respondErr: unknown) => log.warn({ err: respondErr }, "could not tell the user the command failed"),
      );
    }
  };
}
