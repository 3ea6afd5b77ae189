import { QueueEvents, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { deliveryJobs, QUEUE_NAME } from "../../jobs/definitions.js";
import type { ProcessorDeps } from "../../jobs/processors/deps.js";
import { goalsRemindersScan } from "../../jobs/processors/goals-reminders-scan.js";
import { createWorker } from "../../jobs/worker-runtime.js";
import { REMINDER_PURPOSE, reminderSubject } from "../../src/core/goals/reminder-delivery.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { type DeliverDeps, deliverOne } from "../../src/delivery/deliver.js";
import { createLogger } from "../../src/logger.js";
import { JobProducer } from "../../src/queue/job-producer.js";
import { createRedis } from "../../src/queue/redis.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { processorDeps } from "../helpers/processor-deps.js";
import { deleteQueueKeys, testQueuePrefix } from "../helpers/queue-keys.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

const log = createLogger("silent");
let db: Database;
let slack: FakeSlack;
const closers: (() => Promise<unknown>)[] = [];

// Tom's last check-in: Monday 19 Oct 2026, 09:00 CEST. Summer time ends on Sunday 25 Oct, so the
// nudge is due on Monday 26 Oct at 09:00 CET, which is 08:00 UTC (not 07:00).
const LAST_CHECKIN = new Date("2026-10-19T07:00:00Z");
const SLOT = new Date("2026-10-26T08:00:00Z");
/** The scan runs 1.5 s before the slot, so the nudge waits a short real delay before it runs. */
const SCAN_AT = new Date(SLOT.getTime() - 1_500);

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

function deps(clock: TestClock, producer: JobProducer): ProcessorDeps {
  return processorDeps(db, { slackApiUrl: slack.apiUrl, producer, clock, log });
}

/** A producer and two workers on one fresh queue prefix, sharing one controllable clock. */
async function twoWorkers(clock: TestClock) {
  const prefix = testQueuePrefix();
  const producerRedis: Redis = createRedis(inject("redisUrl"), "producer", log);
  const producer = new JobProducer(producerRedis, prefix);
  const events = new QueueEvents(QUEUE_NAME, { connection: { url: inject("redisUrl") }, prefix });
  // Closers run in reverse: the keys go last, once nothing of this test writes to Redis.
  closers.push(
    () => deleteQueueKeys(prefix),
    () => producerRedis.quit(),
    () => producer.close(),
    () => events.close(),
  );
  const workers: Worker[] = [];
  for (let i = 0; i < 2; i += 1) {
    const workerRedis = createRedis(inject("redisUrl"), "worker", log);
    const worker = createWorker(workerRedis, prefix, deps(clock, producer), 4);
    workers.push(worker);
    closers.push(
      () => workerRedis.quit(),
      () => worker.close(),
    );
  }
  await events.waitUntilReady();
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  return { producer, events, workers };
}

/** A measure in Service/Desk owned by Tom, checked in on LAST_CHECKIN. */
async function staleMeasure(org: TestTenant): Promise<{ goalId: string; tomId: string; tinaId: string }> {
  const desk = await db.prisma.orgUnit.findFirstOrThrow({
    where: { tenantId: org.tenant.id, path: { endsWith: "/Service/Desk" } },
  });
  const tom = await db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: org.people.tom.email },
  });
  const tina = await db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: org.people.tina.email },
  });
  const goals = new PrismaGoalRepository(db.prisma);
  const goal = await goals.create({
    tenantId: org.tenant.id,
    level: "measure",
    parentId: null,
    unitId: desk.id,
    focusTopicId: null,
    title: "Call back every open ticket within a day",
    successCriterion: "No callback older than 24 h",
    dueDate: "2027-03-31",
    kpiKey: null,
    kpiTarget: null,
    ownerIds: [tom.id],
    createdById: tina.id,
  });
  await goals.checkin({
    tenantId: org.tenant.id,
    goalId: goal.id,
    personId: tom.id,
    progress: 20,
    status: "on_track",
    note: null,
    at: LAST_CHECKIN,
  });
  return { goalId: goal.id, tomId: tom.id, tinaId: tina.id };
}

