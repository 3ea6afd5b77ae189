/**
 * A modal opened from a button in a message carries that message's response_url in its
 * private_metadata, next to core's own metadata, so the submit can refresh the message the person
 * clicked in (a view_submission has no response_url of its own). Slack hands private_metadata back
 * unchanged and signed, so the URL cannot be forged by the client.
 */
const MARK = "kursOrigin";

export function withOrigin(metadata: string | undefined, responseUrl: string | undefined): string | undefined {
  if (!responseUrl) return metadata;
  return JSON.stringify({ [MARK]: responseUrl, metadata: metadata ?? null });
}

export function splitOrigin(privateMetadata: string): { metadata: string; responseUrl: string | undefined } {
  if (!privateMetadata.includes(MARK)) return { metadata: privateMetadata, responseUrl: undefined };
  try {
    const value = JSON.parse(privateMetadata) as Record<string, unknown>;
    const url = value[MARK];
    if (typeof url === "string") {
      return { metadata: typeof value.metadata === "string" ? value.metadata : "", responseUrl: url };
    }
  } catch {
    // Core metadata that merely contains the word: hand it through untouched.
  }
  return { metadata: privateMetadata, responseUrl: undefined };
}
