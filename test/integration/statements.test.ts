import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ChatNotifier } from "../../src/chat/notifier.js";
import {
  STATEMENT_PURPOSE,
  type StatementDeps,
  statementRenderer,
  statementTargets,
} from "../../src/core/statements/statement-service.js";
import type { StatementView } from "../../src/core/statements/types.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaDeliveryRepository } from "../../src/db/delivery-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaStatementRepository } from "../../src/db/statement-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { backoffMs, DELIVERY_LEASE_MS, type DeliverDeps, deliverOne } from "../../src/delivery/deliver.js";
import { unlimited } from "../../src/delivery/rate-limit.js";
import { createLogger } from "../../src/logger.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { waitForCalls } from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

const log = createLogger("silent");
let db: Database;
let slack: FakeSlack;
let org: TestTenant;
let repo: PrismaStatementRepository;
let store: PrismaDeliveryRepository;
let core: StatementDeps;
let deps: DeliverDeps;
let statement: StatementView;
let deliveryIds: readonly string[];
const clock = new TestClock(new Date("2026-11-27T09:00:00Z"));

function slackClient(apiUrl: string): WebClient {
  return new WebClient("xoxb-test", {
    slackApiUrl: apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
}

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  slack = await new FakeSlack().start();
  org = await createTestTenant(db);
  repo = new PrismaStatementRepository(db.prisma);
  store = new PrismaDeliveryRepository(db.prisma);
  const orgRepo = new PrismaOrgRepository(db.prisma);
  core = { statements: repo, org: orgRepo, tenants: new PrismaTenantRepository(db.prisma), clock };
  deps = {
    store,
    renderers: { [STATEMENT_PURPOSE]: statementRenderer(core) },
    sender: new ChatNotifier({ slack: slackClient(slack.apiUrl), log }),
    limiter: unlimited,
    clock,
    log,
  };
  ({ statement, deliveryIds } = await repo.publish(
    {
      tenantId: org.tenant.id,
      seriesId: null,
      titleDe: "Kunden zuerst",
      bodyDe: "Text",
      titleEn: null,
      bodyEn: null,
      authorId: await personId(org.people.boss),
      publishedAt: clock.now(),
    },
    {
      purpose: STATEMENT_PURPOSE,
      targets: statementTargets(await orgRepo.people(org.tenant.id)),
      notBefore: clock.now(),
    },
  ));
});

afterAll(async () => {
  await db?.close();
  await slack?.stop();
});

async function personId(person: TestPerson): Promise<string> {
  const row = await db.prisma.person.findFirstOrThrow({ where: { tenantId: org.tenant.id, email: person.email } });
  return row.id;
}

/** The outbox row of (statement, person, platform). */
async function row(person: TestPerson, platform: "slack" | "teams" = "slack") {
  return db.prisma.delivery.findFirstOrThrow({
    where: {
      tenantId: org.tenant.id,
      purpose: STATEMENT_PURPOSE,
      subject: statement.id,
      personId: await personId(person),
      platform,
    },
  });
}

async function input(person: TestPerson, platform: "slack" | "teams" = "slack") {
  return { tenantId: org.tenant.id, deliveryId: (await row(person, platform)).id };
}

function dmsTo(person: TestPerson): number {
  return slack
    .callsOf("chat.postMessage")
    .filter(
      (c) => !c.rateLimited && c.body.channel === person.slackUserId && JSON.stringify(c.body).includes(statement.id),
    ).length;
}

