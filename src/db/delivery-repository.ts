import type { Platform } from "../core/org/types.js";
import type { DeliveryPlan, DeliverySummary, JsonObject, Outbox } from "../core/ports.js";
import type { ClaimedDelivery, DeliveryStore, DueDelivery, FinalState } from "../delivery/types.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

/** A Prisma client or an interactive transaction: plans are written inside their cause's transaction. */
type Db = Pick<PrismaClient, "delivery">;

const claimedSelect = {
  id: true,
  tenantId: true,
  purpose: true,
  subject: true,
  personId: true,
  toChannel: true,
  platform: true,
  notBefore: true,
  leaseUntil: true,
  attempts: true,
  payload: true,
} as const;

function toJson(value: JsonObject | undefined): Prisma.InputJsonValue | undefined {
  return value === undefined ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);
}

function asObject(value: Prisma.JsonValue | null): JsonObject | null {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : null;
}

/**
 * Writes a plan's pending rows (INSERT … ON CONFLICT DO NOTHING on the unique key), so planning the
 * same thing twice (a second scan, a retried request) adds nothing. Returns the rows written now.
 */
export async function writePlan(db: Db, tenantId: string, plan: DeliveryPlan): Promise<readonly string[]> {
  if (plan.targets.length === 0) return [];
  const rows = await db.delivery.createManyAndReturn({
    data: plan.targets.map((target) => ({
      tenantId,
      purpose: plan.purpose,
      subject: plan.subject,
      ...("personId" in target ? { personId: target.personId } : { toChannel: target.channel }),
      platform: target.platform,
      notBefore: plan.notBefore,
      payload: toJson(plan.payload),
    })),
    skipDuplicates: true,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

export async function deliverySummary(
  db: Db,
  tenantId: string,
  purpose: string,
  subject: string,
): Promise<DeliverySummary> {
  const rows = await db.delivery.findMany({
    where: { tenantId, purpose, subject, personId: { not: null } },
    select: { personId: true, platform: true, state: true, reason: true },
  });
  const people = rows.flatMap((r) => (r.personId === null ? [] : [{ ...r, personId: r.personId }]));
  const reached = new Set(people.filter((r) => r.state === "sent").map((r) => r.personId));
  return {
    reached: [...reached],
    waiting: people.filter((r) => r.state === "pending" || r.state === "claimed").length,
    unreachable: people
      .filter((r) => (r.state === "unreachable" || r.state === "failed") && !reached.has(r.personId))
      .map((r) => ({ personId: r.personId, platform: r.platform as Platform, reason: r.reason ?? r.state })),
  };
}

/**
 * The outbox table. Every state change after the insert is one compare-and-set UPDATE (guarded by
 * state and, once claimed, by the claim's own leaseUntil), so PostgreSQL decides every race between
 * two workers, a stalled job and its retry, or a sweep and the fast path.
 */
export class PrismaDeliveryRepository implements Outbox, DeliveryStore {
  constructor(private readonly prisma: PrismaClient) {}

  plan(tenantId: string, plan: DeliveryPlan): Promise<readonly string[]> {
    return writePlan(this.prisma, tenantId, plan);
  }

  summary(tenantId: string, purpose: string, subject: string): Promise<DeliverySummary> {
    return deliverySummary(this.prisma, tenantId, purpose, subject);
  }

  async get(tenantId: string, id: string) {
    const row = await this.prisma.delivery.findFirst({
      where: { tenantId, id },
      select: { ...claimedSelect, state: true },
    });
    return row ? { ...toClaimed(row), state: row.state } : null;
  }

  async claim(tenantId: string, id: string, now: Date, leaseMs: number): Promise<ClaimedDelivery | null> {
    const [row] = await this.prisma.delivery.updateManyAndReturn({
      where: {
        tenantId,
        id,
        OR: [
          { state: "pending", notBefore: { lte: now } },
          { state: "claimed", leaseUntil: { lt: now } },
        ],
      },
      data: { state: "claimed", leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
      select: claimedSelect,
    });
    return row ? toClaimed(row) : null;
  }

  async markSent(
    claim: ClaimedDelivery,
    sent: { readonly channel: string; readonly messageId: string; readonly record?: JsonObject },
    at: Date,
  ): Promise<boolean> {
    const data = {
      state: "sent" as const,
      sentAt: at,
      leaseUntil: null,
      channel: sent.channel,
      messageId: sent.messageId,
      reason: null,
      ...(sent.record ? { payload: toJson(sent.record) } : {}),
    };
    const mine = await this.prisma.delivery.updateMany({
      where: { tenantId: claim.tenantId, id: claim.id, state: "claimed", leaseUntil: claim.leaseUntil },
      data,
    });
    if (mine.count === 1) return true;
    // The lease ran out and another attempt took the row over: the message did go out, so say so
    // unless that attempt already closed the row.
    await this.prisma.delivery.updateMany({
      where: { tenantId: claim.tenantId, id: claim.id, state: { in: ["pending", "claimed"] } },
      data,
    });
    return false;
  }

  async release(
    claim: ClaimedDelivery,
    retry: { readonly notBefore: Date; readonly reason: string; readonly refundAttempt: boolean },
  ): Promise<boolean> {
    const updated = await this.prisma.delivery.updateMany({
      where: { tenantId: claim.tenantId, id: claim.id, state: "claimed", leaseUntil: claim.leaseUntil },
      data: {
        state: "pending",
        leaseUntil: null,
        notBefore: retry.notBefore,
        reason: retry.reason,
        ...(retry.refundAttempt ? { attempts: { decrement: 1 } } : {}),
      },
    });
    return updated.count === 1;
  }

  async finish(claim: ClaimedDelivery, state: FinalState, reason: string): Promise<boolean> {
    const updated = await this.prisma.delivery.updateMany({
      where: { tenantId: claim.tenantId, id: claim.id, state: "claimed", leaseUntil: claim.leaseUntil },
      data: { state, reason, leaseUntil: null },
    });
    return updated.count === 1;
  }

  /** Active people only: someone who left is not messaged any more. */
  recipient(tenantId: string, personId: string) {
    return this.prisma.person.findFirst({
      where: { tenantId, id: personId, active: true },
      select: { id: true, slackUserId: true, teamsAadObjectId: true },
    });
  }

  /**
   * What the sweep enqueues: pending and due, or claimed with a lease that ran out (a crashed
   * attempt). Operator-level and across tenants on purpose: one sweep serves every tenant, and each
   * row it returns carries its tenantId into the job, where every further query is scoped by it.
   */
  async due(now: Date, limit: number, tenantId?: string): Promise<readonly DueDelivery[]> {
    return this.prisma.delivery.findMany({
      where: {
        ...(tenantId ? { tenantId } : {}),
        OR: [
          { state: "pending", notBefore: { lte: now } },
          { state: "claimed", leaseUntil: { lt: now } },
        ],
      },
      select: { id: true, tenantId: true },
      orderBy: { notBefore: "asc" },
      take: limit,
    });
  }
}

function toClaimed(row: {
  id: string;
  tenantId: string;
  purpose: string;
  subject: string;
  personId: string | null;
  toChannel: string | null;
  platform: string;
  notBefore: Date;
  leaseUntil: Date | null;
  attempts: number;
  payload: Prisma.JsonValue | null;
}): ClaimedDelivery {
  return {
    id: row.id,
    tenantId: row.tenantId,
    purpose: row.purpose,
    subject: row.subject,
    personId: row.personId,
    toChannel: row.toChannel,
    platform: row.platform as Platform,
    notBefore: row.notBefore,
    leaseUntil: row.leaseUntil ?? new Date(0),
    attempts: row.attempts,
    payload: asObject(row.payload),
  };
}
