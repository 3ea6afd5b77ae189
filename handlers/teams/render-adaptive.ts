import { renderFormText, renderText } from "../../src/chat/console/render-text.js";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import {
  type AdaptiveCardJson,
  renderAdaptiveCard,
  renderAdaptiveForm,
} from "../../src/chat/teams/render-adaptive-card.js";
import type { Locale } from "../../src/core/org/types.js";
import type { Reply } from "../../src/core/ui/reply.js";

/** What a Teams handler shows: a Card, or a Form whose submit comes back as an Action.Execute verb. */

/**
 * The Adaptive Card for a Card or a Form, with a plain-text fallback for clients that cannot
 * render it. Messages and invoke responses (which replace the card in the chat) use the same JSON.
 */
export function adaptiveCardFor(view: Reply, locale: Locale): AdaptiveCardJson {
  const opts = renderOptionsFor(locale);
  if (view.kind === "form") return { ...renderAdaptiveForm(view.form, opts), fallbackText: renderFormText(view.form) };
  return { ...renderAdaptiveCard(view.card, opts), fallbackText: renderText(view.card, opts) };
}