describe("statement outbox rows (Postgres)", () => {
  it("are written with the statement, one per person and platform, and a failing plan saves no statement", async () => {
    // Five people, each on Slack and Teams.
    expect(deliveryIds).toHaveLength(10);
    const rows = await db.prisma.delivery.findMany({ where: { tenantId: org.tenant.id, subject: statement.id } });
    expect(rows.every((r) => r.state === "pending" && r.purpose === STATEMENT_PURPOSE)).toBe(true);
    expect(new Set(rows.map((r) => `${r.personId}/${r.platform}`)).size).toBe(10);

    // A plan naming a person who does not exist violates the foreign key: the statement is rolled back too.
    const before = await db.prisma.statement.count({ where: { tenantId: org.tenant.id } });
    await expect(
      repo.publish(
        {
          tenantId: org.tenant.id,
          seriesId: null,
          titleDe: "Nie gespeichert",
          bodyDe: "Text",
          titleEn: null,
          bodyEn: null,
          authorId: await personId(org.people.boss),
          publishedAt: clock.now(),
        },
        {
          purpose: STATEMENT_PURPOSE,
          targets: [{ personId: "00000000-0000-4000-8000-000000000000", platform: "slack" }],
          notBefore: clock.now(),
        },
      ),
    ).rejects.toThrow();
    expect(await db.prisma.statement.count({ where: { tenantId: org.tenant.id } })).toBe(before);
  });
});

