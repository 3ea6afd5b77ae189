import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import type { Locale } from "../../src/core/org/types.js";
import type { Form } from "../../src/core/ui/card.js";
import { adaptiveCardFor } from "./render-adaptive.js";

/**
 * Sends a Form as an Adaptive Card in the chat. Its submit is an Action.Execute with verb = form.id,
 * so the answer (the form again with errors, or a confirmation) replaces this card in place.
 */
export async function replyWithForm(context: TurnContext, form: Form, locale: Locale): Promise<void> {
  const message = MessageFactory.attachment(CardFactory.adaptiveCard(adaptiveCardFor({ kind: "form", form }, locale)));
  message.summary = form.title;
  message.locale = locale;
  await context.sendActivity(message);
}
