import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import type { ProcessorDeps } from "../../jobs/processors/deps.js";
import { createWorker } from "../../jobs/worker-runtime.js";
import { createTeamsApp } from "../../src/chat/teams/create-teams-app.js";
import type { Platform } from "../../src/core/org/types.js";
import { STATEMENT_PURPOSE, statementTargets } from "../../src/core/statements/statement-service.js";
import type { StatementView } from "../../src/core/statements/types.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaDeliveryRepository } from "../../src/db/delivery-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaStatementRepository } from "../../src/db/statement-repository.js";
import { TeamsConversationRepository } from "../../src/db/teams-conversation-repository.js";
import { DELIVERY_LEASE_MS, deliverOne } from "../../src/delivery/deliver.js";
import { RedisRateLimiter } from "../../src/delivery/rate-limit.js";
import { sweepDeliveries } from "../../src/delivery/sweep.js";
import { createLogger } from "../../src/logger.js";
import { JobProducer } from "../../src/queue/job-producer.js";
import { closeRedis, createRedis } from "../../src/queue/redis.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { FakeTeamsConnector } from "../helpers/fake-teams-connector.js";
import { processorDeps } from "../helpers/processor-deps.js";
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
  slack.slowDown("chat.postMessage", 0);
});

afterAll(async () => {
  await db.close();
  await slack.stop();
});

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The fixture's five people plus `extra` more on Slack only, so a fan-out takes a while. */
async function tenantWith(extra: number): Promise<{ org: TestTenant; slackIds: string[] }> {
  const org = await createTestTenant(db);
  const suffix = randomUUID().slice(0, 8);
  await db.prisma.person.createMany({
    data: Array.from({ length: extra }, (_, i) => ({
      tenantId: org.tenant.id,
      email: `p${i}.${suffix}@example.com`,
      name: `Person ${i}`,
      slackUserId: `UX${i}${suffix.toUpperCase()}`,
    })),
  });
  const people = await db.prisma.person.findMany({ where: { tenantId: org.tenant.id }, select: { slackUserId: true } });
  return { org, slackIds: people.flatMap((p) => (p.slackUserId ? [p.slackUserId] : [])) };
}

async function publish(org: TestTenant): Promise<{ statement: StatementView; deliveryIds: readonly string[] }> {
  const boss = await db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: org.people.boss.email },
  });
  const people = await new PrismaOrgRepository(db.prisma).people(org.tenant.id);
  return new PrismaStatementRepository(db.prisma).publish(
    {
      tenantId: org.tenant.id,
      seriesId: null,
      titleDe: "Kunden zuerst",
      bodyDe: "Text",
      titleEn: null,
      bodyEn: null,
      authorId: boss.id,
      publishedAt: new Date(),
    },
    { purpose: STATEMENT_PURPOSE, targets: statementTargets(people), notBefore: new Date() },
  );
}

/** Statement DMs on Slack per channel (user), not counting 429 answers. */
function dmsPerUser(statementId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of slack.callsOf("chat.postMessage")) {
    if (call.rateLimited || !JSON.stringify(call.body).includes(statementId)) continue;
    const channel = String(call.body.channel);
    counts.set(channel, (counts.get(channel) ?? 0) + 1);
  }
  return counts;
}

function rowsOf(tenantId: string, statementId: string, platform?: Platform) {
  return db.prisma.delivery.findMany({
    where: { tenantId, subject: statementId, ...(platform ? { platform } : {}) },
  });
}

interface Queue {
  readonly prefix: string;
  readonly producer: JobProducer;
  deps(overrides?: Partial<ProcessorDeps>): ProcessorDeps;
  worker(concurrency: number, overrides?: Partial<ProcessorDeps>): Promise<Worker>;
}