describe("outbox claim protocol (Postgres)", () => {
  it("lets exactly one of two concurrent attempts send; the other waits for the lease, a third finds it sent", async () => {
    // Slack holds the first attempt's send: the second provably runs while the first holds the claim.
    const release = slack.hold("chat.postMessage");
    try {
      const anna = await input(org.people.anna);
      const before = slack.callsOf("chat.postMessage").length;
      const first = deliverOne(deps, anna);
      await waitForCalls(slack, "chat.postMessage", () => true, before + 1);
      expect(await deliverOne(deps, anna)).toMatchObject({ kind: "later", why: "busy" });
      release();
      expect(await first).toMatchObject({ kind: "sent" });
      expect(dmsTo(org.people.anna)).toBe(1);
      expect(await deliverOne(deps, anna)).toEqual({ kind: "closed", state: "sent" });
      expect(dmsTo(org.people.anna)).toBe(1);
      const sent = await row(org.people.anna);
      expect(sent).toMatchObject({ state: "sent", attempts: 1, channel: org.people.anna.slackUserId });
      expect(sent.messageId).toMatch(/^\d+\.\d+$/);
      expect(sent.sentAt).not.toBeNull();
    } finally {
      release();
    }
  });

  it("takes over the claim of a crashed attempt only after its lease ran out", async () => {
    const tom = await input(org.people.tom);
    // A worker claimed Tom's row and died before sending.
    const crashed = await store.claim(tom.tenantId, tom.deliveryId, clock.now(), DELIVERY_LEASE_MS);
    expect(crashed).not.toBeNull();
    expect(await deliverOne(deps, tom)).toMatchObject({ kind: "later", why: "busy" });
    expect(dmsTo(org.people.tom)).toBe(0);
    // The sweep sees the row only once the lease is over.
    expect((await store.due(clock.now(), 1000)).map((d) => d.id)).not.toContain(tom.deliveryId);
    clock.advance(DELIVERY_LEASE_MS + 1_000);
    expect((await store.due(clock.now(), 1000)).map((d) => d.id)).toContain(tom.deliveryId);
    expect(await deliverOne(deps, tom)).toEqual({ kind: "sent", leaseLost: false });
    expect(dmsTo(org.people.tom)).toBe(1);
    // The crashed attempt's late write cannot touch the row any more.
    if (!crashed) throw new Error("claim expected");
    expect(await store.finish(crashed, "failed", "late")).toBe(false);
    expect((await row(org.people.tom)).state).toBe("sent");
  });

  it("puts the row back with a backoff when the send fails, so the retry sends instead of skipping the person", async () => {
    const tina = await input(org.people.tina);
    const down = { ...deps, sender: new ChatNotifier({ slack: slackClient("http://127.0.0.1:9/api/"), log }) };
    const failed = await deliverOne(down, tina);
    expect(failed).toMatchObject({ kind: "later", why: "retry" });
    expect(await row(org.people.tina)).toMatchObject({ state: "pending", attempts: 1 });
    expect((await row(org.people.tina)).reason).toBeTruthy();
    // Not before the backoff is over.
    expect(await deliverOne(deps, tina)).toMatchObject({ kind: "later", why: "not-due" });
    clock.advance(backoffMs(1));
    expect(await deliverOne(deps, tina)).toEqual({ kind: "sent", leaseLost: false });
    expect(dmsTo(org.people.tina)).toBe(1);
    expect(await row(org.people.tina)).toMatchObject({ state: "sent", attempts: 2 });
  });

  it("closes a row as unreachable with the reason, and the report counts only people reached nowhere", async () => {
    const lead = await input(org.people.lead, "teams");
    // This sender has no Teams: Lars cannot be reached there; his Slack row is unaffected.
    expect(await deliverOne(deps, lead)).toEqual({ kind: "unreachable", reason: "Teams is not configured" });
    expect(await row(org.people.lead, "teams")).toMatchObject({
      state: "unreachable",
      reason: "Teams is not configured",
    });
    let tally = await repo.tally(org.tenant.id, statement.id);
    const larsId = await personId(org.people.lead);
    expect(tally.unreachable).toEqual([{ personId: larsId, reason: "Teams is not configured" }]);
    expect(await deliverOne(deps, await input(org.people.lead))).toMatchObject({ kind: "sent" });
    tally = await repo.tally(org.tenant.id, statement.id);
    expect(tally.unreachable).toEqual([]);
    expect(tally.delivered).toContain(larsId);
  });

  it("retrying one platform never repeats the other: Slack sent once while the Teams row fails and retries", async () => {
    const bossSlack = await input(org.people.boss);
    const bossTeams = await input(org.people.boss, "teams");
    const failingTeams = {
      ...deps,
      sender: {
        send: async (...args: Parameters<ChatNotifier["send"]>) => {
          if (args[1] === "teams") throw new Error("connector 502");
          return deps.sender.send(...args);
        },
      },
    };
    expect(await deliverOne(failingTeams, bossSlack)).toMatchObject({ kind: "sent" });
    expect(await deliverOne(failingTeams, bossTeams)).toMatchObject({ kind: "later", why: "retry" });
    clock.advance(backoffMs(1));
    expect(await deliverOne(failingTeams, bossTeams)).toMatchObject({ kind: "later", why: "retry" });
    expect(await deliverOne(failingTeams, bossSlack)).toEqual({ kind: "closed", state: "sent" });
    expect(dmsTo(org.people.boss)).toBe(1);
    expect(await row(org.people.boss, "teams")).toMatchObject({
      state: "pending",
      attempts: 2,
      reason: "connector 502",
    });
  });

  it("numbers concurrent revisions of one series without gaps or duplicates", async () => {
    const revision = async (titleDe: string) =>
      repo.create({
        tenantId: org.tenant.id,
        seriesId: statement.seriesId,
        titleDe,
        bodyDe: "Text",
        titleEn: null,
        bodyEn: null,
        authorId: await personId(org.people.boss),
        publishedAt: clock.now(),
      });
    const created = await Promise.all([revision("Zwei"), revision("Drei")]);
    expect(created.map((s) => s.version).sort()).toEqual([2, 3]);
    expect((await repo.latestInSeries(org.tenant.id, statement.seriesId))?.version).toBe(3);
    // Another tenant never sees the series.
    const other = await createTestTenant(db);
    expect(await repo.get(other.tenant.id, statement.id)).toBeNull();
    expect(await repo.latestInSeries(other.tenant.id, statement.seriesId)).toBeNull();
  });

  it("keeps the first acknowledgement when Read is pressed twice", async () => {
    const anna = await personId(org.people.anna);
    const first = await repo.acknowledge(org.tenant.id, statement.id, anna, new Date("2026-11-27T10:00:00Z"));
    const second = await repo.acknowledge(org.tenant.id, statement.id, anna, new Date("2026-11-28T10:00:00Z"));
    expect(second).toEqual(first);
    expect((await repo.tally(org.tenant.id, statement.id)).acknowledged).toEqual([anna]);
  });
});
