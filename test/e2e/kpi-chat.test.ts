import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { TREND_HEIGHT, TREND_WIDTH } from "../../src/charts/kpi-trend.js";
import { showMetric } from "../../src/core/kpis/digest-card.js";
import type { KpiReport } from "../../src/core/kpis/kpis.js";
import type { TicketInput } from "../../src/core/kpis/types.js";
import { lastCompleteWeek, shiftWeek } from "../../src/core/kpis/weeks.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { PrismaChartLinks } from "../../src/db/chart-links.js";
import { PrismaTicketRepository } from "../../src/db/ticket-repository.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { runKursInProcess } from "../helpers/run-cli-in-process.js";
import { postSlashCommand } from "../helpers/slack-signing.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

let app: RunningKurs;
let org: TestTenant;
let deskPath: string;
const connector = new FakeTeamsConnector();
const HOUR = 3_600_000;

function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Fourteen weeks of Desk tickets up to the last complete week, getting faster week by week. */
async function seedTickets(): Promise<void> {
  const prisma = app.kurs.db.prisma;
  const desk = await prisma.orgUnit.findFirstOrThrow({ where: { tenantId: org.tenant.id, path: deskPath } });
  const last = lastCompleteWeek(new Date(), "Europe/Berlin");
  const tickets: TicketInput[] = [];
  for (let w = 0; w < 14; w += 1) {
    const week = shiftWeek(last, -w, "Europe/Berlin");
    for (let i = 0; i < 6 + (w % 3); i += 1) {
      const openedAt = new Date(week.start.getTime() + (8 + i * 7) * HOUR);
      const open = i === 0 && w < 2;
      tickets.push({
        ticketId: `K-${w}-${i}`,
        unitId: desk.id,
        openedAt,
        firstResponseAt: new Date(openedAt.getTime() + (1 + i) * HOUR),
        resolvedAt: open ? null : new Date(openedAt.getTime() + (3 + i + w) * HOUR),
        dueAt: new Date(openedAt.getTime() + 8 * HOUR),
        reopenedCount: i % 4 === 1 ? 1 : 0,
        status: open ? "open" : "closed",
        source: "demo",
      });
    }
  }
  await new PrismaTicketRepository(prisma, app.kurs.db.sql).upsertTickets(org.tenant.id, tickets);
}

beforeAll(async () => {
  await connector.start();
  app = await startKurs();
  org = await createTestTenant(app.kurs.db);
  deskPath = `${org.tenant.name}/Service/Desk`;
  app.slack.addUser({ id: org.people.anna.slackUserId, email: org.people.anna.email, locale: "de-DE" });
  app.slack.addUser({ id: org.people.lead.slackUserId, email: org.people.lead.email, locale: "en-GB" });
  await seedTickets();
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

async function cliReport(unit: string): Promise<KpiReport> {
  const result = await runKursInProcess(["kpi", "--tenant", org.tenant.slug, "--unit", unit, "--format", "json"], {
    DATABASE_URL: inject("databaseUrl"),
  });
  expect(result.stderr).toBe("");
  return JSON.parse(result.stdout) as KpiReport;
}

async function slackKpi(
  userId: string,
  text: string,
  channelId?: string,
): Promise<{ text: string; blocks: Record<string, unknown>[] }> {
  const responseId = `${userId}-${Math.random()}`;
  const res = await postSlashCommand(app.url, SIGNING_SECRET, {
    command: "/kpi",
    text,
    teamId: org.slackTeamId,
    userId,
    responseUrl: app.slack.responseUrl(responseId),
    ...(channelId ? { channelId } : {}),
  });
  expect(res.status).toBe(200);
  const [message] = await app.slack.waitForResponses(responseId);
  if (!message) throw new Error("no response");
  assertBlockKitWithinLimits(message as { blocks: unknown[] }, "message");
  const blocks = (message.blocks ?? []) as Record<string, unknown>[];
  return { text: JSON.stringify(blocks) + String(message.text ?? ""), blocks };
}

async function teamsKpi(text: string, person: { aadObjectId: string }, locale: string, channel?: string) {
  const activity = messageActivity({
    text,
    serviceUrl: connector.url,
    tenantId: org.teamsTenantId,
    aadObjectId: person.aadObjectId,
    locale,
    ...(channel ? { conversationId: channel, conversationType: "channel" as const } : {}),
  });
  const before = connector.sent.length;
  const res = await postActivity(app.url, activity);
  expect(res.status).toBeLessThan(300);
  const replies = connector.sent.slice(before).filter((r) => r.replyToId === activity.id);
  expect(replies).toHaveLength(1);
  const attachments = replies[0]?.activity.attachments as { content: Record<string, unknown> }[];
  const card = attachments[0]?.content ?? {};
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card) };
}

