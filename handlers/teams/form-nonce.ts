import { randomUUID } from "node:crypto";
import type { Form } from "../../src/core/ui/card.js";

/**
 * A Teams form card carries a nonce next to core's metadata. A double click on its submit (or a
 * re-sent invoke) carries the same nonce, which the dispatcher claims once, so the form saves once.
 */
const MARK = "kursNonce";

export function withNonce(form: Form): Form {
  return { ...form, metadata: JSON.stringify({ [MARK]: randomUUID(), metadata: form.metadata ?? null }) };
}

export function splitNonce(metadata: string | undefined): { metadata: string; nonce: string | undefined } {
  if (metadata === undefined || !metadata.includes(MARK)) return { metadata: metadata ?? "", nonce: undefined };
  try {
    const value = JSON.parse(metadata) as Record<string, unknown>;
    const nonce = value[MARK];
    if (typeof nonce === "string") {
      return { metadata: typeof value.metadata === "string" ? value.metadata : "", nonce: nonce.slice(0, 64) };
    }
  } catch {
    // Core metadata that merely contains the word: hand it through untouched.
  }
  return { metadata, nonce: undefined };
}
