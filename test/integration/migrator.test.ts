import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { Config } from "../../src/config.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { readMigrations } from "../../src/db/migrator.js";
import { MigrationError } from "../../src/errors.js";
import { MIGRATIONS_DIR } from "../../src/paths.js";
import { createTempDatabase } from "../helpers/temp-database.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

type Kind = "postgres" | "pglite";

async function freshDatabase(kind: Kind, migrationsDir = MIGRATIONS_DIR): Promise<Database> {
  if (kind === "postgres") {
    const temp = await createTempDatabase();
    const db = await openDatabase({ kind: "postgres", url: temp.url }, { migrationsDir });
    cleanups.push(async () => {
      await db.close();
      await temp.drop();
    });
    return db;
  }
  const dir = await mkdtemp(join(tmpdir(), "kurs-mig-"));
  const db = await openDatabase({ kind: "pglite", dataDir: dir }, { migrationsDir });
  cleanups.push(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });
  return db;
}

/** A copy of the real migrations plus one of our own, to make a migration fail on purpose. */
async function migrationsWith(name: string, sql: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kurs-migdir-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await cp(MIGRATIONS_DIR, dir, { recursive: true });
  await mkdir(join(dir, name));
  await writeFile(join(dir, name, "migration.sql"), sql);
  return dir;
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

describe.each<Kind>(["postgres", "pglite"])("migrator on %s", (kind) => {
  it("applies every migration once and records it exactly as prisma migrate deploy does", async () => {
    const db = await freshDatabase(kind);
    const first = await db.migrate();
    const files = await readMigrations(MIGRATIONS_DIR);
    expect(first.applied).toEqual(files.map((f) => f.name));

    const rows = await db.prisma.$queryRawUnsafe<MigrationRow[]>(
      `SELECT * FROM "_prisma_migrations" ORDER BY started_at`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      const file = await readFile(join(MIGRATIONS_DIR, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.checksum).toBe(files[i]?.checksum);
      expect(row.finished_at).not.toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    }
    const columns = await db.prisma.$queryRawUnsafe<{ column_name: string; data_type: string }[]>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      "id",
      "checksum",
      "finished_at",
      "migration_name",
      "logs",
      "rolled_back_at",
      "started_at",
      "applied_steps_count",
    ]);

    const second = await db.migrate();
    expect(second).toEqual({ applied: [], alreadyApplied: files.length });
    const count = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
    );
    expect(count[0]?.n).toBe(files.length);
  });

  it("leaves the database at the previous migration and names the file and statement that failed", async () => {
    const name = "29990101000000_broken";
    const dir = await migrationsWith(
      name,
      [
        "-- a comment; with a semicolon",
        `CREATE TABLE "Good" ("id" INTEGER PRIMARY KEY, "note" TEXT DEFAULT 'a;b');`,
        "",
        `ALTER TABLE "DoesNotExist" ADD COLUMN "x" INTEGER;`,
        `CREATE TABLE "Never" ("id" INTEGER);`,
      ].join("\n"),
    );
    const db = await freshDatabase(kind, dir);
    const error = await db.migrate().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(MigrationError);
    const message = (error as MigrationError).message;
    expect(message).toContain(name);
    expect(message).toContain("statement 2 of 3");
    expect(message).toContain("migration.sql:4");
    expect(message).toContain(`ALTER TABLE "DoesNotExist"`);
    expect((error as MigrationError).code).toBe("MIGRATION_FAILED");
    expect((error as MigrationError).cause).toBeDefined();

    // The earlier migrations stay applied; nothing of the broken one is left behind.
    const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.map((t) => t.table_name);
    expect(names).toContain("Person");
    expect(names).not.toContain("Good");
    const recorded = await db.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations"`,
    );
    expect(recorded.map((r) => r.migration_name)).not.toContain(name);

    // Fixing the file lets the next start apply it.
    await writeFile(join(dir, name, "migration.sql"), `CREATE TABLE "Good" ("id" INTEGER PRIMARY KEY);`);
    const retry = await db.migrate();
    expect(retry.applied).toEqual([name]);
  });
});

describe("migrator on postgres with two replicas starting at once", () => {
  it("applies each migration exactly once (Prisma's advisory lock)", async () => {
    const temp = await createTempDatabase();
    const a = await openDatabase({ kind: "postgres", url: temp.url });
    const b = await openDatabase({ kind: "postgres", url: temp.url });
    cleanups.push(async () => {
      await a.close();
      await b.close();
      await temp.drop();
    });
    const [ra, rb] = await Promise.all([a.migrate(), b.migrate()]);
    const files = await readMigrations(MIGRATIONS_DIR);
    expect([...ra.applied, ...rb.applied].sort()).toEqual(files.map((f) => f.name).sort());
    const count = await a.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "_prisma_migrations"`,
    );
    expect(count[0]?.n).toBe(files.length);
  });

  it("refuses to continue past a migration Prisma recorded as failed", async () => {
    const db = await freshDatabase("postgres");
    await db.migrate();
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ('11111111-1111-1111-1111-111111111111', 'x', '29990101000000_failed', now(), 0)`,
    );
    await expect(db.migrate()).rejects.toThrow(/prisma migrate resolve --rolled-back 29990101000000_failed/);
  });
});

