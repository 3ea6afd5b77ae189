import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderBlockKit } from "../../src/chat/slack/render-block-kit.js";
import type { Card } from "../../src/core/ui/card.js";
import type { Translate } from "../../src/core/ui/i18n/index.js";

/** Slack accepts at most five messages per response_url (within 30 minutes). */
const RESPONSE_URL_USES = 5;

/** Where an answer to one person can go. */
export interface ReplyTarget {
  readonly client: WebClient;
  readonly userId: string;
  /** Absent where Slack gives no response_url (buttons on the App Home). */
  readonly respond: RespondFn | undefined;
  /** The person's language, for the renderer and the "sent as a DM" note. */
  readonly t: Translate;
}

/**
 * A card as the answer to a command or button: ephemeral replies through response_url, one per
 * message a long card needs. A card longer than response_url allows (a director's whole cascade)
 * goes, whole and in order, to the person's DM instead, with an ephemeral note pointing there;
 * without a response_url it goes to the DM anyway.
 */
export async function replyWithCard(target: ReplyTarget, card: Card): Promise<void> {
  const messages = renderBlockKit(card, renderOptionsFor(target.t.locale));
  const { respond } = target;
  if (respond && messages.length <= RESPONSE_URL_USES) {
    for (const message of messages) {
      await respond({
        response_type: "ephemeral",
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
    }
    return;
  }
  for (const message of messages) {
    await target.client.chat.postMessage({ channel: target.userId, text: message.text, blocks: message.blocks });
  }
  if (respond) await replyWithCard(target, textCard(target.t("common.sentAsDm")));
}

/**
 * A card as a direct message from the app (chat.postMessage to a user id lands in the app's
 * Messages tab): the confirmation after a modal, which has no response_url.
 */
export async function sendCardToUser(client: WebClient, userId: string, card: Card, t: Translate): Promise<void> {
  await replyWithCard({ client, userId, respond: undefined, t }, card);
}

/** A one-line card for texts that come straight from the catalog (errors). */
export function textCard(text: string): Card {
  return { summary: text, blocks: [{ type: "text", text }] };
}
