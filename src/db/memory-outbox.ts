import type { DeliveryPlan, DeliverySummary, Outbox } from "../core/ports.js";

export interface PlannedRow extends DeliveryPlan {
  readonly tenantId: string;
}

/**
 * Stand-in for the outbox (branch h-outbox) until it is on main: keeps the planned deliveries in
 * memory, one per (purpose, subject, person, platform) as the real outbox does, and sends nothing.
 * The composition root replaces it with the PostgreSQL outbox when that lands; tests read `rows`.
 */
export class MemoryOutbox implements Outbox {
  readonly rows: {
    readonly id: string;
    readonly tenantId: string;
    readonly plan: DeliveryPlan;
    readonly personId: string;
    readonly platform: string;
  }[] = [];

  async plan(tenantId: string, plan: DeliveryPlan): Promise<readonly string[]> {
    const written: string[] = [];
    for (const target of plan.targets) {
      const id = `${tenantId}|${plan.purpose}|${plan.subject}|${target.personId}|${target.platform}`;
      if (this.rows.some((r) => r.id === id)) continue;
      this.rows.push({ id, tenantId, plan, personId: target.personId, platform: target.platform });
      written.push(id);
    }
    return written;
  }

  async summary(tenantId: string, purpose: string, subject: string): Promise<DeliverySummary> {
    const reached = this.rows
      .filter((r) => r.tenantId === tenantId && r.plan.purpose === purpose && r.plan.subject === subject)
      .map((r) => r.personId);
    return { reached: [], waiting: reached.length, unreachable: [] };
  }
}