/** A producer on a fresh queue prefix of the shared Redis, and workers started on demand. */
function queueOn(redisUrl: string): Queue {
  const prefix = `kurs-test-${randomUUID().slice(0, 8)}`;
  const producerRedis: Redis = createRedis(redisUrl, "producer", log);
  const producer = new JobProducer(producerRedis, prefix);
  producer.queue.on("error", () => undefined);
  closers.push(
    () => closeRedis(producerRedis),
    () => producer.close(),
  );
  const deps = (overrides: Partial<ProcessorDeps> = {}) => ({
    ...processorDeps(db, { slackApiUrl: slack.apiUrl, producer, clock: { now: () => new Date() }, log }),
    ...overrides,
  });
  return {
    prefix,
    producer,
    deps,
    async worker(concurrency, overrides) {
      const workerRedis = createRedis(redisUrl, "worker", log);
      const worker = createWorker(workerRedis, prefix, deps(overrides), concurrency);
      closers.push(
        () => closeRedis(workerRedis),
        () => worker.close(true),
      );
      await worker.waitUntilReady();
      return worker;
    },
  };
}

describe("outbox: a Redis outage delays and never loses", () => {
  it("a statement published while Redis is down reaches everyone once Redis is back, once per person and platform", async () => {
    const { org, slackIds } = await tenantWith(10);
    // The producer points at a port where no Redis listens: this process has never reached Redis.
    const down = new JobProducer(createRedis("redis://127.0.0.1:1", "producer", log), "kurs-never");
    down.queue.on("error", () => undefined);
    closers.push(() => down.close().catch(() => undefined));
    const { statement, deliveryIds } = await publish(org);
    // The author is told "delayed", and the request is not held up waiting for Redis.
    expect(await down.dispatchDeliveries(statement.tenantId, deliveryIds)).toBe("delayed");
    const pending = await rowsOf(org.tenant.id, statement.id);
    expect(pending).toHaveLength(slackIds.length + 5);
    expect(pending.every((r) => r.state === "pending")).toBe(true);

    // Redis is back: a worker runs and the sweep finds what waited in PostgreSQL. A second sweep
    // racing the first, and the late fast path, collapse onto the same jobs.
    const queue = queueOn(inject("redisUrl"));
    await queue.worker(8);
    const sweepDeps = {
      store: new PrismaDeliveryRepository(db.prisma),
      queue: queue.producer,
      clock: { now: () => new Date() },
    };
    const swept = await Promise.all([
      sweepDeliveries(sweepDeps, 2_000, org.tenant.id),
      sweepDeliveries(sweepDeps, 2_000, org.tenant.id),
    ]);
    expect(swept.map((s) => s.enqueued)).toEqual([slackIds.length + 5, slackIds.length + 5]);
    expect(await queue.producer.dispatchDeliveries(statement.tenantId, deliveryIds)).toBe("queued");

    const closed = await until("every row closed", async () => {
      const rows = await rowsOf(org.tenant.id, statement.id);
      return rows.every((r) => r.state !== "pending" && r.state !== "claimed") ? rows : undefined;
    });
    // Slack: everyone, exactly once. Teams: this worker has no Teams, so those rows say why.
    const dms = dmsPerUser(statement.id);
    expect([...dms.keys()].sort()).toEqual([...slackIds].sort());
    expect([...dms.values()].every((n) => n === 1)).toBe(true);
    expect(closed.filter((r) => r.platform === "slack").every((r) => r.state === "sent" && r.attempts === 1)).toBe(
      true,
    );
    expect(closed.filter((r) => r.platform === "teams").map((r) => [r.state, r.reason])).toEqual(
      Array.from({ length: 5 }, () => ["unreachable", "Teams is not configured"]),
    );
  });

  it("a worker killed mid-run and restarted sends nobody twice and skips nobody", async () => {
    const { org, slackIds } = await tenantWith(40);
    const { statement } = await publish(org);
    const store = new PrismaDeliveryRepository(db.prisma);
    // One row was claimed by a worker that died before sending (its lease ran out since).
    const orphan = (await rowsOf(org.tenant.id, statement.id, "slack"))[0];
    if (!orphan) throw new Error("no row");
    expect(await store.claim(org.tenant.id, orphan.id, new Date(), DELIVERY_LEASE_MS)).not.toBeNull();
    await db.prisma.delivery.update({ where: { id: orphan.id }, data: { leaseUntil: new Date(Date.now() - 1_000) } });

    slack.slowDown("chat.postMessage", 100);
    const queue = queueOn(inject("redisUrl"));
    const first = await queue.worker(4);
    const sweepDeps = { store, queue: queue.producer, clock: { now: () => new Date() } };
    await sweepDeliveries(sweepDeps, 2_000, org.tenant.id);
    await until("some DMs out", () => (dmsPerUser(statement.id).size >= 5 ? true : undefined));
    // Killed mid-run: no draining, jobs in flight are abandoned (their locks run out).
    await first.close(true);
    const afterKill = dmsPerUser(statement.id).size;
    expect(afterKill).toBeLessThan(slackIds.length);

    // A new worker, and the sweep that runs every 30 s in production, pick up what is left.
    await queue.worker(4);
    await until(
      "every Slack row sent",
      async () => {
        await sweepDeliveries(sweepDeps, 2_000, org.tenant.id);
        const rows = await rowsOf(org.tenant.id, statement.id, "slack");
        return rows.every((r) => r.state === "sent") ? true : undefined;
      },
      60_000,
    );
    const dms = dmsPerUser(statement.id);
    expect([...dms.keys()].sort()).toEqual([...slackIds].sort());
    expect([...dms.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  });
});

describe("outbox: rate limits", () => {
  it("waits out Slack's 429 Retry-After and the tenant's send rate: everyone gets exactly one message", async () => {
    const { org, slackIds } = await tenantWith(12);
    const queue = queueOn(inject("redisUrl"));
    const limiterRedis = createRedis(inject("redisUrl"), "producer", log);
    closers.push(() => closeRedis(limiterRedis));
    const limiter = new RedisRateLimiter(limiterRedis, queue.prefix, { slack: 20, teams: 20 });
    await queue.worker(8, { limiter });
    slack.rateLimit("chat.postMessage", 5, 1);
    const { statement, deliveryIds } = await publish(org);
    expect(await queue.producer.dispatchDeliveries(statement.tenantId, deliveryIds)).toBe("queued");
    await until("every Slack row sent", async () => {
      const rows = await rowsOf(org.tenant.id, statement.id, "slack");
      return rows.every((r) => r.state === "sent") ? true : undefined;
    });
    const limited = slack
      .callsOf("chat.postMessage")
      .filter((c) => c.rateLimited && JSON.stringify(c.body).includes(statement.id));
    expect(limited).toHaveLength(5);
    const dms = dmsPerUser(statement.id);
    expect([...dms.keys()].sort()).toEqual([...slackIds].sort());
    expect([...dms.values()].every((n) => n === 1)).toBe(true);
    // A 429 is not the message's fault: no row used up an attempt on it.
    const rows = await rowsOf(org.tenant.id, statement.id, "slack");
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it("a token bucket per tenant and platform: a burst goes at once, then senders wait; a block holds everyone", async () => {
    const redis = createRedis(inject("redisUrl"), "producer", log);
    closers.push(() => closeRedis(redis));
    await until("redis ready", () => (redis.status === "ready" ? true : undefined));
    // 2 per second, a burst of 2, and reservations up to 1 s ahead.
    const limiter = new RedisRateLimiter(
      redis,
      `kurs-test-${randomUUID().slice(0, 8)}`,
      { slack: 2, teams: 50 },
      1,
      1_000,
    );
    const tenant = randomUUID();
    const decisions = [];
    for (let i = 0; i < 6; i += 1) decisions.push(await limiter.take(tenant, "slack"));
    // The burst goes at once; the next two reserve slots about 0.5 s and 1 s ahead; then no more
    // reservations: those senders come back later instead of queueing up in place.
    expect(decisions.slice(0, 2)).toEqual([
      { waitMs: 0, reserved: true },
      { waitMs: 0, reserved: true },
    ]);
    expect(decisions[2]).toMatchObject({ reserved: true });
    expect(decisions[2]?.waitMs).toBeGreaterThan(0);
    expect(decisions[2]?.waitMs).toBeLessThanOrEqual(500);
    expect(decisions[3]?.reserved).toBe(true);
    expect(decisions[3]?.waitMs).toBeGreaterThan(decisions[2]?.waitMs ?? 0);
    expect(decisions[4]).toMatchObject({ reserved: false });
    expect(decisions[5]).toMatchObject({ reserved: false });
    // Other tenants and the other platform have their own budgets.
    expect(await limiter.take(randomUUID(), "slack")).toEqual({ waitMs: 0, reserved: true });
    expect(await limiter.take(tenant, "teams")).toEqual({ waitMs: 0, reserved: true });
    await limiter.block(tenant, "teams", 5_000);
    const blocked = await limiter.take(tenant, "teams");
    expect(blocked.reserved).toBe(false);
    expect(blocked.waitMs).toBeGreaterThan(4_000);
  });
});

describe("outbox: reaching people on Teams who never wrote to Kurs", () => {
  it("opens the 1:1 chat through the Bot Connector, or counts the person unreachable with the reason", async () => {
    const connector = await new FakeTeamsConnector().start();
    closers.push(() => connector.stop());
    const org = await createTestTenant(db);
    // Tom's tenant refuses: the app is not installed for him.
    connector.refuseCreate.add(org.people.tom.aadObjectId);
    const teams = createTeamsApp(
      {
        enabled: true,
        emulator: true,
        appId: undefined,
        appPassword: undefined,
        appTenantId: undefined,
        appType: "MultiTenant",
        serviceUrl: connector.url,
      },
      log,
    );
    const conversations = new TeamsConversationRepository(db.prisma);
    const queue = queueOn(inject("redisUrl"));
    const deps = queue.deps({
      ...processorDeps(db, {
        slackApiUrl: slack.apiUrl,
        producer: queue.producer,
        clock: { now: () => new Date() },
        log,
        teams: { adapter: teams.adapter, appId: "", conversations, defaultServiceUrl: connector.url },
      }),
    });
    // Lars's stored chat is gone (the app was reinstalled): Kurs opens a new one instead.
    const lars = await db.prisma.person.findFirstOrThrow({
      where: { tenantId: org.tenant.id, email: org.people.lead.email },
    });
    await conversations.save(org.tenant.id, lars.id, {
      serviceUrl: connector.url,
      channelId: "msteams",
      conversation: { id: "a:gone-lars", isGroup: false, conversationType: "personal", name: "" },
      bot: { id: "28:kurs-bot", name: "Kurs" },
      user: { id: `29:${org.people.lead.aadObjectId}`, name: "Lars" },
    });
    connector.gone.add("a:gone-lars");
    const { statement } = await publish(org);
    // Teams throttles the first post (429, Retry-After): it is sent once after the wait, not twice.
    connector.throttle(1, 3);
    const outbox = {
      store: deps.deliveries,
      renderers: deps.renderers,
      sender: deps.sender,
      limiter: deps.limiter,
      clock: deps.clock,
      log,
    };
    const outcomes = [];
    for (const row of await rowsOf(org.tenant.id, statement.id, "teams")) {
      outcomes.push(await deliverOne(outbox, { tenantId: org.tenant.id, deliveryId: row.id }));
    }
    // The Bot Connector client waits out Teams' Retry-After itself: the throttled post went once more.
    expect(connector.throttledSoFar).toBe(1);
    expect(outcomes.filter((o) => o.kind === "sent")).toHaveLength(4);

    const rows = await rowsOf(org.tenant.id, statement.id, "teams");
    const tom = await db.prisma.person.findFirstOrThrow({
      where: { tenantId: org.tenant.id, email: org.people.tom.email },
    });
    expect(rows.filter((r) => r.state === "sent")).toHaveLength(4);
    const refused = rows.find((r) => r.personId === tom.id);
    expect(refused?.state).toBe("unreachable");
    expect(refused?.reason).toContain("403");

    // Four chats opened with the person's AAD object id and the tenant's Teams tenant id; the card
    // went into each, and the new conversations are stored for next time.
    expect(connector.created).toHaveLength(4);
    expect(connector.created[0]).toMatchObject({ tenantId: org.teamsTenantId, isGroup: false });
    const anna = org.people.anna.aadObjectId;
    const annaCards = connector.sent.filter((s) => s.conversationId === `a:created-${anna}`);
    expect(annaCards).toHaveLength(1);
    const annaCard = annaCards[0];
    expect(JSON.stringify(annaCard?.activity)).toContain("Kunden zuerst");
    const annaRow = rows.find((r) => r.channel === `a:created-${anna}`);
    expect(annaRow?.messageId).toBeTruthy();
    const annaId = annaRow?.personId ?? "";
    expect((await conversations.get(org.tenant.id, annaId))?.conversation?.id).toBe(`a:created-${anna}`);
    const larsChat = `a:created-${org.people.lead.aadObjectId}`;
    expect(rows.find((r) => r.personId === lars.id)?.channel).toBe(larsChat);
    expect((await conversations.get(org.tenant.id, lars.id))?.conversation?.id).toBe(larsChat);

    // The report tells the author how many could not be reached and why.
    const tally = await new PrismaStatementRepository(db.prisma).tally(org.tenant.id, statement.id);
    expect(tally.unreachable).toEqual([{ personId: tom.id, reason: expect.stringContaining("403") }]);
  });
});

// Migrating a fresh PGlite takes seconds idle and much longer on a loaded machine: the timeout bounds a hang.
describe("outbox on the embedded database (PGlite)", { timeout: 180_000 }, () => {
  it("writes a statement with its rows in one transaction, claims once and records the send", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "kurs-outbox-pglite-"));
    const pglite = await openDatabase({ kind: "pglite", dataDir });
    closers.push(async () => {
      await pglite.close();
      await rm(dataDir, { recursive: true, force: true });
    });
    await pglite.migrate();
    const org = await createTestTenant(pglite);
    const people = await new PrismaOrgRepository(pglite.prisma).people(org.tenant.id);
    const boss = people.find((p) => p.email === org.people.boss.email);
    if (!boss) throw new Error("no boss");
    const { statement, deliveryIds } = await new PrismaStatementRepository(pglite.prisma).publish(
      {
        tenantId: org.tenant.id,
        seriesId: null,
        titleDe: "Eingebettet",
        bodyDe: "Text",
        titleEn: null,
        bodyEn: null,
        authorId: boss.id,
        publishedAt: new Date(),
      },
      { purpose: STATEMENT_PURPOSE, targets: statementTargets(people), notBefore: new Date() },
    );
    expect(deliveryIds).toHaveLength(10);
    const store = new PrismaDeliveryRepository(pglite.prisma);
    const id = deliveryIds[0] ?? "";
    const claims = await Promise.all([
      store.claim(org.tenant.id, id, new Date(), DELIVERY_LEASE_MS),
      store.claim(org.tenant.id, id, new Date(), DELIVERY_LEASE_MS),
    ]);
    const mine = claims.filter((c) => c !== null);
    expect(mine).toHaveLength(1);
    const claim = mine[0];
    if (!claim) throw new Error("no claim");
    expect(await store.markSent(claim, { channel: "D1", messageId: "1.2" }, new Date())).toBe(true);
    expect(await store.get(org.tenant.id, id)).toMatchObject({ state: "sent" });
    expect((await store.summary(org.tenant.id, STATEMENT_PURPOSE, statement.id)).reached).toHaveLength(1);
  });
});
