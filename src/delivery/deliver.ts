import type { Clock, DeliveryRenderers } from "../core/ports.js";
import type { Logger } from "../logger.js";
import type { RateLimiter } from "./rate-limit.js";
import { type ChatSender, type ClaimedDelivery, type DeliveryStore, RateLimitedError } from "./types.js";

/**
 * How long a claimed row stays reserved for the attempt that claimed it: longer than one send
 * takes (the notifier does not wait out 429s inside the send, it hands them back), short enough that
 * a crashed worker's row is taken over within minutes.
 */
export const DELIVERY_LEASE_MS = 2 * 60 * 1000;
/** Transient failures (platform down, 5xx) are retried this often before the row is failed. */
export const MAX_DELIVERY_ATTEMPTS = 12;
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_CAP_MS = 60 * 60 * 1000;

/** 10 s doubling, capped at an hour: twelve attempts span about three and a half hours. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
}

export interface DeliverDeps {
  readonly store: DeliveryStore;
  readonly renderers: DeliveryRenderers;
  readonly sender: ChatSender;
  readonly limiter: RateLimiter;
  readonly clock: Clock;
  readonly log: Logger;
}

export type DeliverOutcome =
  | { readonly kind: "sent"; readonly leaseLost: boolean }
  /** Sent, failed, unreachable or cancelled before: nothing to do (a duplicate job, a retry after success). */
  | { readonly kind: "closed"; readonly state: string }
  | { readonly kind: "gone" }
  /** Not to be sent yet: not due, another attempt holds the lease, the rate limit, or a retry after a failure. */
  | { readonly kind: "later"; readonly at: Date; readonly why: "not-due" | "busy" | "rate-limit" | "retry" }
  | { readonly kind: "unreachable"; readonly reason: string }
  | { readonly kind: "cancelled"; readonly reason: string }
  | { readonly kind: "failed"; readonly reason: string };

function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 500);
}

/**
 * Delivers one outbox row on its one platform. The protocol (every write a compare-and-set):
 * 1. Read the row. Closed (sent, failed, unreachable, cancelled): done. Pending but not due, or
 *    claimed under a live lease: "later" (the job waits until then; the sweep is the backstop).
 * 2. Take a token from the tenant's bucket for the platform: a slot now, a slot reserved a moment
 *    ahead (waited out here), or "later" (no claim taken).
 * 3. Claim: pending-and-due or lease-expired becomes claimed until now + DELIVERY_LEASE_MS. Of two
 *    concurrent attempts exactly one matches; the other reads the row again.
 * 4. Render through the purpose's renderer (core decides content). Cancel closes the row.
 * 5. Send. 429: release the row without counting the attempt, block the bucket for Retry-After,
 *    "later". Unreachable: close with the reason. Other error: release with a backoff, or fail
 *    after MAX_DELIVERY_ATTEMPTS.
 * 6. Mark sent with the platform's channel and message id, guarded by this claim's lease.
 *
 * The one double-send window: the process dies after the platform accepted the message and before
 * step 6 commits. The lease expires and a retry sends again; a repeated message is chosen over a
 * skipped one, and neither Slack nor Teams offers an idempotency key to close it. A crash anywhere
 * else (before the send, or after the mark) neither repeats nor skips anyone.
 */
export async function deliverOne(
  deps: DeliverDeps,
  input: { readonly tenantId: string; readonly deliveryId: string },
): Promise<DeliverOutcome> {
  const now = deps.clock.now();
  const row = await deps.store.get(input.tenantId, input.deliveryId);
  if (!row) return { kind: "gone" };
  if (row.state === "claimed") {
    if (row.leaseUntil.getTime() >= now.getTime()) return { kind: "later", at: row.leaseUntil, why: "busy" };
  } else if (row.state === "pending") {
    if (row.notBefore.getTime() > now.getTime()) return { kind: "later", at: row.notBefore, why: "not-due" };
  } else {
    return { kind: "closed", state: row.state };
  }

  const rate = await deps.limiter.take(row.tenantId, row.platform);
  if (rate.waitMs > 0 && !rate.reserved) {
    return { kind: "later", at: new Date(now.getTime() + rate.waitMs), why: "rate-limit" };
  }
  // A reserved slot a moment ahead: wait here rather than requeue (bounded by the limiter's reserve).
  if (rate.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, rate.waitMs));

  const claim = await deps.store.claim(row.tenantId, row.id, deps.clock.now(), DELIVERY_LEASE_MS);
  if (!claim) {
    // Another attempt won the race; what it leaves behind decides what this job does.
    const again = await deps.store.get(row.tenantId, row.id);
    if (!again) return { kind: "gone" };
    if (again.state === "claimed") return { kind: "later", at: again.leaseUntil, why: "busy" };
    if (again.state === "pending") return { kind: "later", at: again.notBefore, why: "not-due" };
    return { kind: "closed", state: again.state };
  }
  return sendClaimed(deps, claim);
}