function messagesTo(userId: string) {
  return slack.callsOf("chat.postMessage").filter((c) => c.body.channel === userId);
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function reminderRows(tenantId: string) {
  return db.prisma.delivery.findMany({ where: { tenantId, purpose: REMINDER_PURPOSE }, orderBy: { platform: "asc" } });
}

async function slackRow(tenantId: string, slot: Date) {
  return db.prisma.delivery.findFirstOrThrow({
    where: { tenantId, purpose: REMINDER_PURPOSE, subject: reminderSubject(slot), platform: "slack" },
  });
}

function deliverDeps(clock: TestClock, producer: JobProducer): DeliverDeps {
  const d = deps(clock, producer);
  return { store: d.deliveries, renderers: d.renderers, sender: d.sender, limiter: d.limiter, clock, log };
}

async function runScan(producer: JobProducer, events: QueueEvents, tenantId: string, id: string): Promise<unknown> {
  await producer.enqueue("goals.reminders-scan", { tenantId }, { jobId: id });
  const job = await producer.queue.getJob(id);
  if (!job) throw new Error(`scan ${id} missing`);
  return job.waitUntilFinished(events, 60_000);
}

describe("check-in reminders through the outbox, with two workers", () => {
  it("fires at 09:00 CET (08:00 UTC) on the Monday after the October DST change, exactly once", async () => {
    const org = await createTestTenant(db);
    const { goalId, tomId } = await staleMeasure(org);
    const clock = new TestClock(SCAN_AT);
    const { producer, events } = await twoWorkers(clock);

    // Two scans (say two replicas' schedulers, or a retried scan): the second finds the nudge planned.
    expect(await runScan(producer, events, org.tenant.id, "scan-1")).toEqual({ planned: 1 });
    expect(await runScan(producer, events, org.tenant.id, "scan-2")).toEqual({ planned: 0 });
    // One row per platform Tom is on, due at the slot.
    const rows = await reminderRows(org.tenant.id);
    expect(rows.map((r) => [r.platform, r.subject, r.notBefore.toISOString()])).toEqual([
      ["slack", "slot-20261026T080000Z", SLOT.toISOString()],
      ["teams", "slot-20261026T080000Z", SLOT.toISOString()],
    ]);
    const slackId = (await slackRow(org.tenant.id, SLOT)).id;
    const jobId = deliveryJobs.send.jobId(org.tenant.id, slackId);
    // Enqueuing the rows again by hand collapses onto the delayed jobs.
    await producer.enqueueDeliveries(rows.map((r) => ({ tenantId: org.tenant.id, deliveryId: r.id, delayMs: 1_500 })));
    const sends = (await producer.queue.getJobs(["delayed", "waiting", "active"])).filter(
      (j) => j.name === deliveryJobs.send.name,
    );
    expect(sends.map((j) => j.id).sort()).toEqual(rows.map((r) => deliveryJobs.send.jobId(org.tenant.id, r.id)).sort());
    const job = sends.find((j) => j.id === jobId);
    // The delay targets 08:00 UTC as seen from the scan's clock.
    expect(job?.opts.delay).toBe(1_500);

    // A stray copy under another id races the original on the two workers; the row's claim lets
    // only one of them send.
    await producer.enqueue(
      deliveryJobs.send.name,
      { tenantId: org.tenant.id, deliveryId: slackId },
      { jobId: `delivery.send-copy:${org.tenant.id}:${slackId}`, delayMs: 1_500 },
    );
    clock.set(SLOT);
    const sent = await until("the Slack row sent", async () => {
      const row = await slackRow(org.tenant.id, SLOT);
      return row.state === "sent" ? row : undefined;
    });
    await until("both jobs done", async () =>
      (await producer.queue.getJob(jobId)) ||
      (await producer.queue.getJob(`delivery.send-copy:${org.tenant.id}:${slackId}`))
        ? undefined
        : true,
    );
    const messages = messagesTo(org.people.tom.slackUserId);
    expect(messages).toHaveLength(1);
    expect(String(messages[0]?.body.text)).toContain("Check-in due: 1 measure");
    expect(JSON.stringify(messages[0]?.body.blocks)).toContain(goalId);
    expect(sent).toMatchObject({
      personId: tomId,
      attempts: 1,
      payload: { items: [{ goalId, staleSince: LAST_CHECKIN.toISOString() }] },
    });

    // Later scans in the same stale period plan nothing: not the same day, not a week later.
    clock.set("2026-10-26T08:30:00Z");
    expect(await runScan(producer, events, org.tenant.id, "scan-3")).toEqual({ planned: 0 });
    clock.set("2026-11-02T07:30:00Z");
    expect(await runScan(producer, events, org.tenant.id, "scan-4")).toEqual({ planned: 0 });
    expect(messagesTo(org.people.tom.slackUserId)).toHaveLength(1);
  });

  it("concurrent runs of the same nudge race on the claim, and only the winner sends", async () => {
    const org = await createTestTenant(db);
    await staleMeasure(org);
    const clock = new TestClock(SCAN_AT);
    const { producer } = await twoWorkers(clock);
    // Planned from a clock far from the slot, so the workers' delayed jobs do not run during the race.
    expect(
      await goalsRemindersScan(deps(new TestClock(new Date(SLOT.getTime() - 23 * 3600_000)), producer), {
        tenantId: org.tenant.id,
      }),
    ).toEqual({ planned: 1 });
    clock.set(SLOT);
    const row = await slackRow(org.tenant.id, SLOT);
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        deliverOne(deliverDeps(clock, producer), { tenantId: org.tenant.id, deliveryId: row.id }),
      ),
    );
    expect(results.filter((r) => r.kind === "sent")).toHaveLength(1);
    expect(results.filter((r) => r.kind !== "sent")).toHaveLength(5);
    expect(messagesTo(org.people.tom.slackUserId)).toHaveLength(1);
    expect((await slackRow(org.tenant.id, SLOT)).state).toBe("sent");
  });

  it("a check-in before the slot cancels the nudge", async () => {
    const org = await createTestTenant(db);
    const { goalId, tomId } = await staleMeasure(org);
    const clock = new TestClock(new Date(SLOT.getTime() - 23 * 3600_000));
    const { producer } = await twoWorkers(clock);

    expect(await goalsRemindersScan(deps(clock, producer), { tenantId: org.tenant.id })).toEqual({ planned: 1 });
    const row = await slackRow(org.tenant.id, SLOT);
    // Tom checks in at 08:59:59 local, a second before the nudge.
    await new PrismaGoalRepository(db.prisma).checkin({
      tenantId: org.tenant.id,
      goalId,
      personId: tomId,
      progress: 35,
      status: "at_risk",
      note: "Waiting for the new phone system",
      at: new Date(SLOT.getTime() - 1_000),
    });
    clock.set(SLOT);
    expect(
      await deliverOne(deliverDeps(clock, producer), { tenantId: org.tenant.id, deliveryId: row.id }),
    ).toMatchObject({
      kind: "cancelled",
    });
    expect(messagesTo(org.people.tom.slackUserId)).toHaveLength(0);
    expect((await slackRow(org.tenant.id, SLOT)).state).toBe("cancelled");

    // The new stale period starts at the check-in; its nudge is planned for the Monday after.
    const next = await goalsRemindersScan(deps(new TestClock(new Date("2026-11-01T12:00:00Z")), producer), {
      tenantId: org.tenant.id,
    });
    expect(next).toEqual({ planned: 1 });
    expect((await slackRow(org.tenant.id, new Date("2026-11-02T08:00:00Z"))).state).toBe("pending");
  });

  it("after an outage plans the next working day's 09:00 rather than nudging at a random hour", async () => {
    const org = await createTestTenant(db);
    await staleMeasure(org);
    // Back up at 14:00 CET on Monday: the 09:00 slot passed long ago.
    const clock = new TestClock(new Date("2026-10-26T13:00:00Z"));
    const { producer } = await twoWorkers(clock);
    expect(await goalsRemindersScan(deps(clock, producer), { tenantId: org.tenant.id })).toEqual({ planned: 1 });
    const row = await slackRow(org.tenant.id, new Date("2026-10-27T08:00:00Z"));
    const job = await producer.queue.getJob(deliveryJobs.send.jobId(org.tenant.id, row.id));
    expect(job?.opts.delay).toBe(19 * 3600 * 1000);
  });
});