/** The migrations up to and including `last`, copied to their own folder. */
async function migrationsUpTo(last: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "kurs-migdir-"));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  for (const file of await readMigrations(MIGRATIONS_DIR)) {
    if (file.name > last) continue;
    await cp(join(MIGRATIONS_DIR, file.name), join(dir, file.name), { recursive: true });
  }
  await cp(join(MIGRATIONS_DIR, "migration_lock.toml"), join(dir, "migration_lock.toml"));
  return dir;
}

const T = "aaaaaaaa-0000-4000-8000-000000000001";
const U = "aaaaaaaa-0000-4000-8000-000000000002";
const BOSS = "aaaaaaaa-0000-4000-8000-000000000003";
const ANNA = "aaaaaaaa-0000-4000-8000-000000000004";
const GOAL = "aaaaaaaa-0000-4000-8000-000000000005";
const MEASURE = "aaaaaaaa-0000-4000-8000-000000000006";
const STATEMENT = "aaaaaaaa-0000-4000-8000-000000000007";
const TOPIC = "aaaaaaaa-0000-4000-8000-000000000008";
const T2 = "bbbbbbbb-0000-4000-8000-000000000001";
const U2 = "bbbbbbbb-0000-4000-8000-000000000002";

/** One row in every table, written as the schema before seal_tenants allowed. */
const SEED_BEFORE_SEAL = [
  `INSERT INTO "Tenant" ("id", "slug", "name", "updatedAt") VALUES ('${T}', 'acme', 'Acme', now()), ('${T2}', 'other', 'Other', now())`,
  `INSERT INTO "OrgUnit" ("id", "tenantId", "parentId", "name", "path", "kind", "updatedAt") VALUES ('${U}', '${T}', NULL, 'Acme', 'Acme', 'company', now()), ('${U2}', '${T2}', NULL, 'Other', 'Other', 'company', now())`,
  `INSERT INTO "Person" ("id", "tenantId", "email", "name", "updatedAt") VALUES ('${BOSS}', '${T}', 'boss@acme.example', 'Birgit', now())`,
  `INSERT INTO "Person" ("id", "tenantId", "email", "name", "managerId", "active", "updatedAt") VALUES ('${ANNA}', '${T}', 'anna@acme.example', 'Anna', '${BOSS}', false, now())`,
  `INSERT INTO "RoleAssignment" ("id", "tenantId", "personId", "unitId", "role") VALUES (gen_random_uuid(), '${T}', '${BOSS}', '${U}', 'managing_director')`,
  `INSERT INTO "FocusTopic" ("id", "tenantId", "title", "createdById") VALUES ('${TOPIC}', '${T}', 'Service', '${BOSS}')`,
  `INSERT INTO "Goal" ("id", "tenantId", "level", "unitId", "focusTopicId", "title", "successCriterion", "dueDate", "createdById", "updatedAt") VALUES ('${GOAL}', '${T}', 'company', '${U}', '${TOPIC}', 'Ziel', 'NPS', '2027-06-30', '${BOSS}', now())`,
  `INSERT INTO "Goal" ("id", "tenantId", "level", "parentId", "unitId", "title", "successCriterion", "dueDate", "createdById", "progress", "updatedAt") VALUES ('${MEASURE}', '${T}', 'measure', '${GOAL}', '${U}', 'Maßnahme', 'fertig', '2027-01-31', '${BOSS}', 40, now())`,
  `INSERT INTO "GoalOwner" ("tenantId", "goalId", "personId") VALUES ('${T}', '${MEASURE}', '${ANNA}')`,
  `INSERT INTO "Checkin" ("id", "tenantId", "goalId", "personId", "progress", "status") VALUES (gen_random_uuid(), '${T}', '${MEASURE}', '${ANNA}', 40, 'on_track')`,
  `INSERT INTO "ReminderSent" ("id", "tenantId", "goalId", "personId", "staleSince") VALUES (gen_random_uuid(), '${T}', '${MEASURE}', '${ANNA}', now())`,
  `INSERT INTO "Statement" ("id", "tenantId", "seriesId", "version", "titleDe", "bodyDe", "authorId", "publishedAt") VALUES ('${STATEMENT}', '${T}', gen_random_uuid(), 1, 'Kurs', 'Text', '${BOSS}', now())`,
  `INSERT INTO "StatementDelivery" ("id", "tenantId", "statementId", "personId", "sentAt") VALUES (gen_random_uuid(), '${T}', '${STATEMENT}', '${ANNA}', now())`,
  `INSERT INTO "StatementAck" ("id", "tenantId", "statementId", "personId") VALUES (gen_random_uuid(), '${T}', '${STATEMENT}', '${ANNA}')`,
  `INSERT INTO "StatementComment" ("id", "tenantId", "statementId", "personId", "text") VALUES (gen_random_uuid(), '${T}', '${STATEMENT}', '${ANNA}', 'Gut')`,
  `INSERT INTO "TeamsConversation" ("id", "tenantId", "personId", "reference", "updatedAt") VALUES (gen_random_uuid(), '${T}', '${ANNA}', '{"conversation":{"id":"a"}}', now())`,
];

