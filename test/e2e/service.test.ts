import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { deleteQueueKeys, testQueuePrefix } from "../helpers/queue-keys.js";
import { buildDist, freePort, startService, waitForHttp } from "../helpers/service-process.js";

let dataDir: string;

beforeAll(async () => {
  await buildDist();
  dataDir = await mkdtemp(join(tmpdir(), "kurs-service-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// Child processes that start Node, open PGlite and migrate: slow on a loaded machine, so the
// budget is generous; every wait below is for a positive signal (a line, an answer, an exit).
describe("the built service, started as `npm start` starts it", { timeout: 300_000 }, () => {
  it("serves /healthz and /readyz on PGlite without Slack or Teams credentials, and stops cleanly on SIGTERM", async () => {
    const queuePrefix = testQueuePrefix();
    const service = await startService({
      DATA_DIR: dataDir,
      REDIS_URL: inject("redisUrl"),
      QUEUE_PREFIX: queuePrefix,
    });
    try {
      const health = await waitForHttp(service, "/healthz");
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      let ready = await fetch(`${service.url}/readyz`);
      const readyBy = Date.now() + 240_000;
      while (ready.status !== 200 && Date.now() < readyBy) {
        await new Promise((r) => setTimeout(r, 100));
        ready = await fetch(`${service.url}/readyz`);
      }
      expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", redis: "ok" } });
      // Slack is off: its endpoint does not exist, and the log says why.
      expect((await fetch(`${service.url}/slack/events`, { method: "POST" })).status).toBe(404);
      expect(service.output()).toContain("Slack is off");
      expect(service.output()).toContain("emulator mode");
      // Teams runs in emulator mode: a loopback activity is accepted (the reply goes to a dead serviceUrl).
      const port = await freePort();
      const res = await postActivity(
        service.url,
        messageActivity({
          text: "hilfe",
          serviceUrl: `http://127.0.0.1:${port}`,
          aadObjectId: "00000000-0000-4000-8000-000000000001",
        }),
      );
      expect(res.status).not.toBe(403);
    } finally {
      service.child.kill("SIGTERM");
    }
    expect(await service.exited).toBe(0);
    await deleteQueueKeys(queuePrefix);
    expect(service.output()).toContain("stopped");
  });

  it("keeps running while Redis is unreachable, says where and how to start one, and reports it in /readyz", async () => {
    const deadPort = await freePort();
    const dir = await mkdtemp(join(tmpdir(), "kurs-noredis-"));
    const service = await startService({ DATA_DIR: dir, REDIS_URL: `redis://127.0.0.1:${deadPort}` });
    try {
      expect((await waitForHttp(service, "/healthz")).status).toBe(200);
      const ready = await fetch(`${service.url}/readyz`);
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { checks: Record<string, string> };
      expect(body.checks.database).toBe("ok");
      expect(body.checks.redis).not.toBe("ok");
      // /readyz can answer before the first connection attempt has failed and been logged.
      const deadline = Date.now() + 240_000;
      while (!service.output().includes("is unreachable") && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(service.output()).toContain(`Redis at redis://127.0.0.1:${deadPort} is unreachable`);
      expect(service.output()).toContain("redis-server");
      expect(service.child.exitCode).toBeNull();
    } finally {
      service.child.kill("SIGTERM");
      await service.exited;
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to start in production without Microsoft credentials, and lists every bad variable at once", async () => {
    const production = await startService({ NODE_ENV: "production", DATA_DIR: dataDir });
    expect(await production.exited).toBe(1);
    expect(production.output()).toContain("MICROSOFT_APP_ID is required in production");

    const bad = await startService({
      PORT: "http",
      REDIS_URL: "localhost",
      SLACK_BOT_TOKEN: "xoxb-1",
      DATA_DIR: dataDir,
    });
    expect(await bad.exited).toBe(1);
    const output = bad.output();
    expect(output).toContain("PORT must be a port number");
    expect(output).toContain("REDIS_URL must start with redis://");
    expect(output).toContain("SLACK_SIGNING_SECRET is required");
    expect(output).toContain(".env.example");
  });

  it("runs the worker alone (npm run worker) and drains on SIGTERM", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kurs-worker-"));
    const queuePrefix = testQueuePrefix();
    const worker = await startService(
      { DATA_DIR: dir, REDIS_URL: inject("redisUrl"), QUEUE_PREFIX: queuePrefix, LOG_LEVEL: "info" },
      "dist/jobs/worker.js",
    );
    try {
      const deadline = Date.now() + 240_000;
      while (!worker.output().includes("worker running") && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(worker.output()).toContain("worker running");
    } finally {
      worker.child.kill("SIGTERM");
    }
    expect(await worker.exited).toBe(0);
    await deleteQueueKeys(queuePrefix);
    await rm(dir, { recursive: true, force: true });
  });
});
