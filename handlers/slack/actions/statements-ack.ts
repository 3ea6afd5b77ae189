import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { decodeSlackAction } from "../../../src/chat/slack/action-codec.js";
import { renderBlockKit } from "../../../src/chat/slack/render-block-kit.js";
import { acknowledgeStatement } from "../../../src/core/statements/statement-service.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { slackRequester } from "../requester.js";
import { replyWithCard, textCard } from "../send-card.js";
import { yieldToAcks } from "../yield-to-acks.js";
import type { ButtonArgs } from "./button-listener.js";

/**
 * "Gelesen / Read" on a statement DM: records the acknowledgement and replaces the DM in place
 * with the card showing "✓ read on …", so the button cannot be pressed again by mistake.
 */
export const statementsAckAction = (deps: SlackHandlerDeps) => {
  return async ({ ack, body, action, respond, client }: ButtonArgs): Promise<void> => {
    await ack();
    await yieldToAcks();
    const caller = interactionCaller(body);
    const log = deps.log.child({ action: "statements.ack", teamId: caller.teamId, userId: caller.userId });
    let t = translator(deps.core.defaultLocale);
    try {
      const { payload } = decodeSlackAction(action.action_id, action.value);
      const requester = await slackRequester(deps, caller);
      t = requester.t;
      const card = await acknowledgeStatement(deps.statements, requester, payload.statement);
      // A statement card is a handful of blocks, always one Slack message: it replaces the one clicked.
      const [message] = renderBlockKit(card, renderOptionsFor(requester.locale));
      if (message) await respond({ replace_original: true, text: message.text, blocks: message.blocks });
    } catch (err) {
      log.error({ err, actionId: action.action_id.slice(0, 100) }, "statement acknowledgement failed");
      await replyWithCard({ client, userId: caller.userId, respond, t }, textCard(t("errors.internal"))).catch(
        (answerErr: unknown) => log.warn({ err: answerErr }, "could not tell the user the button failed"),
      );
    }
  };
};
