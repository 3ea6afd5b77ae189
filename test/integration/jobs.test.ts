import { type Job, type Queue, QueueEvents, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { QUEUE_NAME } from "../../jobs/definitions.js";
import { tenantSchedules, upsertSchedules } from "../../jobs/schedules.js";
import { createWorker } from "../../jobs/worker-runtime.js";
import { systemClock } from "../../src/core/ports.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { KursError } from "../../src/errors.js";
import { createLogger } from "../../src/logger.js";
import { JobProducer } from "../../src/queue/job-producer.js";
import { createRedis } from "../../src/queue/redis.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { processorDeps } from "../helpers/processor-deps.js";
import { deleteQueueKeys, testQueuePrefix } from "../helpers/queue-keys.js";
import { waitForCalls } from "../helpers/slack-interactions.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

const log = createLogger("silent");
let db: Database;
let slack: FakeSlack;
const closers: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  slack = await new FakeSlack().start();
});

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

afterAll(async () => {
  await db.close();
  await slack.stop();
});

/** A producer and a worker on their own queue prefix, so tests never see each other's jobs. */
async function queues(options: { worker?: boolean } = {}) {
  const prefix = testQueuePrefix();
  const producerRedis: Redis = createRedis(inject("redisUrl"), "producer", log);
  const producer = new JobProducer(producerRedis, prefix);
  const events = new QueueEvents(QUEUE_NAME, { connection: { url: inject("redisUrl") }, prefix });
  // QueueEvents reads a stream from "now": it must be listening before the first job is added.
  // Closers run in reverse: the keys go last, once nothing of this test writes to Redis.
  closers.push(
    () => deleteQueueKeys(prefix),
    () => producerRedis.quit(),
    () => producer.close(),
    () => events.close(),
  );
  let worker: Worker | undefined;
  if (options.worker !== false) {
    const workerRedis = createRedis(inject("redisUrl"), "worker", log);
    worker = createWorker(
      workerRedis,
      prefix,
      processorDeps(db, { slackApiUrl: slack.apiUrl, producer, clock: systemClock, log }),
      4,
    );
    const w = worker;
    closers.push(
      () => workerRedis.quit(),
      () => w.close(),
    );
  }
  await events.waitUntilReady();
  return { producer, worker, events, prefix };
}

async function withoutSlackIds(org: TestTenant): Promise<void> {
  await db.prisma.person.updateMany({ where: { tenantId: org.tenant.id }, data: { slackUserId: null } });
  slack.addUser({ id: org.people.anna.slackUserId, email: org.people.anna.email });
  slack.addUser({ id: org.people.lead.slackUserId, email: org.people.lead.email });
}

