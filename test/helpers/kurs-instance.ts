import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inject } from "vitest";
import { createKurs, type Kurs } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import type { Clock } from "../../src/core/ports.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { FakeSlack } from "./fake-slack.js";
import { deleteQueueKeys, testQueuePrefix } from "./queue-keys.js";

export const SIGNING_SECRET = "test-signing-secret-0123456789";

export interface RunningKurs {
  readonly kurs: Kurs;
  readonly url: string;
  readonly slack: FakeSlack;
  readonly queuePrefix: string;
  stop(): Promise<void>;
}

/**
 * Boots the whole service in this process, configured through the same environment variables a
 * user sets: real PostgreSQL (or PGlite), real Redis, port 0, Slack pointed at a FakeSlack.
 */
export async function startKurs(
  options: {
    database?: "postgres" | "pglite";
    env?: Record<string, string>;
    worker?: boolean;
    clock?: Clock;
    /** Replaces the silent logger, e.g. with one that records lines (see LogLines). */
    log?: Logger;
  } = {},
): Promise<RunningKurs> {
  const slack = await new FakeSlack().start();
  const queuePrefix = testQueuePrefix();
  let dataDir: string | undefined;
  const env: Record<string, string> = {
    NODE_ENV: "test",
    PORT: "0",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    REDIS_URL: inject("redisUrl"),
    QUEUE_PREFIX: queuePrefix,
    SLACK_BOT_TOKEN: "xoxb-test-token",
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    // Never the real Bot Connector: opening a Teams chat fails fast here unless a test points it at a fake.
    TEAMS_SERVICE_URL: "http://127.0.0.1:9/",
    // The sweep reads every tenant's rows, and test files share one database: a test's instance
    // must not send another test's deliveries. The outbox tests run their sweep per tenant.
    OUTBOX_SWEEP_SECONDS: "0",
    ...options.env,
  };
  if ((options.database ?? "postgres") === "postgres") env.DATABASE_URL = inject("databaseUrl");
  else {
    dataDir = await mkdtemp(join(tmpdir(), "kurs-pglite-"));
    env.DATA_DIR = dataDir;
  }
  const config = loadConfig(env);
  const log = options.log ?? createLogger(config.logLevel);
  const kurs = await createKurs(config, log, { web: true, worker: options.worker ?? false, clock: options.clock });
  const port = await kurs.listen();
  return {
    kurs,
    url: `http://127.0.0.1:${port}`,
    slack,
    queuePrefix,
    async stop() {
      try {
        await kurs.stop();
      } finally {
        await slack.stop();
        // After the stop: no producer, worker or scheduler of this instance writes any more.
        await deleteQueueKeys(queuePrefix);
      }
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
