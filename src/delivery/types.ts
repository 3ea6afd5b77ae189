import type { Locale, Platform } from "../core/org/types.js";
import type { DeliveryFile, JsonObject } from "../core/ports.js";
import type { Card } from "../core/ui/card.js";

/** A delivery row as one attempt holds it: `leaseUntil` is that attempt's claim, the guard of every later write. */
export interface ClaimedDelivery {
  readonly id: string;
  readonly tenantId: string;
  readonly purpose: string;
  readonly subject: string;
  /** Null for a delivery to a channel (toChannel). */
  readonly personId: string | null;
  /** The channel of a delivery to a channel; absent or null for a direct message. */
  readonly toChannel?: string | null;
  readonly platform: Platform;
  readonly notBefore: Date;
  readonly leaseUntil: Date;
  readonly attempts: number;
  readonly payload: JsonObject | null;
}

export type DeliveryState = "pending" | "claimed" | "sent" | "failed" | "unreachable" | "cancelled";
export type FinalState = "failed" | "unreachable" | "cancelled";

export interface DueDelivery {
  readonly id: string;
  readonly tenantId: string;
}

/** The outbox table as the delivery runtime uses it (src/db/delivery-repository.ts). */
export interface DeliveryStore {
  get(tenantId: string, id: string): Promise<(ClaimedDelivery & { readonly state: DeliveryState }) | null>;
  /** Compare-and-set: pending and due, or claimed with an expired lease, becomes claimed until now + leaseMs. */
  claim(tenantId: string, id: string, now: Date, leaseMs: number): Promise<ClaimedDelivery | null>;
  /** Records the send; false when the lease had been taken over meanwhile (the row is still marked sent). */
  markSent(
    claim: ClaimedDelivery,
    sent: { readonly channel: string; readonly messageId: string; readonly record?: JsonObject },
    at: Date,
  ): Promise<boolean>;
  /** Back to pending, due at `notBefore`; only while this claim still holds the row. */
  release(
    claim: ClaimedDelivery,
    retry: { readonly notBefore: Date; readonly reason: string; readonly refundAttempt: boolean },
  ): Promise<boolean>;
  finish(claim: ClaimedDelivery, state: FinalState, reason: string): Promise<boolean>;
  /** Due rows, oldest first; `tenantId` narrows it to one tenant. */
  due(now: Date, limit: number, tenantId?: string): Promise<readonly DueDelivery[]>;
  /** The person's chat ids; null when unknown or deactivated. */
  recipient(tenantId: string, personId: string): Promise<DeliveryRecipient | null>;
}

/** Where a message landed: Slack channel + ts, Teams conversation id + activity id. */
export interface SentMessage {
  readonly channel: string;
  readonly messageId: string;
}

export type SendResult =
  | ({ readonly kind: "sent" } & SentMessage)
  /** The platform cannot reach this person; retrying would not help (e.g. Teams app not installed). */
  | { readonly kind: "unreachable"; readonly reason: string };

export interface DeliveryRecipient {
  readonly id: string;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
}

/**
 * Sends one card (and its files, e.g. a calendar invitation) to one person on exactly one platform
 * (src/chat/notifier.ts). Throws RateLimitedError on a 429 and any other error for a transient
 * failure (both are retried).
 */
export interface ChatSender {
  send(
    tenantId: string,
    platform: Platform,
    recipient: DeliveryRecipient,
    card: Card,
    locale: Locale,
    files?: readonly DeliveryFile[],
  ): Promise<SendResult>;
  /** Posts one card into a channel; a sender without it reaches people only (Slack channel id, Teams channel conversation id). */
  sendToChannel?(
    tenantId: string,
    platform: Platform,
    channel: string,
    card: Card,
    locale: Locale,
  ): Promise<SendResult>;
}

/** The platform asked us to slow down (Slack 429 Retry-After, Teams 429): wait, then send again. */
export class RateLimitedError extends Error {
  readonly code = "RATE_LIMITED";
  constructor(
    readonly platform: Platform,
    readonly retryAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(`${platform} rate limit: retry after ${retryAfterMs} ms`, options);
    this.name = "RateLimitedError";
  }
}