describe("org.link-identities job", () => {
  it("links people by e-mail through the worker, and a duplicate enqueue with the same job id runs once", async () => {
    const org = await createTestTenant(db);
    await withoutSlackIds(org);
    const { producer, events } = await queues();
    const jobId = `org.link-identities:${org.tenant.id}:manual`;
    await producer.enqueue("org.link-identities", { tenantId: org.tenant.id, platform: "slack" }, { jobId });
    await producer.enqueue("org.link-identities", { tenantId: org.tenant.id, platform: "slack" }, { jobId });
    const job = await producer.queue.getJob(jobId);
    if (!job) throw new Error("job missing");
    expect(await job.waitUntilFinished(events, 60_000)).toEqual({ linked: 2 });

    const people = await db.prisma.person.findMany({ where: { tenantId: org.tenant.id }, orderBy: { email: "asc" } });
    expect(people.find((p) => p.email === org.people.anna.email)?.slackUserId).toBe(org.people.anna.slackUserId);
    expect(people.find((p) => p.email === org.people.boss.email)?.slackUserId).toBeNull();
    const counts = await producer.queue.getJobCounts("completed", "waiting", "active", "failed");
    expect(counts).toMatchObject({ completed: 1, waiting: 0, active: 0, failed: 0 });
  });

  it("is idempotent when it runs again: nobody is looked up twice once linked", async () => {
    const org = await createTestTenant(db);
    await withoutSlackIds(org);
    const { producer, events } = await queues();
    for (const run of ["a", "b"]) {
      await producer.enqueue(
        "org.link-identities",
        { tenantId: org.tenant.id, platform: "slack" },
        { jobId: `run-${run}` },
      );
      await (await producer.queue.getJob(`run-${run}`))?.waitUntilFinished(events, 60_000);
    }
    const looked = slack.callsOf("users.lookupByEmail").map((c) => c.body.email);
    expect(looked.filter((e) => e === org.people.anna.email)).toHaveLength(1);
    expect(looked.filter((e) => e === org.people.boss.email)).toHaveLength(2);
  });

  it("rejects an invalid payload at enqueue, and fails a forged one in the worker without retrying", async () => {
    const { producer, events } = await queues();
    await expect(
      producer.enqueue("org.link-identities", { tenantId: "not-a-uuid", platform: "slack" }, { jobId: "bad" }),
    ).rejects.toBeInstanceOf(KursError);
    const forged: Job = await producer.queue.add(
      "org.link-identities",
      { tenantId: 42 },
      { jobId: "forged", attempts: 5 },
    );
    await expect(forged.waitUntilFinished(events, 60_000)).rejects.toThrow(/invalid payload/);
    const state = await producer.queue.getJob("forged");
    expect(state?.attemptsMade).toBe(1);
    expect(await state?.getState()).toBe("failed");
  });

  it("drains on close: a running job finishes before the worker stops", async () => {
    const org = await createTestTenant(db);
    await withoutSlackIds(org);
    // Slack holds the first lookup: the job is provably running when the worker is told to close.
    const release = slack.hold("users.lookupByEmail");
    try {
      const { producer, worker } = await queues();
      if (!worker) throw new Error("no worker");
      const before = slack.callsOf("users.lookupByEmail").length;
      await producer.enqueue("org.link-identities", { tenantId: org.tenant.id, platform: "slack" }, { jobId: "slow" });
      await waitForCalls(slack, "users.lookupByEmail", () => true, before + 1);
      expect(await (await producer.queue.getJob("slow"))?.getState()).toBe("active");
      const closing = worker.close();
      release();
      await closing;
      const job = await producer.queue.getJob("slow");
      expect(await job?.getState()).toBe("completed");
      expect(job?.returnvalue).toEqual({ linked: 2 });
    } finally {
      release();
    }
  });
});

describe("schedules", () => {
  it("upserts one scheduler per tenant and job, in the tenant's time zone, however often replicas call it", async () => {
    const org = await createTestTenant(db);
    const { producer } = await queues({ worker: false });
    const schedules = tenantSchedules(org.tenant, { slack: true });
    await upsertSchedules(producer.queue, org.tenant, schedules);
    await upsertSchedules(producer.queue, org.tenant, schedules);
    const schedulers = await producer.queue.getJobSchedulers();
    expect(schedulers).toHaveLength(5);
    expect(schedulers).toContainEqual(
      expect.objectContaining({
        key: `org.link-identities:${org.tenant.id}`,
        tz: "Europe/Berlin",
        pattern: "0 3 * * *",
      }),
    );
    expect(schedulers).toContainEqual(
      expect.objectContaining({
        key: `goals.reminders-scan:${org.tenant.id}`,
        tz: "Europe/Berlin",
        pattern: "30 * * * *",
      }),
    );
    // The weekly KPI digest: Monday 08:00 in the tenant's time zone.
    expect(schedulers).toContainEqual(
      expect.objectContaining({ key: `kpis.digest:${org.tenant.id}`, tz: "Europe/Berlin", pattern: "0 8 * * 1" }),
    );
    // Feature modules add theirs: training suggestions from qualification needs, on weekday mornings,
    // and the feedback campaign's weekly nudge scan, Mondays at nine in the tenant's zone.
    expect(schedulers).toContainEqual(
      expect.objectContaining({
        key: `trainings.recommend:${org.tenant.id}`,
        tz: "Europe/Berlin",
        pattern: "0 8 * * 1-5",
      }),
    );
    expect(schedulers).toContainEqual(
      expect.objectContaining({
        key: `feedback.nudge-scan:${org.tenant.id}`,
        tz: "Europe/Berlin",
        pattern: "0 9 * * 1",
      }),
    );
    expect(tenantSchedules(org.tenant, { slack: false }).map((s) => s.name)).toEqual([
      "goals.reminders-scan",
      "feedback.nudge-scan",
      "trainings.recommend",
      "kpis.digest",
    ]);
    // Each scheduler keeps exactly one upcoming job, however often it was upserted.
    const queue: Queue = producer.queue;
    const upcoming = await queue.getDelayed();
    expect(upcoming.map((job) => job.name).sort()).toEqual([
      "feedback.nudge-scan",
      "goals.reminders-scan",
      "kpis.digest",
      "org.link-identities",
      "trainings.recommend",
    ]);
  });
});
