import pg from "pg";
import { afterAll, afterEach, beforeAll, expect, inject, it } from "vitest";
import { importOrg } from "../../src/core/org/import-org.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaStatementRepository } from "../../src/db/statement-repository.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

/**
 * pg 8 queues a query sent on a client that is still busy and warns "Calling client.query() when
 * the client is already executing a query is deprecated"; pg 9 throws. Inside a transaction every
 * query shares one client, so the repositories must send them one after another.
 *
 * pg warns once per process, so counting warnings would miss all but the first; instead every
 * query on a pg client is checked for a query still in flight on that client. Process warnings
 * are watched as well.
 */
interface PgClientInternals {
  _queryQueue: unknown[];
  _getActiveQuery(): unknown;
  query(...args: unknown[]): unknown;
}
const clientProto = pg.Client.prototype as unknown as PgClientInternals;
const originalQuery = clientProto.query;
const overlaps: string[] = [];
const warnings: string[] = [];
const onWarning = (warning: Error) => {
  if (warning.message.includes("already executing a query")) warnings.push(warning.message);
};

function sqlOf(arg: unknown): string {
  const text = typeof arg === "string" ? arg : typeof arg === "object" && arg ? Reflect.get(arg, "text") : undefined;
  return String(text).slice(0, 160);
}

let db: Database;
let org: TestTenant;
let tenantId: string;

beforeAll(async () => {
  clientProto.query = function (this: PgClientInternals, ...args: unknown[]) {
    if (this._queryQueue.length > 0 || this._getActiveQuery()) overlaps.push(sqlOf(args[0]));
    return originalQuery.apply(this, args);
  };
  process.on("warning", onWarning);
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  org = await createTestTenant(db);
  tenantId = org.tenant.id;
});

afterAll(async () => {
  clientProto.query = originalQuery;
  process.off("warning", onWarning);
  await db?.close();
});

afterEach(() => {
  overlaps.length = 0;
  warnings.length = 0;
});

async function idOf(email: string): Promise<string> {
  return (await db.prisma.person.findFirstOrThrow({ where: { tenantId, email } })).id;
}

/** Lets pending process warnings (emitted on the next tick) arrive before asserting. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

it("saves a goal and a check-in with one query at a time per connection", async () => {
  const goals = new PrismaGoalRepository(db.prisma);
  const unit = await db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "team" } });
  const boss = await idOf(org.people.boss.email);
  const anna = await idOf(org.people.anna.email);
  const topic = await goals.createFocusTopic({ tenantId, title: "Service", description: null, createdById: boss });
  const goal = await goals.create({
    tenantId,
    level: "team",
    parentId: null,
    unitId: unit.id,
    focusTopicId: topic.id,
    title: "Erreichbarkeit",
    successCriterion: "90 % angenommen",
    dueDate: "2027-03-31",
    kpiKey: null,
    kpiTarget: null,
    createdById: boss,
    ownerIds: [boss, anna],
  });
  expect(goal.owners).toHaveLength(2);
  expect(goal.focusTopic?.id).toBe(topic.id);
  const saved = await goals.checkin({
    tenantId,
    goalId: goal.id,
    personId: anna,
    progress: 50,
    status: "on_track",
    note: null,
    at: new Date("2026-11-28T12:00:00Z"),
  });
  expect(saved.progress).toBe(50);
  await settle();
  expect(overlaps).toEqual([]);
  expect(warnings).toEqual([]);
});

it("saves, acknowledges and comments a statement with one query at a time per connection", async () => {
  const statements = new PrismaStatementRepository(db.prisma);
  const boss = await idOf(org.people.boss.email);
  const tom = await idOf(org.people.tom.email);
  const first = await statements.create({
    tenantId,
    seriesId: null,
    titleDe: "Kurs 2027",
    bodyDe: "Text",
    titleEn: null,
    bodyEn: null,
    authorId: boss,
    publishedAt: new Date("2026-11-28T09:00:00Z"),
  });
  const second = await statements.create({
    tenantId,
    seriesId: first.seriesId,
    titleDe: "Kurs 2027, überarbeitet",
    bodyDe: "Text",
    titleEn: "Course 2027",
    bodyEn: "Text",
    authorId: boss,
    publishedAt: new Date("2026-11-28T09:30:00Z"),
  });
  expect(second.version).toBe(2);
  await statements.acknowledge(tenantId, second.id, tom, new Date("2026-11-28T10:00:00Z"));
  await statements.addComment({ tenantId, statementId: second.id, personId: tom, text: "Gut", at: new Date() });
  await settle();
  expect(overlaps).toEqual([]);
  expect(warnings).toEqual([]);
});

it("re-imports the organisation (people leave, managers change) with one query at a time per connection", async () => {
  const { boss, lead, anna } = org.people;
  const company = (await db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "company" } })).path;
  // Tina and Tom leave; Anna now reports to Lars.
  const csv = [
    "email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone",
    `${boss.email},${boss.name},managing_director,${company},,${boss.slackUserId},${boss.aadObjectId},de,Europe/Berlin`,
    `${lead.email},${lead.name},area_head,${company}/Service,${boss.email},${lead.slackUserId},${lead.aadObjectId},de,Europe/Berlin`,
    `${anna.email},${anna.name},member,${company}/Service/Desk,${lead.email},${anna.slackUserId},${anna.aadObjectId},de,Europe/Berlin`,
  ].join("\n");
  const outcome = await importOrg(new PrismaOrgRepository(db.prisma), tenantId, csv);
  expect(outcome.ok).toBe(true);
  const people = await db.prisma.person.findMany({
    where: { tenantId },
    select: { email: true, active: true, manager: { select: { email: true } } },
  });
  const byEmail = new Map(people.map((p) => [p.email, p]));
  expect(byEmail.get(anna.email)?.manager?.email).toBe(lead.email);
  expect(byEmail.get(org.people.tina.email)?.active).toBe(false);
  expect(byEmail.get(org.people.tom.email)?.active).toBe(false);
  await settle();
  expect(overlaps).toEqual([]);
  expect(warnings).toEqual([]);
});
