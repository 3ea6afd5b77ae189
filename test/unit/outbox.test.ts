import { describe, expect, it } from "vitest";
import type { Platform } from "../../src/core/org/types.js";
import type { DeliveryRenderers, JsonObject } from "../../src/core/ports.js";
import { backoffMs, type DeliverDeps, deliverOne, MAX_DELIVERY_ATTEMPTS } from "../../src/delivery/deliver.js";
import type { RateLimiter } from "../../src/delivery/rate-limit.js";
import {
  type ChatSender,
  type ClaimedDelivery,
  type DeliveryState,
  type DeliveryStore,
  RateLimitedError,
} from "../../src/delivery/types.js";
import { createLogger } from "../../src/logger.js";
import { TestClock } from "../helpers/test-clock.js";

const TENANT = "00000000-0000-4000-8000-000000000001";
const PERSON = "00000000-0000-4000-8000-0000000000aa";

interface Row extends ClaimedDelivery {
  state: DeliveryState;
  reason: string | null;
  messageId: string | null;
}

/** The outbox table in memory, with the same compare-and-set rules as the Prisma repository. */
class MemoryStore implements DeliveryStore {
  readonly rows = new Map<string, Row>();

  add(id: string, purpose: string, platform: Platform, notBefore: Date): void {
    this.rows.set(id, {
      id,
      tenantId: TENANT,
      purpose,
      subject: "s1",
      personId: PERSON,
      platform,
      notBefore,
      leaseUntil: new Date(0),
      attempts: 0,
      payload: null,
      state: "pending",
      reason: null,
      messageId: null,
    });
  }

  row(id: string): Row {
    const row = this.rows.get(id);
    if (!row) throw new Error(`no row ${id}`);
    return row;
  }

  async get(tenantId: string, id: string) {
    const row = this.rows.get(id);
    return row && row.tenantId === tenantId ? { ...row } : null;
  }

  async claim(tenantId: string, id: string, now: Date, leaseMs: number) {
    const row = this.rows.get(id);
    if (!row || row.tenantId !== tenantId) return null;
    const free = (row.state === "pending" && row.notBefore <= now) || (row.state === "claimed" && row.leaseUntil < now);
    if (!free) return null;
    Object.assign(row, { state: "claimed", leaseUntil: new Date(now.getTime() + leaseMs), attempts: row.attempts + 1 });
    return { ...row };
  }

  private holds(claim: ClaimedDelivery): Row | null {
    const row = this.rows.get(claim.id);
    return row && row.state === "claimed" && row.leaseUntil.getTime() === claim.leaseUntil.getTime() ? row : null;
  }

  async markSent(claim: ClaimedDelivery, sent: { channel: string; messageId: string; record?: JsonObject }) {
    const row = this.holds(claim);
    if (!row) return false;
    Object.assign(row, { state: "sent", messageId: sent.messageId });
    return true;
  }

  async release(claim: ClaimedDelivery, retry: { notBefore: Date; reason: string; refundAttempt: boolean }) {
    const row = this.holds(claim);
    if (!row) return false;
    Object.assign(row, {
      state: "pending",
      notBefore: retry.notBefore,
      reason: retry.reason,
      attempts: retry.refundAttempt ? row.attempts - 1 : row.attempts,
    });
    return true;
  }

  async finish(claim: ClaimedDelivery, state: "failed" | "unreachable" | "cancelled", reason: string) {
    const row = this.holds(claim);
    if (!row) return false;
    Object.assign(row, { state, reason });
    return true;
  }

  async due() {
    return [];
  }

  async recipient(_tenantId: string, personId: string) {
    return { id: personId, slackUserId: "U1", teamsAadObjectId: "aad-1" };
  }
}

const renderers: DeliveryRenderers = {
  "test.hello": {
    render: async () => ({ kind: "message", locale: "de", card: { summary: "Hallo", blocks: [] } }),
  },
  "test.moot": { render: async () => ({ kind: "cancel", reason: "nothing to say any more" }) },
};

