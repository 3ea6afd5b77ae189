import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { MigrationError } from "../errors.js";
import type { Logger } from "../logger.js";
import type { SqlDriver } from "./sql-driver.js";
import { splitSqlStatements } from "./sql-split.js";

// Same DDL as Prisma's migrate engine, so `prisma migrate status` reads our rows as its own.
const MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

// Prisma's own advisory lock key, so our migrator and `prisma migrate deploy` never run at once.
const ADVISORY_LOCK_KEY = 72707369;

export interface MigrationFile {
  readonly name: string;
  readonly path: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrateResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

interface MigrationRow extends Record<string, unknown> {
  migration_name: string;
  checksum: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
}

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const files: MigrationFile[] = [];
  for (const name of names) {
    const path = join(dir, name, "migration.sql");
    const sql = await readFile(path, "utf8");
    files.push({ name, path, sql, checksum: createHash("sha256").update(sql).digest("hex") });
  }
  return files;
}

/**
 * Applies pending migrations the way `prisma migrate deploy` does, each in its own transaction.
 * A failing migration is rolled back whole (PostgreSQL has transactional DDL), so the database
 * stays at the previous migration and no failed row blocks the next deploy.
 */
export async function migrate(
  driver: SqlDriver & { withConnection<T>(fn: (c: SqlDriver) => Promise<T>): Promise<T> },
  migrationsDir: string,
  log?: Logger,
): Promise<MigrateResult> {
  const migrations = await readMigrations(migrationsDir);
  return driver.withConnection(async (conn) => {
    // Lock first: concurrent CREATE TABLE IF NOT EXISTS can still collide in PostgreSQL.
    await conn.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await conn.query(MIGRATIONS_TABLE_DDL);
      const rows = await conn.query<MigrationRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"`,
      );
      const done = new Map<string, MigrationRow>();
      for (const row of rows) {
        if (row.rolled_back_at !== null) continue;
        if (row.finished_at === null) {
          throw new MigrationError(
            `Migration ${row.migration_name} is recorded as failed in _prisma_migrations. ` +
              `Fix the database by hand, then mark it with \`prisma migrate resolve --rolled-back ${row.migration_name}\`.`,
            row.migration_name,
            undefined,
          );
        }
        done.set(row.migration_name, row);
      }
      const applied: string[] = [];
      for (const migration of migrations) {
        const existing = done.get(migration.name);
        if (existing) {
          if (existing.checksum !== migration.checksum) {
            log?.warn(
              { migration: migration.name },
              "migration file changed after it was applied; edit schema.prisma and add a new migration instead",
            );
          }
          continue;
        }
        await applyOne(conn, migration);
        applied.push(migration.name);
        log?.info({ migration: migration.name }, "migration applied");
      }
      return { applied, alreadyApplied: done.size };
    } finally {
      await conn.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]);
    }
  });
}

async function applyOne(conn: SqlDriver, migration: MigrationFile): Promise<void> {
  const statements = splitSqlStatements(migration.sql);
  await conn.transaction(async (tx) => {
    const id = randomUUID();
    await tx.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), 0)`,
      [id, migration.checksum, migration.name],
    );
    for (const [index, statement] of statements.entries()) {
      try {
        await tx.query(statement.text);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        const excerpt = statement.text.length > 300 ? `${statement.text.slice(0, 300)}…` : statement.text;
        throw new MigrationError(
          `Migration ${migration.name} failed at statement ${index + 1} of ${statements.length} ` +
            `(${migration.path}:${statement.line}): ${reason}\n${excerpt}\n` +
            "Nothing of this migration was applied; the database is still at the previous migration.",
          migration.name,
          statement.text,
          { cause: err },
        );
      }
    }
    await tx.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
  });
}
