import { LogLevel, WebClient } from "@slack/web-api";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ChatNotifier } from "../../src/chat/notifier.js";
import {
  DELIVERY_LEASE_MS,
  deliverStatement,
  type StatementDeliveryDeps,
} from "../../src/core/statements/statement-service.js";
import type { StatementView } from "../../src/core/statements/types.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaStatementRepository } from "../../src/db/statement-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
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
let deps: StatementDeliveryDeps;
let statement: StatementView;
const clock = new TestClock(new Date("2026-11-27T09:00:00Z"));

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  slack = await new FakeSlack().start();
  org = await createTestTenant(db);
  repo = new PrismaStatementRepository(db.prisma);
  deps = {
    statements: repo,
    org: new PrismaOrgRepository(db.prisma),
    tenants: new PrismaTenantRepository(db.prisma),
    clock,
    notifier: new ChatNotifier({ slack: new WebClient("xoxb-test", { slackApiUrl: slack.apiUrl }), log }),
  };
  statement = await repo.create({
    tenantId: org.tenant.id,
    seriesId: null,
    titleDe: "Kunden zuerst",
    bodyDe: "Text",
    titleEn: null,
    bodyEn: null,
    authorId: await personId(org.people.boss),
    publishedAt: clock.now(),
  });
});

afterAll(async () => {
  await db?.close();
  await slack?.stop();
});

async function personId(person: TestPerson): Promise<string> {
  const row = await db.prisma.person.findFirstOrThrow({ where: { tenantId: org.tenant.id, email: person.email } });
  return row.id;
}

async function input(person: TestPerson) {
  return { tenantId: org.tenant.id, statementId: statement.id, personId: await personId(person) };
}

function dmsTo(person: TestPerson): number {
  return slack
    .callsOf("chat.postMessage")
    .filter(
      (c) => !c.rateLimited && c.body.channel === person.slackUserId && JSON.stringify(c.body).includes(statement.id),
    ).length;
}

function rowsFor(id: string) {
  return db.prisma.statementDelivery.findMany({ where: { statementId: statement.id, personId: id } });
}

describe("statement delivery claim protocol (Postgres)", () => {
  it("lets exactly one of two concurrent attempts send; the other is told to retry, a third finds it sent", async () => {
    // Slack holds the first attempt's send: the second provably runs while the first holds the claim.
    const release = slack.hold("chat.postMessage");
    try {
      const anna = await input(org.people.anna);
      const before = slack.callsOf("chat.postMessage").length;
      const first = deliverStatement(deps, anna);
      await waitForCalls(slack, "chat.postMessage", () => true, before + 1);
      await expect(deliverStatement(deps, anna)).rejects.toMatchObject({ code: "DELIVERY_BUSY" });
      release();
      expect(await first).toBe("sent");
      expect(dmsTo(org.people.anna)).toBe(1);
      expect(await deliverStatement(deps, anna)).toBe("already-sent");
      expect(dmsTo(org.people.anna)).toBe(1);
      const [row] = await rowsFor(anna.personId);
      expect(row?.sentAt).not.toBeNull();
    } finally {
      release();
    }
  });

  it("takes over the claim of a crashed attempt only after its lease ran out", async () => {
    const tom = await input(org.people.tom);
    // A worker claimed Tom's row and died before sending.
    const crashed = await repo.claimDelivery(
      tom.tenantId,
      tom.statementId,
      tom.personId,
      clock.now(),
      DELIVERY_LEASE_MS,
    );
    expect(crashed.kind).toBe("claimed");
    await expect(deliverStatement(deps, tom)).rejects.toMatchObject({ code: "DELIVERY_BUSY" });
    expect(dmsTo(org.people.tom)).toBe(0);
    clock.advance(DELIVERY_LEASE_MS + 1_000);
    expect(await deliverStatement(deps, tom)).toBe("sent");
    expect(dmsTo(org.people.tom)).toBe(1);
    expect(await rowsFor(tom.personId)).toHaveLength(1);
  });

  it("releases the claim when the send fails, so the retry sends instead of skipping the person", async () => {
    const tina = await input(org.people.tina);
    const down = new WebClient("xoxb-test", {
      slackApiUrl: "http://127.0.0.1:9/api/",
      retryConfig: { retries: 0 },
      logLevel: LogLevel.ERROR,
    });
    await expect(
      deliverStatement({ ...deps, notifier: new ChatNotifier({ slack: down, log }) }, tina),
    ).rejects.toThrow();
    expect(await rowsFor(tina.personId)).toHaveLength(0);
    expect(await deliverStatement(deps, tina)).toBe("sent");
    expect(dmsTo(org.people.tina)).toBe(1);
  });

  it("leaves no row for someone Kurs cannot reach in any chat", async () => {
    const lead = await input(org.people.lead);
    expect(await deliverStatement({ ...deps, notifier: new ChatNotifier({ log }) }, lead)).toBe("unreachable");
    expect(await rowsFor(lead.personId)).toHaveLength(0);
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
