import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { GoalView } from "../../src/core/goals/types.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

/**
 * Links between rows are composite (tenantId, id) foreign keys: PostgreSQL itself refuses a row
 * of one tenant that points at a row of another, whether it comes through Prisma or raw SQL.
 */
let db: Database;
let goals: PrismaGoalRepository;

interface Side {
  readonly org: TestTenant;
  readonly tenantId: string;
  readonly unitId: string;
  readonly bossId: string;
  readonly annaId: string;
  readonly goal: GoalView;
}
let a: Side;
let b: Side;

const FOREIGN_KEY = /foreign key|23503|P2003/i;

async function side(): Promise<Side> {
  const org = await createTestTenant(db);
  const tenantId = org.tenant.id;
  const unit = await db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "company" } });
  const boss = await db.prisma.person.findFirstOrThrow({ where: { tenantId, email: org.people.boss.email } });
  const anna = await db.prisma.person.findFirstOrThrow({ where: { tenantId, email: org.people.anna.email } });
  const goal = await goals.create({
    tenantId,
    level: "company",
    parentId: null,
    unitId: unit.id,
    focusTopicId: null,
    title: "Kunden begeistern",
    successCriterion: "NPS 50",
    dueDate: "2027-06-30",
    kpiKey: null,
    kpiTarget: null,
    createdById: boss.id,
    ownerIds: [boss.id],
  });
  return { org, tenantId, unitId: unit.id, bossId: boss.id, annaId: anna.id, goal };
}

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  goals = new PrismaGoalRepository(db.prisma);
  a = await side();
  b = await side();
});

afterAll(async () => {
  await db?.close();
});

function newGoal(
  tenant: Side,
  over: { parentId?: string | null; unitId?: string; createdById?: string; ownerIds?: string[] },
) {
  return goals.create({
    tenantId: tenant.tenantId,
    level: "area",
    parentId: over.parentId ?? tenant.goal.id,
    unitId: over.unitId ?? tenant.unitId,
    focusTopicId: null,
    title: "Bereichsziel",
    successCriterion: "erreicht",
    dueDate: "2027-03-31",
    kpiKey: null,
    kpiTarget: null,
    createdById: over.createdById ?? tenant.bossId,
    ownerIds: over.ownerIds ?? [tenant.bossId],
  });
}

async function goalCount(tenantId: string): Promise<number> {
  return db.prisma.goal.count({ where: { tenantId } });
}

function rawGoal(tenantId: string, parentId: string | null, unitId: string, createdById: string) {
  return db.prisma.$executeRaw`
    INSERT INTO "Goal" ("id", "tenantId", "level", "parentId", "unitId", "title", "successCriterion", "dueDate", "createdById", "updatedAt")
    VALUES (gen_random_uuid(), ${tenantId}::uuid, 'area', ${parentId}::uuid, ${unitId}::uuid, 'roh', 'roh', '2027-01-31', ${createdById}::uuid, now())`;
}