const SEALED_TABLES = [
  "Tenant",
  "OrgUnit",
  "Person",
  "RoleAssignment",
  "FocusTopic",
  "Goal",
  "GoalOwner",
  "Checkin",
  "ReminderSent",
  "Statement",
  "StatementDelivery",
  "StatementAck",
  "StatementComment",
  "TeamsConversation",
];

/** Replaced by the outbox (delivery_outbox): their rows live on as Delivery rows. */
const OUTBOX_REPLACED = ["ReminderSent", "StatementDelivery"];

async function rowCounts(db: Database, tables: readonly string[] = SEALED_TABLES): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const rows = await db.prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
    counts[table] = rows[0]?.n ?? -1;
  }
  return counts;
}

describe.each<Kind>(["postgres", "pglite"])("seal_tenants on %s", (kind) => {
  it("keeps every row of a database at the earlier migrations, then refuses links across tenants", async () => {
    const files = await readMigrations(MIGRATIONS_DIR);
    const seal = files.find((f) => f.name.endsWith("_seal_tenants"));
    expect(seal).toBeDefined();
    const earlier = files.filter((f) => seal && f.name < seal.name);
    const last = earlier.at(-1);
    if (!last) throw new Error("seal_tenants must follow the earlier migrations");

    const where = await emptyLocation(kind);
    const old = await openDatabase(where, { migrationsDir: await migrationsUpTo(last.name) });
    expect((await old.migrate()).applied).toEqual(earlier.map((f) => f.name));
    for (const sql of SEED_BEFORE_SEAL) await old.prisma.$executeRawUnsafe(sql);
    const before = await rowCounts(old);
    expect(Object.values(before).every((n) => n >= 1)).toBe(true);
    await old.close();

    // The same database, opened by a release that carries every migration.
    const db = await openDatabase(where, { migrationsDir: MIGRATIONS_DIR });
    cleanups.push(() => db.close());
    const result = await db.migrate();
    expect(result.applied).toEqual(files.filter((f) => f.name > last.name).map((f) => f.name));
    const kept = SEALED_TABLES.filter((t) => !OUTBOX_REPLACED.includes(t));
    expect(await rowCounts(db, kept)).toEqual(Object.fromEntries(kept.map((t) => [t, before[t]])));
    // The delivered statement and the sent reminder are outbox rows now, still counted as sent.
    const outbox = await db.prisma.delivery.findMany({
      where: { tenantId: T },
      select: { purpose: true, state: true },
    });
    expect(new Set(outbox.map((d) => d.purpose))).toEqual(new Set(["statements.statement", "goals.reminder"]));
    expect(outbox.every((d) => d.state === "sent")).toBe(true);
    const anna = await db.prisma.person.findUniqueOrThrow({ where: { id: ANNA } });
    expect(anna.managerId).toBe(BOSS);
    expect(anna.active).toBe(false);
    const measure = await db.prisma.goal.findUniqueOrThrow({ where: { id: MEASURE } });
    expect(measure.parentId).toBe(GOAL);
    expect(measure.progress).toBe(40);

    await expect(
      db.prisma.$executeRawUnsafe(`UPDATE "Goal" SET "unitId" = '${U2}' WHERE "id" = '${MEASURE}'`),
    ).rejects.toThrow(/foreign key|23503/i);
  });
});

/** A database location with nothing in it yet, dropped or removed after the test. */
async function emptyLocation(kind: Kind): Promise<Config["database"]> {
  if (kind === "postgres") {
    const temp = await createTempDatabase();
    cleanups.unshift(() => temp.drop());
    return { kind: "postgres", url: temp.url };
  }
  const dir = await mkdtemp(join(tmpdir(), "kurs-mig-"));
  cleanups.unshift(() => rm(dir, { recursive: true, force: true }));
  return { kind: "pglite", dataDir: dir };
}
