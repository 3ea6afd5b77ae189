import { LogLevel, WebClient } from "@slack/web-api";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ChatNotifier } from "../../src/chat/notifier.js";
import { createTeamsApp } from "../../src/chat/teams/create-teams-app.js";
import { deliveryRenderers, registry } from "../../src/core/features.js";
import { DIGEST_JOB, DIGEST_PURPOSE } from "../../src/core/kpis/digest.js";
import type { TicketInput } from "../../src/core/kpis/types.js";
import { lastCompleteWeek, shiftWeek } from "../../src/core/kpis/weeks.js";
import type { Services } from "../../src/core/services.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaDeliveryRepository } from "../../src/db/delivery-repository.js";
import { createServices } from "../../src/db/services.js";
import { TeamsConversationRepository } from "../../src/db/teams-conversation-repository.js";
import { PrismaTicketRepository } from "../../src/db/ticket-repository.js";
import { deliverOne } from "../../src/delivery/deliver.js";
import { unlimited } from "../../src/delivery/rate-limit.js";
import { createLogger } from "../../src/logger.js";
import { JobProducer } from "../../src/queue/job-producer.js";
import { closeRedis, createRedis } from "../../src/queue/redis.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { FakeTeamsConnector } from "../helpers/fake-teams-connector.js";
import { deleteQueueKeys, testQueuePrefix } from "../helpers/queue-keys.js";
import { runKursInProcess } from "../helpers/run-cli-in-process.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

const log = createLogger("silent");
const clock = new TestClock(new Date());
const prefix = testQueuePrefix();
const HOUR = 3_600_000;
let slack: FakeSlack;
// Three workers: each its own database pool, Redis connection and services, as three replicas have.
const workers: { db: Database; services: Services; close: () => Promise<void> }[] = [];

async function worker() {
  const db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  const redis = createRedis(inject("redisUrl"), "producer", log);
  const producer = new JobProducer(redis, prefix, log);
  const services = createServices(db.prisma, {
    jobs: producer,
    clock,
    defaultLocale: "de",
    sql: db.sql,
    publicUrl: "http://kurs.test",
  });
  return {
    db,
    services,
    close: async () => {
      await producer.close();
      await closeRedis(redis);
      await db.close();
    },
  };
}

async function seed(db: Database, org: TestTenant): Promise<void> {
  const desk = await db.prisma.orgUnit.findFirstOrThrow({
    where: { tenantId: org.tenant.id, path: `${org.tenant.name}/Service/Desk` },
  });
  const last = lastCompleteWeek(clock.now(), "Europe/Berlin");
  const tickets: TicketInput[] = [];
  for (let w = 0; w < 3; w += 1) {
    const week = shiftWeek(last, -w, "Europe/Berlin");
    for (let i = 0; i < 6; i += 1) {
      const openedAt = new Date(week.start.getTime() + (8 + i * 5) * HOUR);
      tickets.push({
        ticketId: `G-${w}-${i}`,
        unitId: desk.id,
        openedAt,
        firstResponseAt: null,
        resolvedAt: new Date(openedAt.getTime() + (2 + w + i) * HOUR),
        dueAt: new Date(openedAt.getTime() + 6 * HOUR),
        reopenedCount: 0,
        status: "closed",
        source: "demo",
      });
    }
  }
  await new PrismaTicketRepository(db.prisma, db.sql).upsertTickets(org.tenant.id, tickets);
}

beforeAll(async () => {
  slack = await new FakeSlack().start();
  for (let i = 0; i < 3; i += 1) workers.push(await worker());
});

afterAll(async () => {
  for (const w of workers) await w.close();
  await slack?.stop();
  await deleteQueueKeys(prefix);
});

function firstWorker() {
  const w = workers[0];
  if (!w) throw new Error("no worker");
  return w;
}

async function digestRows(tenantId: string) {
  return firstWorker().db.prisma.delivery.findMany({
    where: { tenantId, purpose: DIGEST_PURPOSE },
    orderBy: { toChannel: "asc" },
  });
}

