import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import type { GoalView } from "../../src/core/goals/types.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { createTestTenant } from "../helpers/tenant-fixture.js";

let db: Database;
let goals: PrismaGoalRepository;
let tenantId: string;
let annaId: string;
let measure: GoalView;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  goals = new PrismaGoalRepository(db.prisma);
  const org = await createTestTenant(db);
  tenantId = org.tenant.id;
  const unit = await db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "team" } });
  const anna = await db.prisma.person.findFirstOrThrow({ where: { tenantId, email: org.people.anna.email } });
  annaId = anna.id;
  measure = await goals.create({
    tenantId,
    level: "measure",
    parentId: null,
    unitId: unit.id,
    focusTopicId: null,
    title: "Rückrufquote messen",
    successCriterion: "Dashboard steht",
    dueDate: "2027-02-28",
    kpiKey: null,
    kpiTarget: null,
    createdById: anna.id,
    ownerIds: [anna.id],
  });
});

afterAll(async () => {
  await db?.close();
});

/** A fixed permutation, so the newest check-in is neither the first nor the last one sent. */
function scrambled(n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i * 37 + 11) % n);
}

it("leaves the goal at its newest check-in when 50 check-ins race", async () => {
  const base = Date.parse("2026-11-28T08:00:00Z");
  const statuses = ["on_track", "at_risk", "off_track"] as const;
  const order = scrambled(50);
  expect(new Set(order).size).toBe(50);
  await Promise.all(
    order.map((i) =>
      goals.checkin({
        tenantId,
        goalId: measure.id,
        personId: annaId,
        // Progress and status encode the check-in's rank, so a stale winner is visible.
        progress: i + 1,
        status: statuses[i % 3] ?? "on_track",
        note: `#${i}`,
        at: new Date(base + i * 1000),
      }),
    ),
  );
  const newest = await db.prisma.checkin.findFirstOrThrow({
    where: { tenantId, goalId: measure.id },
    orderBy: { createdAt: "desc" },
  });
  expect(await db.prisma.checkin.count({ where: { tenantId, goalId: measure.id } })).toBe(50);
  expect(newest.note).toBe("#49");
  const goal = await goals.get(tenantId, measure.id);
  expect(goal?.progress).toBe(newest.progress);
  expect(goal?.status).toBe(newest.status);
  expect(goal?.lastCheckinAt?.toISOString()).toBe(newest.createdAt.toISOString());
});

it("keeps the newer state when an older check-in arrives late, and still records it", async () => {
  const newer = await goals.checkin({
    tenantId,
    goalId: measure.id,
    personId: annaId,
    progress: 80,
    status: "on_track",
    note: "neu",
    at: new Date("2026-11-29T09:00:00Z"),
  });
  expect(newer.progress).toBe(80);
  const late = await goals.checkin({
    tenantId,
    goalId: measure.id,
    personId: annaId,
    progress: 20,
    status: "off_track",
    note: "alt",
    at: new Date("2026-11-29T08:00:00Z"),
  });
  expect(late.progress).toBe(80);
  expect(late.status).toBe("on_track");
  expect(await db.prisma.checkin.count({ where: { tenantId, goalId: measure.id, note: "alt" } })).toBe(1);
});

it("records check-ins the same way on the embedded PGlite database", async () => {
  const dir = await mkdtemp(join(tmpdir(), "kurs-checkin-"));
  const lite = await openDatabase({ kind: "pglite", dataDir: dir });
  try {
    await lite.migrate();
    const org = await createTestTenant(lite);
    const liteGoals = new PrismaGoalRepository(lite.prisma);
    const id = org.tenant.id;
    const unit = await lite.prisma.orgUnit.findFirstOrThrow({ where: { tenantId: id, kind: "team" } });
    const tom = await lite.prisma.person.findFirstOrThrow({ where: { tenantId: id, email: org.people.tom.email } });
    const goal = await liteGoals.create({
      tenantId: id,
      level: "measure",
      parentId: null,
      unitId: unit.id,
      focusTopicId: null,
      title: "Wissensdatenbank",
      successCriterion: "20 Artikel",
      dueDate: "2027-01-15",
      kpiKey: null,
      kpiTarget: null,
      createdById: tom.id,
      ownerIds: [tom.id],
    });
    const at = new Date("2026-11-28T15:30:45.123Z");
    const done = await liteGoals.checkin({
      tenantId: id,
      goalId: goal.id,
      personId: tom.id,
      progress: 100,
      status: "on_track",
      note: null,
      at,
    });
    expect(done.status).toBe("done");
    expect(done.lastCheckinAt?.toISOString()).toBe(at.toISOString());
    const older = await liteGoals.checkin({
      tenantId: id,
      goalId: goal.id,
      personId: tom.id,
      progress: 10,
      status: "off_track",
      note: "nachgetragen",
      at: new Date(at.getTime() - 1),
    });
    expect(older.progress).toBe(100);
    const rows = await lite.prisma.checkin.findMany({ where: { tenantId: id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.progress, r.status, r.createdAt.toISOString()])).toEqual([
      [10, "off_track", "2026-11-28T15:30:45.122Z"],
      [100, "on_track", "2026-11-28T15:30:45.123Z"],
    ]);
  } finally {
    await lite.close();
    await rm(dir, { recursive: true, force: true });
  }
  // PGlite's start and migrations take seconds on a loaded machine; this is about results, not speed.
}, 180_000);