describe("through Prisma", () => {
  it("refuses a goal whose parent belongs to another tenant", async () => {
    const before = await goalCount(a.tenantId);
    await expect(newGoal(a, { parentId: b.goal.id })).rejects.toThrow(FOREIGN_KEY);
    expect(await goalCount(a.tenantId)).toBe(before);
  });

  it("refuses a goal in another tenant's unit", async () => {
    await expect(newGoal(a, { unitId: b.unitId })).rejects.toThrow(FOREIGN_KEY);
  });

  it("refuses an author or an owner from another tenant", async () => {
    await expect(newGoal(a, { createdById: b.bossId })).rejects.toThrow(FOREIGN_KEY);
    const before = await goalCount(a.tenantId);
    await expect(newGoal(a, { ownerIds: [a.bossId, b.annaId] })).rejects.toThrow(FOREIGN_KEY);
    // The goal and its owners are one nested write: nothing of it stays behind.
    expect(await goalCount(a.tenantId)).toBe(before);
  });

  it("refuses a manager in another tenant", async () => {
    await expect(
      db.prisma.person.update({ where: { id: a.annaId, tenantId: a.tenantId }, data: { managerId: b.bossId } }),
    ).rejects.toThrow(FOREIGN_KEY);
    const anna = await db.prisma.person.findUniqueOrThrow({ where: { id: a.annaId } });
    expect(anna.managerId).not.toBe(b.bossId);
  });

  it("refuses a check-in on another tenant's goal, and by a person of another tenant", async () => {
    const checkin = { progress: 40, status: "on_track" as const, note: null, at: new Date("2026-11-28T10:00:00Z") };
    await expect(
      goals.checkin({ ...checkin, tenantId: a.tenantId, goalId: b.goal.id, personId: a.bossId }),
    ).rejects.toThrow(FOREIGN_KEY);
    await expect(
      goals.checkin({ ...checkin, tenantId: a.tenantId, goalId: a.goal.id, personId: b.bossId }),
    ).rejects.toThrow(FOREIGN_KEY);
    expect(await db.prisma.checkin.count({ where: { goalId: b.goal.id } })).toBe(0);
    const untouched = await goals.get(b.tenantId, b.goal.id);
    expect(untouched?.progress).toBe(0);
    expect(untouched?.lastCheckinAt).toBeNull();
  });

  it("refuses a role in another tenant's unit and a statement by another tenant's person", async () => {
    await expect(
      db.prisma.roleAssignment.create({
        data: { tenantId: a.tenantId, personId: a.annaId, unitId: b.unitId, role: "member" },
      }),
    ).rejects.toThrow(FOREIGN_KEY);
    await expect(
      db.prisma.statement.create({
        data: { tenantId: a.tenantId, seriesId: a.goal.id, version: 1, titleDe: "x", bodyDe: "y", authorId: b.bossId },
      }),
    ).rejects.toThrow(FOREIGN_KEY);
  });

  it("still links rows of the same tenant", async () => {
    const child = await newGoal(a, { ownerIds: [a.bossId, a.annaId] });
    expect(child.parentId).toBe(a.goal.id);
    expect(child.unit.id).toBe(a.unitId);
    expect(child.owners.map((o) => o.id).sort()).toEqual([a.bossId, a.annaId].sort());
    const saved = await goals.checkin({
      tenantId: a.tenantId,
      goalId: child.id,
      personId: a.annaId,
      progress: 30,
      status: "at_risk",
      note: "läuft",
      at: new Date("2026-11-28T11:00:00Z"),
    });
    expect(saved.progress).toBe(30);
    expect(saved.status).toBe("at_risk");
    const anna = await db.prisma.person.update({
      where: { id: a.annaId, tenantId: a.tenantId },
      data: { managerId: a.bossId },
    });
    expect(anna.managerId).toBe(a.bossId);
  });
});

describe("through raw SQL", () => {
  it("refuses a goal whose parent belongs to another tenant", async () => {
    await expect(rawGoal(a.tenantId, b.goal.id, a.unitId, a.bossId)).rejects.toThrow(FOREIGN_KEY);
  });

  it("refuses a goal in another tenant's unit", async () => {
    await expect(rawGoal(a.tenantId, a.goal.id, b.unitId, a.bossId)).rejects.toThrow(FOREIGN_KEY);
  });

  it("refuses a manager in another tenant", async () => {
    await expect(
      db.prisma.$executeRaw`UPDATE "Person" SET "managerId" = ${b.bossId}::uuid WHERE "id" = ${a.annaId}::uuid`,
    ).rejects.toThrow(FOREIGN_KEY);
  });

  it("refuses a check-in on another tenant's goal", async () => {
    await expect(
      db.prisma.$executeRaw`
        INSERT INTO "Checkin" ("id", "tenantId", "goalId", "personId", "progress", "status")
        VALUES (gen_random_uuid(), ${a.tenantId}::uuid, ${b.goal.id}::uuid, ${a.bossId}::uuid, 10, 'on_track')`,
    ).rejects.toThrow(FOREIGN_KEY);
  });

  it("refuses moving a goal into another tenant while its links stay behind", async () => {
    // The row's own tenantId is part of every key: relabelling it breaks the unit and author links.
    await expect(
      db.prisma.$executeRaw`UPDATE "Goal" SET "tenantId" = ${b.tenantId}::uuid WHERE "id" = ${a.goal.id}::uuid`,
    ).rejects.toThrow(FOREIGN_KEY);
  });

  it("still links rows of the same tenant", async () => {
    expect(await rawGoal(a.tenantId, a.goal.id, a.unitId, a.bossId)).toBe(1);
    expect(
      await db.prisma.$executeRaw`
        INSERT INTO "Checkin" ("id", "tenantId", "goalId", "personId", "progress", "status")
        VALUES (gen_random_uuid(), ${a.tenantId}::uuid, ${a.goal.id}::uuid, ${a.bossId}::uuid, 10, 'on_track')`,
    ).toBe(1);
  });
});
