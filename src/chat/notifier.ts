import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { WebClient } from "@slack/web-api";
import { CardFactory, MessageFactory } from "botbuilder";
import type { DeliveryReceipt, Notifier, Recipient } from "../core/ports.js";
import type { Card } from "../core/ui/card.js";
import type { TeamsConversationRepository } from "../db/teams-conversation-repository.js";
import { KursError } from "../errors.js";
import type { Logger } from "../logger.js";
import { renderText } from "./console/render-text.js";
import { renderOptionsFor } from "./render-options-for.js";
import { renderBlockKit } from "./slack/render-block-kit.js";
import { renderAdaptiveCard } from "./teams/render-adaptive-card.js";

export interface NotifierDeps {
  readonly slack?: WebClient;
  readonly teams?: {
    readonly adapter: TeamsAdapter;
    readonly appId: string;
    readonly conversations: TeamsConversationRepository;
  };
  readonly log: Logger;
}

/**
 * Sends a Card to a person's direct chat on every platform they are linked to. Slack's WebClient
 * retries 429s after Retry-After itself; a failure on one platform does not stop the other, but
 * is thrown afterwards so the job retries (its unique row keeps the other platform from a repeat).
 */
export class ChatNotifier implements Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  async sendDirect(tenantId: string, recipient: Recipient, card: Card): Promise<readonly DeliveryReceipt[]> {
    const receipts: DeliveryReceipt[] = [];
    const errors: unknown[] = [];
    const opts = renderOptionsFor(recipient.locale);
    if (this.deps.slack && recipient.slackUserId) {
      try {
        for (const message of renderBlockKit(card, opts)) {
          const result = await this.deps.slack.chat.postMessage({
            channel: recipient.slackUserId,
            text: message.text,
            blocks: message.blocks,
          });
          receipts.push({ platform: "slack", ref: `${result.channel ?? recipient.slackUserId}:${result.ts ?? ""}` });
        }
      } catch (err) {
        errors.push(err);
      }
    }
    const teams = this.deps.teams;
    if (teams && recipient.teamsAadObjectId) {
      const reference = await teams.conversations.get(tenantId, recipient.id);
      if (reference) {
        try {
          await teams.adapter.continueConversationAsync(teams.appId, reference, async (context) => {
            const json = { ...renderAdaptiveCard(card, opts), fallbackText: renderText(card, opts) };
            const message = MessageFactory.attachment(CardFactory.adaptiveCard(json));
            message.summary = card.summary;
            const response = await context.sendActivity(message);
            receipts.push({ platform: "teams", ref: response?.id ?? "" });
          });
        } catch (err) {
          errors.push(err);
        }
      } else {
        this.deps.log.debug(
          { personId: recipient.id },
          "no Teams conversation yet; the person has not talked to Kurs in Teams",
        );
      }
    }
    if (errors.length > 0) {
      throw new KursError("DELIVERY_FAILED", `could not reach person ${recipient.id} on every platform`, {
        cause: errors,
      });
    }
    return receipts;
  }
}
