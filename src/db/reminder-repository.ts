import { REMINDER_PURPOSE, reminderItems } from "../core/goals/reminder-delivery.js";
import type { OpenMeasure, ReminderPerson } from "../core/goals/reminders.js";
import type { JsonObject, ReminderRepository } from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";

type Reminded = { personId: string; staleSince: Date };

export class PrismaReminderRepository implements ReminderRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async openMeasures(tenantId: string, ownerId?: string, exceptSubject?: string): Promise<readonly OpenMeasure[]> {
    const rows = await this.prisma.goal.findMany({
      where: {
        tenantId,
        level: "measure",
        status: { not: "done" },
        ...(ownerId ? { owners: { some: { personId: ownerId } } } : {}),
      },
      select: {
        id: true,
        title: true,
        status: true,
        dueDate: true,
        lastCheckinAt: true,
        createdAt: true,
        unit: { select: { name: true } },
        owners: { select: { personId: true } },
      },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    });
    const reminded = await this.reminded(tenantId, rows, ownerId, exceptSubject);
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      unitName: row.unit.name,
      dueDate: row.dueDate.toISOString().slice(0, 10),
      lastCheckinAt: row.lastCheckinAt,
      createdAt: row.createdAt,
      ownerIds: row.owners.map((o) => o.personId),
      reminded: reminded.get(row.id) ?? [],
    }));
  }

  /**
   * The nudges planned or sent per measure, from the outbox rows' payloads. Earlier stale periods'
   * rows are kept as history; core compares staleSince to find the current one. A nudge is due at or
   * after its period started, so rows due before the oldest open period are not read.
   */
  private async reminded(
    tenantId: string,
    measures: readonly { lastCheckinAt: Date | null; createdAt: Date }[],
    ownerId: string | undefined,
    exceptSubject: string | undefined,
  ): Promise<Map<string, Reminded[]>> {
    const byGoal = new Map<string, Reminded[]>();
    if (measures.length === 0) return byGoal;
    const oldest = Math.min(...measures.map((m) => (m.lastCheckinAt ?? m.createdAt).getTime()));
    const rows = await this.prisma.delivery.findMany({
      where: {
        tenantId,
        purpose: REMINDER_PURPOSE,
        // A failed or cancelled nudge does not use up the period: the next slot tries again.
        state: { in: ["pending", "claimed", "sent", "unreachable"] },
        notBefore: { gte: new Date(oldest) },
        ...(ownerId ? { personId: ownerId } : {}),
        ...(exceptSubject ? { subject: { not: exceptSubject } } : {}),
      },
      select: { personId: true, payload: true },
    });
    for (const row of rows) {
      if (row.personId === null) continue;
      const payload =
        row.payload && typeof row.payload === "object" && !Array.isArray(row.payload) ? row.payload : null;
      for (const item of reminderItems(payload as JsonObject | null)) {
        const list = byGoal.get(item.goalId) ?? [];
        if (!list.some((r) => r.personId === row.personId && r.staleSince.getTime() === item.staleSince.getTime())) {
          list.push({ personId: row.personId, staleSince: item.staleSince });
        }
        byGoal.set(item.goalId, list);
      }
    }
    return byGoal;
  }

  async people(tenantId: string, ids: readonly string[]): Promise<readonly ReminderPerson[]> {
    if (ids.length === 0) return [];
    return this.prisma.person.findMany({
      where: { tenantId, active: true, id: { in: [...ids] } },
      select: {
        id: true,
        name: true,
        locale: true,
        timezone: true,
        slackUserId: true,
        teamsAadObjectId: true,
      },
    });
  }
}
