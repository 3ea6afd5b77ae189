import { QueueEvents, type Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { QUEUE_NAME } from "../../jobs/definitions.js";
import type { ProcessorDeps } from "../../jobs/processors/deps.js";
import { goalsRemind } from "../../jobs/processors/goals-remind.js";
import { goalsRemindersScan, remindJobId } from "../../jobs/processors/goals-reminders-scan.js";
import { createWorker } from "../../jobs/worker-runtime.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
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

async function runScan(producer: JobProducer, events: QueueEvents, tenantId: string, id: string): Promise<unknown> {
  await producer.enqueue("goals.reminders-scan", { tenantId }, { jobId: id });
  const job = await producer.queue.getJob(id);
  if (!job) throw new Error(`scan ${id} missing`);
  return job.waitUntilFinished(events, 60_000);
}

describe("check-in reminders with two workers", () => {
  it("fires at 09:00 CET (08:00 UTC) on the Monday after the October DST change, exactly once", async () => {
    const org = await createTestTenant(db);
    const { goalId, tomId } = await staleMeasure(org);
    const clock = new TestClock(SCAN_AT);
    const { producer, events } = await twoWorkers(clock);

    // Two scans (say two replicas' schedulers, or a retried scan) plan the same single job.
    expect(await runScan(producer, events, org.tenant.id, "scan-1")).toEqual({ planned: 1 });
    expect(await runScan(producer, events, org.tenant.id, "scan-2")).toEqual({ planned: 1 });
    const jobId = remindJobId(tomId, SLOT);
    expect(jobId).toBe(`goals.remind:${tomId}:20261026T080000Z`);
    const payload = { tenantId: org.tenant.id, personId: tomId, slot: SLOT.toISOString() };
    // Enqueuing it again by hand collapses too.
    await producer.enqueue("goals.remind", payload, { jobId, delayMs: 1_500 });
    const reminds = (await producer.queue.getJobs(["delayed", "waiting", "active", "completed"])).filter(
      (j) => j.name === "goals.remind",
    );
    expect(reminds.map((j) => j.id)).toEqual([jobId]);
    const job = reminds[0];
    if (!job) throw new Error("remind job missing");
    expect(job.data).toEqual(payload);
    // The delay targets 08:00 UTC as seen from the scan's clock.
    expect(clock.now().getTime() + (job.opts.delay ?? 0)).toBe(SLOT.getTime());
    expect(job.opts.delay).toBe(1_500);

    // A stray copy under another id (e.g. re-added after the first was cleaned up) races the original
    // on the two workers; the ReminderSent claim lets only one of them send.
    await producer.enqueue("goals.remind", payload, { jobId: `goals.remind:copy:${tomId}`, delayMs: 1_500 });
    const copy = await producer.queue.getJob(`goals.remind:copy:${tomId}`);
    clock.set(SLOT);
    const results = await Promise.all([job.waitUntilFinished(events, 60_000), copy?.waitUntilFinished(events, 60_000)]);
    // Whichever ran second saw the claim either when reading or when inserting.
    expect(results.map((r) => (r as { sent: number }).sent).sort()).toEqual([0, 1]);

    const sent = messagesTo(org.people.tom.slackUserId);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.body.text)).toContain("Check-in due: 1 measure");
    expect(JSON.stringify(sent[0]?.body.blocks)).toContain(goalId);
    const rows = await db.prisma.reminderSent.findMany({ where: { tenantId: org.tenant.id } });
    expect(rows).toMatchObject([{ goalId, personId: tomId, staleSince: LAST_CHECKIN }]);

    // Later scans in the same stale period plan nothing: not the same day, not a week later.
    clock.set("2026-10-26T08:30:00Z");
    expect(await runScan(producer, events, org.tenant.id, "scan-3")).toEqual({ planned: 0 });
    clock.set("2026-11-02T07:30:00Z");
    expect(await runScan(producer, events, org.tenant.id, "scan-4")).toEqual({ planned: 0 });
    expect(messagesTo(org.people.tom.slackUserId)).toHaveLength(1);
  });

  it("concurrent runs of the same nudge race on the claim, and only the winner sends", async () => {
    const org = await createTestTenant(db);
    const { tomId } = await staleMeasure(org);
    const clock = new TestClock(SLOT);
    const { producer } = await twoWorkers(clock);
    const payload = { tenantId: org.tenant.id, personId: tomId, slot: SLOT.toISOString() };
    const results = await Promise.all(Array.from({ length: 6 }, () => goalsRemind(deps(clock, producer), payload)));
    expect(results.filter((r) => r.sent === 1)).toHaveLength(1);
    expect(results.filter((r) => r.sent === 0)).toHaveLength(5);
    expect(messagesTo(org.people.tom.slackUserId)).toHaveLength(1);
    expect(await db.prisma.reminderSent.count({ where: { tenantId: org.tenant.id } })).toBe(1);
  });

  it("a check-in before the slot cancels the nudge", async () => {
    const org = await createTestTenant(db);
    const { goalId, tomId } = await staleMeasure(org);
    const clock = new TestClock(SCAN_AT);
    const { producer, events } = await twoWorkers(clock);

    expect(await runScan(producer, events, org.tenant.id, "scan-1")).toEqual({ planned: 1 });
    const job = await producer.queue.getJob(remindJobId(tomId, SLOT));
    if (!job) throw new Error("remind job missing");
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
    expect(await job.waitUntilFinished(events, 60_000)).toEqual({ sent: 0, skipped: "nothing-due" });
    expect(messagesTo(org.people.tom.slackUserId)).toHaveLength(0);
    expect(await db.prisma.reminderSent.count({ where: { tenantId: org.tenant.id } })).toBe(0);

    // The new stale period starts at the check-in; its nudge is planned for the Monday after.
    const next = await goalsRemindersScan(deps(new TestClock(new Date("2026-11-01T12:00:00Z")), producer), {
      tenantId: org.tenant.id,
    });
    expect(next).toEqual({ planned: 1 });
    expect(await producer.queue.getJob(remindJobId(tomId, new Date("2026-11-02T08:00:00Z")))).toBeDefined();
  });

  it("after an outage plans the next working day's 09:00 rather than nudging at a random hour", async () => {
    const org = await createTestTenant(db);
    const { tomId } = await staleMeasure(org);
    // Back up at 14:00 CET on Monday: the 09:00 slot passed long ago.
    const clock = new TestClock(new Date("2026-10-26T13:00:00Z"));
    const { producer } = await twoWorkers(clock);
    expect(await goalsRemindersScan(deps(clock, producer), { tenantId: org.tenant.id })).toEqual({ planned: 1 });
    const job = await producer.queue.getJob(remindJobId(tomId, new Date("2026-10-27T08:00:00Z")));
    expect(job?.opts.delay).toBe(19 * 3600 * 1000);
  });
});
