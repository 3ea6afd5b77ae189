import type { Card, Form } from "./card.js";

/** What a command or button answers: a card to show, or a form to open. */
export type Reply =
  /** `inChannel`: everyone in the conversation the command was typed in sees it (a live poll), not only the sender. */
  | { readonly kind: "card"; readonly card: Card; readonly inChannel?: boolean }
  | { readonly kind: "form"; readonly form: Form };

/**
 * What a form submit answers: the form again with field errors (and what was typed), a refusal
 * naming who may instead, or what was saved with its confirmation card.
 */
export type SubmitOutcome<Saved extends object> =
  | { readonly kind: "invalid"; readonly form: Form; readonly errors: Readonly<Record<string, string>> }
  | { readonly kind: "refused"; readonly card: Card }
  | ({ readonly kind: "saved"; readonly card: Card } & Saved);