/** Fetches a chart the way Slack's and Teams' image proxies do: its URL, no credentials. */
async function fetchChart(url: string): Promise<Response> {
  const { pathname } = new URL(url);
  return fetch(`${app.url}${pathname}`);
}

function imageUrls(json: string): string[] {
  return [...json.matchAll(/"(?:image_url|url)":"(http[^"]+\/charts\/[^"]+\.png)"/g)].map((m) => m[1] ?? "");
}

describe("/kpi in chat", { timeout: 180_000 }, () => {
  it("answers on Slack in German with the figures of `kurs kpi --format json` and a chart Slack can fetch", async () => {
    const report = await cliReport(deskPath);
    expect(report.enough_data).toBe(true);
    const t = translator("de");
    const { text } = await slackKpi(org.people.anna.slackUserId, "");
    expect(text).toContain(`KW ${report.week}`);
    expect(text).toContain(`${report.created} neue, ${report.resolved} gelöste Tickets`);
    expect(text).toContain(showMetric(t, "deadline_compliance", report.deadline_compliance));
    expect(text).toContain(showMetric(t, "processing_time_median", report.processing_time_hours.median));
    expect(text).toContain(showMetric(t, "first_time_resolution", report.first_time_resolution));
    expect(text).toContain(t("kpi.metric.backlog"));
    const [chart] = imageUrls(text);
    if (!chart) throw new Error(`no chart in ${text}`);
    const res = await fetchChart(chart);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: TREND_WIDTH * 2, height: TREND_HEIGHT * 2 });
  });

  it("answers on Teams in English with the same figures, and an Image the card can load", async () => {
    const area = `${org.tenant.name}/Service`;
    const report = await cliReport(area);
    const t = translator("en");
    // Lars leads the area, so his /kpi is the area's (which holds the Desk's tickets).
    const { text, card } = await teamsKpi("kpi", org.people.lead, "en-US");
    expect(text).toContain(`Week ${report.week}`);
    expect(text).toContain(`${report.created} new, ${report.resolved} resolved tickets`);
    expect(text).toContain(showMetric(t, "deadline_compliance", report.deadline_compliance));
    expect(text).toContain(showMetric(t, "processing_time_p90", report.processing_time_hours.p90));
    expect(text).toContain("Deadline compliance");
    expect(JSON.stringify(card.body)).toContain('"type":"Image"');
    const [chart] = imageUrls(text);
    if (!chart) throw new Error(`no chart in ${text}`);
    const res = await fetchChart(chart);
    expect(res.status).toBe(200);
    expect(pngSize(Buffer.from(await res.arrayBuffer()))).toEqual({ width: TREND_WIDTH * 2, height: TREND_HEIGHT * 2 });
  });

  it("shows one metric's 12 weeks for a unit named by its own name, on Slack and Teams", async () => {
    const report = await cliReport(deskPath);
    const de = await slackKpi(org.people.anna.slackUserId, "Termintreue desk");
    expect(de.text).toContain("Termintreue – ");
    expect(de.text).toContain(
      `KW ${report.week}: ${showMetric(translator("de"), "deadline_compliance", report.deadline_compliance)}`,
    );
    expect(JSON.stringify(de.blocks).match(/KW \d{4}-W\d{2}: /g)).toHaveLength(12);
    expect(imageUrls(de.text)).toHaveLength(1);
    const en = await teamsKpi(`kpi backlog ${deskPath}`, org.people.tom, "en-GB");
    expect(en.text).toContain(`Week ${report.week}: ${report.backlog}`);
    expect(en.text).toContain("lower is better");
  });

  it("lists the metrics and units after an unknown metric or unit, in German and English", async () => {
    const metric = await slackKpi(org.people.anna.slackUserId, "frobnicate");
    expect(metric.text).toContain("„frobnicate“ ist keine Kennzahl");
    expect(metric.text).toContain("deadline_compliance");
    expect(metric.text).toContain(deskPath);
    const unit = await slackKpi(org.people.anna.slackUserId, "backlog Nirgendwo/Team");
    expect(unit.text).toContain("Eine Einheit „Nirgendwo/Team“ gibt es nicht");
    expect(unit.text).toContain("first_time_resolution");
    const en = await teamsKpi("kpi <script> 🙃", org.people.tom, "en-US");
    expect(en.text).toContain("is not a KPI");
    expect(en.text).toContain(deskPath);
  });

  it("serves no chart for a malformed, unknown or expired token", async () => {
    expect((await fetch(`${app.url}/charts/nope.png`)).status).toBe(404);
    expect((await fetch(`${app.url}/charts/${"A".repeat(22)}.png`)).status).toBe(404);
    expect((await fetch(`${app.url}/charts/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    const weeksAgo = new Date(Date.now() - 15 * 24 * HOUR);
    const old = new PrismaChartLinks(app.kurs.db.prisma, "http://kurs.test", { now: () => weeksAgo });
    const url = await old.publish(org.tenant.id, { title: "x", axis: "%", percent: true, points: [] });
    expect((await fetchChart(url)).status).toBe(404);
    const fresh = new PrismaChartLinks(app.kurs.db.prisma, "http://kurs.test", { now: () => new Date() });
    const ok = await fresh.publish(org.tenant.id, {
      title: "x",
      axis: "%",
      percent: true,
      points: [{ week: "2026-W01", series: "a", value: 0.5 }],
    });
    expect((await fetchChart(ok)).status).toBe(200);
  });

  it("sets the digest channel with /kpi digest here [area]: managing directors only, in a channel only", async () => {
    app.slack.addUser({ id: org.people.boss.slackUserId, email: org.people.boss.email, locale: "de-DE" });
    const channels = () =>
      app.kurs.db.prisma.kpiDigestChannel.findMany({
        where: { tenantId: org.tenant.id },
        select: { platform: true, channel: true, unitId: true },
        orderBy: { channel: "asc" },
      });
    const refused = await slackKpi(org.people.anna.slackUserId, "digest here", "C0LEADS");
    expect(refused.text).toContain("legt die Geschäftsführung fest");
    const inDm = await slackKpi(org.people.boss.slackUserId, "digest here", "D0BOSS");
    expect(inDm.text).toContain("in dem Kanal auf");
    const badArea = await slackKpi(org.people.boss.slackUserId, "digest here Nirgendwo", "C0AREA");
    expect(badArea.text).toContain("Eine Einheit „Nirgendwo“ gibt es nicht");
    const usage = await slackKpi(org.people.boss.slackUserId, "digest 42", "C0LEADS");
    expect(usage.text).toContain("/kpi digest here [Bereich]");
    expect(await channels()).toEqual([]);

    const lead = await slackKpi(org.people.boss.slackUserId, "digest here", "C0LEADS");
    expect(lead.text).toContain("kommt ab jetzt montags um 08:00 in diesen Kanal");
    const area = await slackKpi(org.people.boss.slackUserId, "digest here Service", "C0AREA");
    expect(area.text).toContain(`${org.tenant.name}/Service`);
    const teams = await teamsKpi("kpi digest here", org.people.boss, "en-US", "19:leads@thread.tacv2");
    expect(teams.text).toContain("now comes to this channel on Mondays at 08:00");
    const service = await app.kurs.db.prisma.orgUnit.findFirstOrThrow({
      where: { tenantId: org.tenant.id, path: `${org.tenant.name}/Service` },
    });
    expect(await channels()).toEqual([
      { platform: "teams", channel: "19:leads@thread.tacv2", unitId: null },
      { platform: "slack", channel: "C0AREA", unitId: service.id },
      { platform: "slack", channel: "C0LEADS", unitId: null },
    ]);
  });
});
