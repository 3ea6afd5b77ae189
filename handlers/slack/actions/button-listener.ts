import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { decodeSlackAction } from "../../../src/chat/slack/action-codec.js";
import { renderSlackModal } from "../../../src/chat/slack/render-block-kit.js";
import type { GoalsReply } from "../../../src/core/goals/goal-service.js";
import type { Requester } from "../../../src/core/org/identify.js";
import type { ActionId, ActionPayload, Card } from "../../../src/core/ui/card.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { withOrigin } from "../modal-origin.js";
import { slackRequester } from "../requester.js";
import { type ReplyTarget, replyWithCard, textCard } from "../send-card.js";
import { yieldToAcks } from "../yield-to-acks.js";

export type ButtonArgs = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

/** What a button's one core call answers: a card to show, or a form to open as a modal. */
export type ButtonRun = (requester: Requester, payload: ActionPayload) => Promise<GoalsReply>;

/**
 * The shape every Kurs button shares: ack at once, decode the neutral action, identify the caller,
 * run one core call, then open its form (with this click's trigger_id) or show its card.
 * Cards go back ephemerally where the button sat in a message; the App Home has no response_url,
 * so there the card arrives as a direct message instead.
 */
export function buttonListener(deps: SlackHandlerDeps, id: ActionId, run: ButtonRun) {
  return async ({ ack, body, action, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    await yieldToAcks();
    const caller = interactionCaller(body);
    const log = deps.log.child({ action: id, teamId: caller.teamId, userId: caller.userId });
    // Typed as always present, but Slack sends no response_url for buttons on a view (App Home, modal).
    const responseUrl: string | undefined = body.response_url;
    let t = translator(deps.core.defaultLocale);
    const answer = (card: Card) => {
      const target: ReplyTarget = { client, userId: caller.userId, respond: responseUrl ? respond : undefined, t };
      return replyWithCard(target, card);
    };
    try {
      const { payload } = decodeSlackAction(action.action_id, action.value);
      const requester = await slackRequester(deps, caller);
      t = requester.t;
      const reply = await run(requester, payload);
      if (reply.kind === "form") {
        const form = { ...reply.form, metadata: withOrigin(reply.form.metadata, responseUrl) };
        const view = renderSlackModal(form, renderOptionsFor(requester.locale));
        await client.views.open({ trigger_id: body.trigger_id, view });
      } else {
        await answer(reply.card);
      }
    } catch (err) {
      log.error({ err, actionId: action.action_id.slice(0, 100) }, "button failed");
      await answer(textCard(t("errors.internal"))).catch((answerErr: unknown) =>
        log.warn({ err: answerErr }, "could not tell the user the button failed"),
      );
    }
  };
}
