import type { OpenMeasure, ReminderPerson } from "../core/goals/reminders.js";
import type { ReminderRepository } from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";

type ClaimItem = { readonly goalId: string; readonly staleSince: Date };

export class PrismaReminderRepository implements ReminderRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async openMeasures(tenantId: string, ownerId?: string): Promise<readonly OpenMeasure[]> {
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
        // Earlier stale periods' rows are kept as history; core compares staleSince to find the current one.
        reminders: {
          select: { personId: true, staleSince: true },
          ...(ownerId ? { where: { personId: ownerId } } : {}),
        },
      },
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }],
    });
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      status: row.status,
      unitName: row.unit.name,
      dueDate: row.dueDate.toISOString().slice(0, 10),
      lastCheckinAt: row.lastCheckinAt,
      createdAt: row.createdAt,
      ownerIds: row.owners.map((o) => o.personId),
      reminded: row.reminders,
    }));
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

  async claim(tenantId: string, personId: string, items: readonly ClaimItem[]): Promise<readonly string[]> {
    if (items.length === 0) return [];
    // INSERT … ON CONFLICT DO NOTHING RETURNING: the unique (goal, person, staleSince) decides who sends.
    const inserted = await this.prisma.reminderSent.createManyAndReturn({
      data: items.map((item) => ({ tenantId, personId, goalId: item.goalId, staleSince: item.staleSince })),
      skipDuplicates: true,
      select: { goalId: true },
    });
    return inserted.map((row) => row.goalId);
  }

  async release(tenantId: string, personId: string, items: readonly ClaimItem[]): Promise<void> {
    if (items.length === 0) return;
    await this.prisma.reminderSent.deleteMany({
      where: {
        tenantId,
        personId,
        OR: items.map((item) => ({ goalId: item.goalId, staleSince: item.staleSince })),
      },
    });
  }
}
