import type { Redis } from "ioredis";
import type { Platform } from "../core/org/types.js";

/** Sends per second and burst per tenant and platform. */
export interface RateLimits {
  readonly slack: number;
  readonly teams: number;
}

/**
 * Per tenant and platform send rate, in Redis so every worker replica shares one budget.
 * `take` answers { waitMs: 0 } when a send may go now. A short wait comes back `reserved`: the
 * slot is the caller's, who waits it out and sends without asking again (so waiting senders do
 * not poll in a herd). A longer wait is not reserved: the caller defers and asks again later.
 * `block` holds every send of that tenant and platform back, for a 429's Retry-After.
 */
export interface RateLimiter {
  take(tenantId: string, platform: Platform): Promise<RateDecision>;
  block(tenantId: string, platform: Platform, ms: number): Promise<void>;
}

export interface RateDecision {
  readonly waitMs: number;
  readonly reserved: boolean;
}

/**
 * A token bucket in one Lua script (atomic across replicas): capacity = burst, refilled at `rate`
 * per second, using Redis' own clock so workers' clocks may disagree. Tokens may go negative by
 * up to `maxReserveMs` worth of sends: those are reservations. A block key set with PX makes every
 * taker wait it out. Returns { waitMs, reserved (1|0) }.
 */
const TAKE = `
local bucket = KEYS[1]
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then return {blocked, 0} end
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local maxReserve = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', bucket, 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + (now - at) * rate / 1000)
local wait = 0
local reserved = 1
if tokens < 1 then
  wait = math.ceil((1 - tokens) * 1000 / rate)
  if wait > maxReserve then reserved = 0 end
end
if reserved == 1 then tokens = tokens - 1 end
redis.call('HSET', bucket, 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', bucket, math.ceil((burst * 1000 + maxReserve) / rate) + 1000)
return {wait, reserved}
`;

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: RateLimits,
    /** Seconds' worth of sends allowed at once: Slack tolerates short bursts. */
    private readonly burstSeconds = 2,
    /** How far ahead a sender may reserve its slot and wait in place. */
    private readonly maxReserveMs = 3_000,
  ) {}

  private keys(tenantId: string, platform: Platform): [string, string] {
    const base = `${this.prefix}:outbox:rate:${tenantId}:${platform}`;
    return [base, `${base}:blocked`];
  }

  async take(tenantId: string, platform: Platform): Promise<RateDecision> {
    const rate = this.limits[platform];
    const burst = Math.max(1, Math.ceil(rate * this.burstSeconds));
    const [bucket, blocked] = this.keys(tenantId, platform);
    const answer = await this.redis.eval(
      TAKE,
      2,
      bucket,
      blocked,
      String(rate),
      String(burst),
      String(this.maxReserveMs),
    );
    const [wait, reserved] = Array.isArray(answer) ? answer : [answer, 0];
    return { waitMs: Number(wait), reserved: Number(reserved) === 1 };
  }

  async block(tenantId: string, platform: Platform, ms: number): Promise<void> {
    if (ms <= 0) return;
    const [, blocked] = this.keys(tenantId, platform);
    // Keeps the longer of two blocks: a shorter Retry-After must not cut a longer one short.
    const current = await this.redis.pttl(blocked);
    if (current < ms) await this.redis.set(blocked, "1", "PX", Math.ceil(ms));
  }
}

/** No limits, for tests of the claim protocol that are not about rates. */
export const unlimited: RateLimiter = {
  take: async () => ({ waitMs: 0, reserved: true }),
  block: async () => undefined,
};