async function deliverAll(tenantId: string) {
  const { db, services } = firstWorker();
  const deps = {
    store: new PrismaDeliveryRepository(db.prisma),
    renderers: deliveryRenderers(services),
    sender: new ChatNotifier({
      slack: new WebClient("xoxb-test", {
        slackApiUrl: slack.apiUrl,
        retryConfig: { retries: 0 },
        logLevel: LogLevel.ERROR,
      }),
      log,
    }),
    limiter: unlimited,
    clock,
    log,
  };
  return Promise.all((await digestRows(tenantId)).map((r) => deliverOne(deps, { tenantId, deliveryId: r.id })));
}

describe("the weekly KPI digest", { timeout: 180_000 }, () => {
  const run = (services: Services, tenantId: string) => {
    const decl = registry.job(DIGEST_JOB);
    if (!decl) throw new Error("digest job not registered");
    return decl.run(services, decl.schema.parse({ tenantId })) as Promise<{ planned: number }>;
  };

  it("plans exactly one digest per channel and week when three workers run the job at once, and sends it in German", async () => {
    const { db, services } = firstWorker();
    const org = await createTestTenant(db);
    await seed(db, org);
    const area = await db.prisma.orgUnit.findFirstOrThrow({
      where: { tenantId: org.tenant.id, path: `${org.tenant.name}/Service` },
    });
    await services.tickets.setDigestChannel(org.tenant.id, { platform: "slack", channel: "C0LEAD", unitId: null });
    await services.tickets.setDigestChannel(org.tenant.id, { platform: "slack", channel: "C0AREA", unitId: area.id });

    const results = await Promise.all(workers.map((w) => run(w.services, org.tenant.id)));
    expect(results.reduce((sum, r) => sum + r.planned, 0)).toBe(2);
    const rows = await digestRows(org.tenant.id);
    const week = lastCompleteWeek(clock.now(), "Europe/Berlin").key;
    expect(rows.map((r) => [r.toChannel, r.personId, r.subject])).toEqual([
      ["C0AREA", null, `${org.tenant.id}:${area.id}:${week}`],
      ["C0LEAD", null, `${org.tenant.id}:company:${week}`],
    ]);

    const outcomes = await deliverAll(org.tenant.id);
    expect(outcomes.map((o) => o.kind)).toEqual(["sent", "sent"]);
    const posts = slack.callsOf("chat.postMessage").filter((c) => String(c.body.channel).startsWith("C0"));
    const lead = posts.filter((c) => c.body.channel === "C0LEAD");
    expect(lead).toHaveLength(1);
    const text = JSON.stringify(lead[0]?.body);
    expect(text).toContain(`Kennzahlen – ${org.tenant.name}`);
    expect(text).toContain(`KW ${week}`);
    expect(text).toContain("Termintreue");
    expect(text).toContain("Größte Veränderungen");
    expect(text).toMatch(/http:\/\/kurs\.test\/charts\/[A-Za-z0-9_-]{22}\.png/);
    expect(JSON.stringify(posts.find((c) => c.body.channel === "C0AREA")?.body)).toContain(
      `Kennzahlen – ${org.tenant.name}/Service`,
    );

    // A fourth run the same week, and the deliveries again: nothing new is planned or sent.
    expect((await run(services, org.tenant.id)).planned).toBe(0);
    expect((await deliverAll(org.tenant.id)).map((o) => o.kind)).toEqual(["closed", "closed"]);
    expect(slack.callsOf("chat.postMessage").filter((c) => c.body.channel === "C0LEAD")).toHaveLength(1);

    // Next week is a new subject: one more digest per channel.
    clock.advance(7 * 24 * HOUR);
    try {
      expect((await run(services, org.tenant.id)).planned).toBe(2);
    } finally {
      clock.advance(-7 * 24 * HOUR);
    }
  });

  it("speaks the tenant's default language: English", async () => {
    const { db, services } = firstWorker();
    const org = await createTestTenant(db, { defaultLocale: "en" });
    await seed(db, org);
    await services.tickets.setDigestChannel(org.tenant.id, { platform: "slack", channel: "C1LEAD", unitId: null });
    expect((await run(services, org.tenant.id)).planned).toBe(1);
    expect((await deliverAll(org.tenant.id)).map((o) => o.kind)).toEqual(["sent"]);
    const text = JSON.stringify(slack.callsOf("chat.postMessage").find((c) => c.body.channel === "C1LEAD")?.body);
    expect(text).toContain(`KPIs – ${org.tenant.name}`);
    expect(text).toContain("Deadline compliance");
    expect(text).not.toContain("Termintreue");
  });

  it("refuses a job payload that is not a tenant id, and plans nothing for a tenant without digest channels", async () => {
    const decl = registry.job(DIGEST_JOB);
    expect(decl?.schema.safeParse({ tenantId: "nope" }).success).toBe(false);
    expect(decl?.schema.safeParse({}).success).toBe(false);
    const { db, services } = firstWorker();
    const org = await createTestTenant(db);
    expect((await run(services, org.tenant.id)).planned).toBe(0);
  });

  it("is set up and run on demand from the CLI, in German, refusing bad channels and units", async () => {
    const { db } = firstWorker();
    const org = await createTestTenant(db);
    await seed(db, org);
    const env = { DATABASE_URL: inject("databaseUrl"), REDIS_URL: inject("redisUrl"), QUEUE_PREFIX: prefix };
    const slug = org.tenant.slug;
    const none = await runKursInProcess(["digest", "--now", "--tenant", slug], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("kein Kanal für den Wochenbericht");
    for (const bad of ["garbage", "slack:", "slack:#allgemein", "irc:C0123", "teams:"]) {
      const refused = await runKursInProcess(["tenant", "--tenant", slug, "--digest-channel", bad], env);
      expect(refused.code, bad).toBe(1);
      expect(refused.stderr, bad).toContain("Form slack:C0123");
    }
    const noUnit = await runKursInProcess(
      ["tenant", "--tenant", slug, "--digest-channel", "slack:C0123", "--unit", "Nirgendwo/Team"],
      env,
    );
    expect(noUnit.code).toBe(1);
    expect(noUnit.stderr).toContain("Eine Einheit „Nirgendwo/Team“ gibt es nicht.");
    const area = `${org.tenant.name}/Service`;
    const set = await runKursInProcess(
      ["tenant", "--tenant", slug, "--digest-channel", "slack:C2AREA", "--unit", area],
      env,
    );
    expect(set.stderr).toBe("");
    expect(set.stdout).toContain(`Wochenbericht: slack:C2AREA → ${area}`);
    const first = await runKursInProcess(["digest", "--now", "--tenant", slug], env);
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("Wochenbericht geplant: 1 Nachricht ist unterwegs.");
    const again = await runKursInProcess(["digest", "--now", "--tenant", slug], env);
    expect(again.stdout).toContain("Nichts Neues");
    expect(await digestRows(org.tenant.id)).toHaveLength(1);
    const withoutNow = await runKursInProcess(["digest", "--tenant", slug], env);
    expect(withoutNow.code).toBe(1);
    expect(withoutNow.stderr).toContain("--now");
  });

  it("moves a KPI goal's progress with its KPI: the weekly job writes it back and the digest shows it", async () => {
    const { db, services } = firstWorker();
    const org = await createTestTenant(db);
    await seed(db, org);
    // The programme started in the week before last week, so the baseline is the week before that.
    const previous = shiftWeek(lastCompleteWeek(clock.now(), "Europe/Berlin"), -1, "Europe/Berlin");
    const start = DateTime.fromJSDate(previous.start, { zone: "Europe/Berlin" }).toISODate() ?? "";
    await services.tickets.updateKpiSettings(org.tenant.id, { programmeStart: start, baselineWeeks: 1 });
    const root = await db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId: org.tenant.id, parentId: null } });
    const boss = await db.prisma.person.findFirstOrThrow({
      where: { tenantId: org.tenant.id, email: org.people.boss.email },
    });
    const goal = await db.prisma.goal.create({
      data: {
        tenantId: org.tenant.id,
        level: "company",
        unitId: root.id,
        title: "Schneller lösen",
        successCriterion: "Median unter 2,5 h",
        dueDate: new Date("2027-12-31"),
        kpiKey: "processing_time",
        kpiTarget: 2.5,
        progress: 10,
        createdById: boss.id,
      },
    });
    const manual = await db.prisma.goal.create({
      data: {
        tenantId: org.tenant.id,
        level: "company",
        unitId: root.id,
        title: "Gespräche führen",
        successCriterion: "alle",
        dueDate: new Date("2027-12-31"),
        kpiKey: "talk_coverage",
        kpiTarget: 90,
        progress: 30,
        createdById: boss.id,
      },
    });
    await services.tickets.setDigestChannel(org.tenant.id, { platform: "slack", channel: "C3LEAD", unitId: null });
    const decl = registry.job(DIGEST_JOB);
    if (!decl) throw new Error("digest job not registered");
    await decl.run(services, { tenantId: org.tenant.id });
    // Median processing time: 6.5 h at the baseline, 4.5 h last week, target 2.5 h: half way.
    expect((await db.prisma.goal.findUniqueOrThrow({ where: { id: goal.id } })).progress).toBe(50);
    // Talk coverage is no ticket figure: its progress stays as checked in.
    expect((await db.prisma.goal.findUniqueOrThrow({ where: { id: manual.id } })).progress).toBe(30);
    expect((await deliverAll(org.tenant.id)).map((o) => o.kind)).toEqual(["sent"]);
    const text = JSON.stringify(slack.callsOf("chat.postMessage").find((c) => c.body.channel === "C3LEAD")?.body);
    expect(text).toContain("Zielfortschritt");
    expect(text).toContain("Schneller lösen");
    expect(text).toContain("50");
  });

  it("posts a Teams channel's digest into that channel's conversation as an Adaptive Card with the chart", async () => {
    const connector = await new FakeTeamsConnector().start();
    try {
      const { db, services } = firstWorker();
      const org = await createTestTenant(db, { defaultLocale: "en" });
      await seed(db, org);
      const channel = "19:kpi-leads@thread.tacv2";
      await services.tickets.setDigestChannel(org.tenant.id, { platform: "teams", channel, unitId: null });
      const decl = registry.job(DIGEST_JOB);
      if (!decl) throw new Error("digest job not registered");
      expect(await decl.run(services, { tenantId: org.tenant.id })).toEqual({ planned: 1 });
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
      const deps = {
        store: new PrismaDeliveryRepository(db.prisma),
        renderers: deliveryRenderers(services),
        sender: new ChatNotifier({
          teams: {
            adapter: teams.adapter,
            appId: "",
            conversations: new TeamsConversationRepository(db.prisma),
            defaultServiceUrl: connector.url,
          },
          log,
        }),
        limiter: unlimited,
        clock,
        log,
      };
      const [row] = await digestRows(org.tenant.id);
      if (!row) throw new Error("no digest row");
      expect(await deliverOne(deps, { tenantId: org.tenant.id, deliveryId: row.id })).toMatchObject({ kind: "sent" });
      const posted = connector.sent.filter((s) => s.conversationId === channel);
      expect(posted).toHaveLength(1);
      const attachments = posted[0]?.activity.attachments as { content: Record<string, unknown> }[];
      const card = attachments[0]?.content ?? {};
      assertValidAdaptiveCard(card);
      const text = JSON.stringify(card);
      expect(text).toContain(`KPIs – ${org.tenant.name}`);
      expect(text).toMatch(/"type":"Image","url":"http:\/\/kurs\.test\/charts\/[A-Za-z0-9_-]{22}\.png"/);
    } finally {
      await connector.stop();
    }
  });
});
