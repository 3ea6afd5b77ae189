import { randomUUID } from "node:crypto";
import type { FocusTopicView, GoalView, KpiKey, NewCheckin, NewGoal } from "../core/goals/types.js";
import type { GoalRepository } from "../core/ports.js";
import { KursError } from "../errors.js";
import type { PrismaClient } from "../generated/prisma/client.js";

const goalInclude = {
  unit: { select: { id: true, name: true, path: true } },
  focusTopic: { select: { id: true, title: true } },
  owners: { select: { person: { select: { id: true, name: true } } } },
} as const;

type GoalRow = Awaited<ReturnType<PrismaClient["goal"]["findFirstOrThrow"]>> & {
  unit: { id: string; name: string; path: string };
  focusTopic: { id: string; title: string } | null;
  owners: { person: { id: string; name: string } }[];
};

function toView(row: GoalRow): GoalView {
  return {
    id: row.id,
    level: row.level,
    parentId: row.parentId,
    unit: row.unit,
    focusTopic: row.focusTopic,
    title: row.title,
    successCriterion: row.successCriterion,
    dueDate: row.dueDate.toISOString().slice(0, 10),
    kpiKey: row.kpiKey as KpiKey | null,
    kpiTarget: row.kpiTarget,
    status: row.status,
    progress: row.progress,
    lastCheckinAt: row.lastCheckinAt,
    createdAt: row.createdAt,
    owners: row.owners.map((o) => o.person).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

export class PrismaGoalRepository implements GoalRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async all(tenantId: string): Promise<readonly GoalView[]> {
    const rows = await this.prisma.goal.findMany({
      where: { tenantId },
      include: goalInclude,
      // id last: goals created in the same transaction must still list in a stable order.
      orderBy: [{ dueDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toView);
  }

  async get(tenantId: string, id: string): Promise<GoalView | null> {
    const row = await this.prisma.goal.findFirst({ where: { tenantId, id }, include: goalInclude });
    return row ? toView(row) : null;
  }

  async create(goal: NewGoal): Promise<GoalView> {
    // Nested writes run in a transaction on one connection, and Prisma loads several `include`d
    // relations concurrently: on one pg client that queues queries (pg's "already executing"
    // deprecation, an error in pg 9). So write first, then read the view through the pool.
    const { id } = await this.prisma.goal.create({
      data: {
        tenantId: goal.tenantId,
        level: goal.level,
        parentId: goal.parentId,
        unitId: goal.unitId,
        focusTopicId: goal.focusTopicId,
        title: goal.title,
        successCriterion: goal.successCriterion,
        dueDate: new Date(`${goal.dueDate}T00:00:00Z`),
        kpiKey: goal.kpiKey,
        kpiTarget: goal.kpiTarget,
        createdById: goal.createdById,
        // tenantId of each owner row comes from the goal: the composite keys (tenantId, goalId) and
        // (tenantId, personId) share it, so an owner from another tenant fails the foreign key.
        owners: { createMany: { data: goal.ownerIds.map((personId) => ({ personId })) } },
      },
      select: { id: true },
    });
    return this.view(goal.tenantId, id);
  }

  async checkin(checkin: NewCheckin): Promise<GoalView> {
    const goalStatus = checkin.progress >= 100 ? "done" : checkin.status;
    // One statement, so it is atomic without holding a pooled connection across round trips (50
    // concurrent check-ins in transactions ran out of Prisma's wait for a connection).
    // The newest check-in wins, whatever order concurrent saves commit in: an older one only
    // records its row. The UPDATE waits for the row lock and re-checks its WHERE on the row
    // version it then sees, so a racing older check-in cannot overwrite a newer one.
    // Columns are timestamp(3) in UTC, as Prisma writes them.
    await this.prisma.$executeRaw`
      WITH inserted AS (
        INSERT INTO "Checkin" ("id", "tenantId", "goalId", "personId", "progress", "status", "note", "createdAt")
        VALUES (${randomUUID()}::uuid, ${checkin.tenantId}::uuid, ${checkin.goalId}::uuid, ${checkin.personId}::uuid,
                ${checkin.progress}, ${checkin.status}::"CheckinStatus", ${checkin.note},
                ${utc(checkin.at)}::timestamptz AT TIME ZONE 'UTC')
        RETURNING "tenantId", "goalId", "createdAt"
      )
      UPDATE "Goal" AS g
         SET "progress" = ${checkin.progress}, "status" = ${goalStatus}::"GoalStatus",
             "lastCheckinAt" = inserted."createdAt", "updatedAt" = ${utc(new Date())}::timestamptz AT TIME ZONE 'UTC'
        FROM inserted
       WHERE g."id" = inserted."goalId" AND g."tenantId" = inserted."tenantId"
         AND (g."lastCheckinAt" IS NULL OR g."lastCheckinAt" <= inserted."createdAt")`;
    return this.view(checkin.tenantId, checkin.goalId);
  }

  private async view(tenantId: string, id: string): Promise<GoalView> {
    const row = await this.prisma.goal.findFirst({ where: { tenantId, id }, include: goalInclude });
    if (!row) throw new KursError("GOAL_NOT_FOUND", `goal ${id} vanished right after it was saved`);
    return toView(row);
  }

  async focusTopics(tenantId: string): Promise<readonly FocusTopicView[]> {
    return this.prisma.focusTopic.findMany({
      where: { tenantId, archivedAt: null },
      select: { id: true, title: true, description: true },
      orderBy: { createdAt: "asc" },
    });
  }

  async createFocusTopic(input: {
    tenantId: string;
    title: string;
    description: string | null;
    createdById: string;
  }): Promise<FocusTopicView> {
    return this.prisma.focusTopic.create({ data: input, select: { id: true, title: true, description: true } });
  }
}

function utc(at: Date): string {
  return at.toISOString();
}
