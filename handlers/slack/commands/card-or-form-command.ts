import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { renderSlackModal } from "../../../src/chat/slack/render-block-kit.js";
import type { Requester } from "../../../src/core/org/identify.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { Reply } from "../../../src/core/ui/reply.js";
import type { SlackHandlerDeps } from "../deps.js";
import { slackRequester } from "../requester.js";
import { replyWithCard, textCard } from "../send-card.js";
import { yieldToAcks } from "../yield-to-acks.js";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * A slash command whose core call answers with a card (sent ephemerally) or a form (opened as a
 * modal with this command's trigger_id). The ack goes first: Slack's 3 seconds must not wait on
 * users.info or the database, and the trigger_id stays valid for views.open long enough after it.
 */
export function cardOrFormCommand(
  deps: SlackHandlerDeps,
  name: string,
  run: (requester: Requester, args: string) => Promise<Reply>,
) {
  return async ({ ack, command, respond, client }: CommandArgs, args: string = command.text): Promise<void> => {
    await ack();
    await yieldToAcks();
    const log = deps.log.child({ command: name, teamId: command.team_id, userId: command.user_id });
    let t = translator(deps.core.defaultLocale);
    try {
      const requester = await slackRequester(deps, {
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
        userId: command.user_id,
      });
      t = requester.t;
      const reply = await run(requester, args);
      if (reply.kind === "form") {
        const view = renderSlackModal(reply.form, renderOptionsFor(requester.locale));
        await client.views.open({ trigger_id: command.trigger_id, view });
      } else {
        await replyWithCard({ client, userId: command.user_id, respond, t }, reply.card);
      }
    } catch (err) {
      log.error({ err, args: args.slice(0, 100) }, "slash command failed");
      // The user still gets an answer; the error is logged above with its context.
      await replyWithCard({ client, userId: command.user_id, respond, t }, textCard(t("errors.internal"))).catch(
        (respondErr: unknown) => log.warn({ err: respondErr }, "could not tell the user the command failed"),
      );
    }
  };
}
