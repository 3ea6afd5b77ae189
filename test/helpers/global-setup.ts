import { randomBytes } from "node:crypto";
import { createConnection } from "node:net";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { openDatabase } from "../../src/db/client.js";
import { deleteKeys, scanKeys } from "./redis-keys.js";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    redisUrl: string;
    /** Every queue prefix of this run starts with it (see queue-keys.ts). */
    queuePrefix: string;
  }
}

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Integration tests need the real PostgreSQL and Redis; if either is down the run fails here with
 * one clear message (.ci/run starts both). Tests never skip because a service is missing.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dbName = `kurs_test_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL} (set TEST_POSTGRES_URL, or run .ci/run which starts it)`,
      {
        cause: err,
      },
    );
  }
  await assertRedis(REDIS_URL);
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const db = await openDatabase({ kind: "postgres", url: databaseUrl });
  await db.migrate();
  await db.close();
  project.provide("databaseUrl", databaseUrl);
  project.provide("redisUrl", REDIS_URL);
  // Per run, so the check below never sees another run's keys on the shared Redis.
  const queuePrefix = `kurs-test-${process.pid}-${randomBytes(3).toString("hex")}`;
  project.provide("queuePrefix", queuePrefix);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
    // Every test removes its own queue keys; a leftover is a test that forgot, and fails the run.
    const pattern = `${queuePrefix}-*`;
    const left = await scanKeys(REDIS_URL, pattern);
    if (left.length > 0) {
      await deleteKeys(REDIS_URL, pattern);
      // Vitest only logs a teardown error; the exit code is what makes CI fail.
      process.exitCode = 1;
      throw new Error(
        `${left.length} BullMQ key(s) of this test run were left in Redis (now deleted), e.g. ${left.slice(0, 5).join(", ")}`,
      );
    }
  };
}

function assertRedis(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
    socket.once("error", (err) =>
      reject(
        new Error(`Redis is not reachable at ${url} (set TEST_REDIS_URL, or run .ci/run which starts it)`, {
          cause: err,
        }),
      ),
    );
  });
}
