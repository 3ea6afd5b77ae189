import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { Config } from "../config.js";
import { DataDirLockedError } from "../errors.js";
import { PrismaClient } from "../generated/prisma/client.js";
import type { Logger } from "../logger.js";
import { MIGRATIONS_DIR } from "../paths.js";
import { type MigrateResult, migrate } from "./migrator.js";
import { pgDriver, pgliteDriver, type SqlDriver } from "./sql-driver.js";

export type { PrismaClient } from "../generated/prisma/client.js";

export interface Database {
  readonly kind: "postgres" | "pglite";
  readonly prisma: PrismaClient;
  /**
   * Plain SQL on the same database, for bulk paths. Prisma's raw queries compile a plan per
   * distinct parameter set and cache it: a megabyte of batch data per call would fill that cache.
   */
  readonly sql: SqlDriver;
  migrate(): Promise<MigrateResult>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Opens PostgreSQL when DATABASE_URL is set, else the embedded PGlite in DATA_DIR, behind one Prisma client. */
export async function openDatabase(
  database: Config["database"],
  options: { log?: Logger; migrationsDir?: string } = {},
): Promise<Database> {
  const { log, migrationsDir = MIGRATIONS_DIR } = options;
  if (database.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: database.url, max: 10 });
    // An idle client losing its connection (Postgres restart) must not crash the process.
    pool.on("error", (err) => log?.warn({ err }, "postgres pool connection lost; it will reconnect"));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const driver = pgDriver(pool);
    return {
      kind: "postgres",
      prisma,
      sql: driver,
      migrate: () => migrate(driver, migrationsDir, log),
      async ping() {
        await driver.query("SELECT 1");
      },
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  const releaseLock = lockDataDir(database.dataDir);
  try {
    const pglite = await PGlite.create(join(database.dataDir, "pglite"));
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    const driver = pgliteDriver(pglite);
    return {
      kind: "pglite",
      prisma,
      sql: driver,
      migrate: () => migrate(driver, migrationsDir, log),
      async ping() {
        await driver.query("SELECT 1");
      },
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        releaseLock();
      },
    };
  } catch (err) {
    releaseLock();
    throw err;
  }
}

/**
 * PGlite is a single-process database: two processes on one directory corrupt it.
 * A pid file turns that mistake (e.g. `kurs demo` while `npm start` runs) into a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, "kurs.pid");
  try {
    const pid = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
    if (Number.isInteger(pid) && pid !== process.pid && isAlive(pid)) throw new DataDirLockedError(dataDir, pid);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw err;
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
