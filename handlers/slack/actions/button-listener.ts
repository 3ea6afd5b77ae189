import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { decodeSlackAction, SlackActionCodecError } from "../../../src/chat/slack/action-codec.js";
import { renderBlockKit, renderSlackModal } from "../../../src/chat/slack/render-block-kit.js";
import { dispatchAction } from "../../../src/core/dispatch.js";
import type { ActionReply } from "../../../src/core/feature.js";
import type { Card } from "../../../src/core/ui/card.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { withOrigin } from "../modal-origin.js";
import { slackRequester } from "../requester.js";
import { type ReplyTarget, replyWithCard, textCard } from "../send-card.js";
import { yieldToAcks } from "../yield-to-acks.js";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/**
 * Every Kurs button: ack at once, decode the neutral action, identify the caller, dispatch, then open
 * the form (with this click's trigger_id), show the card, or replace the message the button sat in.
 * Cards go back ephemerally where the button sat in a message; the App Home has no response_url,
 * so there the card arrives as a direct message instead.
 */
export function buttonListener(deps: SlackHandlerDeps) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    // Link buttons call back too; the browser has opened the URL already, nothing is left to do.
    if (action.type !== "button" || "url" in action) return;
    await yieldToAcks();
    const caller = interactionCaller(body);
    const actionId = action.action_id.slice(0, 100);
    const log = deps.log.child({ actionId, teamId: caller.teamId, userId: caller.userId });
    // Typed as always present, but Slack sends no response_url for buttons on a view (App Home, modal).
    const responseUrl: string | undefined = body.response_url;
    let t = translator(deps.services.defaultLocale);
    const answer = (card: Card) => {
      const target: ReplyTarget = { client, userId: caller.userId, respond: responseUrl ? respond : undefined, t };
      return replyWithCard(target, card);
    };
    try {
      const requester = await slackRequester(deps, caller);
      t = requester.t;
      let decoded: { id: string; payload: unknown };
      try {
        decoded = decodeSlackAction(action.action_id, action.value);
      } catch (err) {
        if (!(err instanceof SlackActionCodecError)) throw err;
        decoded = { id: action.action_id, payload: undefined };
      }
      const ctx = { services: deps.services, requester, platform: "slack" as const };
      const { reply, problem } = await dispatchAction(ctx, decoded.id, decoded.payload, deps.registry);
      if (problem) log.warn({ problem }, "button refused: unknown action or payload that does not parse");
      await show(reply);
    } catch (err) {
      log.error({ err }, "button failed");
      await answer(textCard(t("errors.internal"))).catch((answerErr: unknown) =>
        log.warn({ err: answerErr }, "could not tell the user the button failed"),
      );
    }

    async function show(reply: ActionReply): Promise<void> {
      const opts = renderOptionsFor(t.locale);
      if (reply.kind === "form") {
        const form = { ...reply.form, metadata: withOrigin(reply.form.metadata, responseUrl) };
        await client.views.open({ trigger_id: body.trigger_id, view: renderSlackModal(form, opts) });
        return;
      }
      const [message, ...more] = reply.kind === "update" ? renderBlockKit(reply.card, opts) : [];
      // A card that fits one message replaces the one clicked; otherwise it comes as a new answer.
      if (message && more.length === 0 && responseUrl) {
        await respond({ replace_original: true, text: message.text, blocks: message.blocks });
        return;
      }
      await answer(reply.card);
    }
  };
}