function setup(send: ChatSender["send"], limiter?: RateLimiter) {
  const store = new MemoryStore();
  const clock = new TestClock(new Date("2026-11-27T09:00:00Z"));
  const blocks: number[] = [];
  const deps: DeliverDeps = {
    store,
    renderers,
    sender: { send },
    limiter: limiter ?? {
      take: async () => ({ waitMs: 0, reserved: true }),
      block: async (_t, _p, ms) => {
        blocks.push(ms);
      },
    },
    clock,
    log: createLogger("silent"),
  };
  return { store, clock, deps, blocks };
}

const ok: ChatSender["send"] = async () => ({ kind: "sent", channel: "D1", messageId: "1.2" });

describe("deliverOne", () => {
  it("fails a row whose purpose has no renderer, with the reason, and never sends", async () => {
    let sends = 0;
    const { store, clock, deps } = setup(async (...args) => {
      sends += 1;
      return ok(...args);
    });
    store.add("d1", "test.unknown", "slack", clock.now());
    expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toEqual({
      kind: "failed",
      reason: "no renderer for purpose test.unknown",
    });
    expect(store.row("d1").state).toBe("failed");
    expect(sends).toBe(0);
  });

  it("closes a row the renderer cancels", async () => {
    const { store, clock, deps } = setup(ok);
    store.add("d1", "test.moot", "teams", clock.now());
    expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toMatchObject({ kind: "cancelled" });
    expect(store.row("d1")).toMatchObject({ state: "cancelled", reason: "nothing to say any more" });
  });

  it("waits out a 429: the bucket is blocked for Retry-After and the attempt is given back", async () => {
    let calls = 0;
    const { store, clock, deps, blocks } = setup(async (...args) => {
      calls += 1;
      if (calls <= 3) throw new RateLimitedError("slack", 7_000);
      return ok(...args);
    });
    store.add("d1", "test.hello", "slack", clock.now());
    for (let i = 0; i < 3; i += 1) {
      const outcome = await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" });
      expect(outcome).toEqual({ kind: "later", at: new Date(clock.now().getTime() + 7_000), why: "rate-limit" });
      expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toMatchObject({ why: "not-due" });
      clock.advance(7_000);
    }
    expect(blocks).toEqual([7_000, 7_000, 7_000]);
    expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toEqual({ kind: "sent", leaseLost: false });
    expect(store.row("d1")).toMatchObject({ state: "sent", attempts: 1, messageId: "1.2" });
  });

  it("does not claim while the rate limit says wait, and retries transient errors with backoff until failed", async () => {
    let waits = 1;
    const limiter: RateLimiter = {
      take: async () => (waits-- > 0 ? { waitMs: 900, reserved: false } : { waitMs: 0, reserved: true }),
      block: async () => undefined,
    };
    const { store, clock, deps } = setup(async () => {
      throw new Error("connector 502");
    }, limiter);
    store.add("d1", "test.hello", "teams", clock.now());
    expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toMatchObject({ why: "rate-limit" });
    expect(store.row("d1")).toMatchObject({ state: "pending", attempts: 0 });
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt += 1) {
      expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toMatchObject({ why: "retry" });
      expect(store.row("d1")).toMatchObject({ state: "pending", attempts: attempt, reason: "connector 502" });
      clock.advance(backoffMs(attempt));
    }
    expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toEqual({
      kind: "failed",
      reason: "connector 502",
    });
    expect(store.row("d1")).toMatchObject({ state: "failed", attempts: MAX_DELIVERY_ATTEMPTS });
    expect(await deliverOne(deps, { tenantId: TENANT, deliveryId: "d1" })).toEqual({ kind: "closed", state: "failed" });
  });

  it("backs off from 10 s, doubling, capped at an hour", () => {
    expect([1, 2, 3, 4, 10, 11, 12].map(backoffMs)).toEqual([
      10_000, 20_000, 40_000, 80_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });
});