async function sendClaimed(deps: DeliverDeps, claim: ClaimedDelivery): Promise<DeliverOutcome> {
  const renderer = deps.renderers[claim.purpose];
  if (!renderer) {
    const reason = `no renderer for purpose ${claim.purpose}`;
    await deps.store.finish(claim, "failed", reason);
    return { kind: "failed", reason };
  }
  // A channel row has no person to look up; a person row whose person left is cancelled.
  const toChannel = claim.toChannel ?? null;
  const recipient = claim.personId === null ? null : await deps.store.recipient(claim.tenantId, claim.personId);
  if (toChannel === null && !recipient) {
    const reason = "person unknown or deactivated";
    await deps.store.finish(claim, "cancelled", reason);
    return { kind: "cancelled", reason };
  }
  let rendered: Awaited<ReturnType<typeof renderer.render>>;
  try {
    rendered = await renderer.render({
      tenantId: claim.tenantId,
      deliveryId: claim.id,
      purpose: claim.purpose,
      subject: claim.subject,
      personId: claim.personId ?? "",
      channel: toChannel,
      platform: claim.platform,
      notBefore: claim.notBefore,
      payload: claim.payload,
    });
  } catch (err) {
    return retryOrFail(deps, claim, err);
  }
  if (rendered.kind === "cancel") {
    await deps.store.finish(claim, "cancelled", rendered.reason);
    return { kind: "cancelled", reason: rendered.reason };
  }
  let result: Awaited<ReturnType<ChatSender["send"]>>;
  try {
    result =
      toChannel !== null
        ? deps.sender.sendToChannel
          ? await deps.sender.sendToChannel(claim.tenantId, claim.platform, toChannel, rendered.card, rendered.locale)
          : { kind: "unreachable", reason: "this sender cannot post to channels" }
        : recipient
          ? await deps.sender.send(
              claim.tenantId,
              claim.platform,
              recipient,
              rendered.card,
              rendered.locale,
              rendered.files,
            )
          : { kind: "unreachable", reason: "no recipient" };
  } catch (err) {
    if (err instanceof RateLimitedError) {
      const at = new Date(deps.clock.now().getTime() + err.retryAfterMs);
      await deps.limiter.block(claim.tenantId, claim.platform, err.retryAfterMs);
      // Not the message's fault: the attempt is given back, so a long throttle never fails a row.
      await deps.store.release(claim, { notBefore: at, reason: err.message, refundAttempt: true });
      return { kind: "later", at, why: "rate-limit" };
    }
    return retryOrFail(deps, claim, err);
  }
  if (result.kind === "unreachable") {
    await deps.store.finish(claim, "unreachable", result.reason);
    return { kind: "unreachable", reason: result.reason };
  }
  const recorded = await deps.store.markSent(
    claim,
    { channel: result.channel, messageId: result.messageId, record: rendered.record },
    deps.clock.now(),
  );
  return { kind: "sent", leaseLost: !recorded };
}

async function retryOrFail(deps: DeliverDeps, claim: ClaimedDelivery, err: unknown): Promise<DeliverOutcome> {
  const reason = reasonOf(err);
  deps.log.warn(
    { err, tenantId: claim.tenantId, deliveryId: claim.id, platform: claim.platform, attempts: claim.attempts },
    "delivery attempt failed",
  );
  if (claim.attempts >= MAX_DELIVERY_ATTEMPTS) {
    await deps.store.finish(claim, "failed", reason);
    return { kind: "failed", reason };
  }
  const at = new Date(deps.clock.now().getTime() + backoffMs(claim.attempts));
  await deps.store.release(claim, { notBefore: at, reason, refundAttempt: false });
  return { kind: "later", at, why: "retry" };
}
