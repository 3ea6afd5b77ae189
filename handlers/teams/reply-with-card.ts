import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import { renderText } from "../../src/chat/console/render-text.js";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderAdaptiveCard } from "../../src/chat/teams/render-adaptive-card.js";
import type { Locale } from "../../src/core/org/types.js";
import type { Card } from "../../src/core/ui/card.js";

/** Sends a Card as an Adaptive Card with its plain-text rendering as the notification/fallback text. */
export async function replyWithCard(context: TurnContext, card: Card, locale: Locale): Promise<void> {
  const opts = renderOptionsFor(locale);
  // fallbackText is what clients that cannot render the card (and screen readers' summaries) show.
  const json = { ...renderAdaptiveCard(card, opts), fallbackText: renderText(card, opts) };
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(json));
  // Teams shows `summary` in notifications and the chat list.
  message.summary = card.summary;
  message.locale = locale;
  await context.sendActivity(message);
}
