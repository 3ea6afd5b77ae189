import type { HandlerContext } from "../feature.js";
import type { Requester } from "../org/identify.js";
import type { UnitNode } from "../org/types.js";
import { highestRole } from "../org/types.js";
import type { ChartData } from "../ports.js";
import type { Services } from "../services.js";
import type { Block, Card } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply } from "../ui/reply.js";
import { HIGHER_IS_BETTER, kpiDigestCard, RATES, showMetric } from "./digest-card.js";
import { de } from "./i18n/de.js";
import { en } from "./i18n/en.js";
import { KPI_METRICS, type KpiFigures, type KpiMetric, kpiReport, kpiTrend, metricValue, TREND_WEEKS } from "./kpis.js";

/** The rates drawn in the overview chart: shares of the same scale, so one axis fits them all. */
const OVERVIEW_SERIES: readonly KpiMetric[] = ["deadline_compliance", "resolution_rate", "first_time_resolution"];

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9äöüß]/g, "");

/**
 * A metric by its key ("deadline_compliance", "deadline-compliance") or its German or English name
 * ("Termintreue", "Deadline compliance"), with or without the bracketed part of the name.
 */
export function findMetric(word: string): KpiMetric | undefined {
  const wanted = normalise(word);
  if (wanted === "") return undefined;
  for (const metric of KPI_METRICS) {
    const names = [metric, de.kpi.metric[metric], en.kpi.metric[metric]];
    for (const name of names) {
      if (normalise(name) === wanted || normalise(name.replace(/\(.*\)/, "")) === wanted) return metric;
    }
  }
  return undefined;
}

/** A unit by its full path or, when unambiguous, its own name; case does not matter. */
export function findUnit(units: readonly UnitNode[], query: string): UnitNode | undefined {
  const wanted = query.trim().toLowerCase();
  const byPath = units.find((u) => u.path.toLowerCase() === wanted);
  if (byPath) return byPath;
  const byName = units.filter((u) => u.name.toLowerCase() === wanted);
  return byName.length === 1 ? byName[0] : undefined;
}

/** The requester's own unit: the unit of their highest role (a member's team, a lead's area). */
function ownUnit(requester: Requester, units: readonly UnitNode[]): UnitNode | undefined {
  const rank = { managing_director: 3, area_head: 2, team_lead: 1, member: 0 } as const;
  const roles = [...(requester.person?.roles ?? [])].sort((a, b) => rank[b.role] - rank[a.role]);
  const id = roles[0]?.unit.id;
  return units.find((u) => u.id === id) ?? units.find((u) => u.parentId === null);
}

function card(summary: string, blocks: Block[]): Reply {
  return { kind: "card", card: { summary, blocks } };
}

/** What exists, after a word Kurs did not recognise: every metric and every unit. */
function listCard(t: Translate, units: readonly UnitNode[], problem: string): Reply {
  return card(problem, [
    { type: "text", text: problem },
    { type: "text", text: `**${t("kpi.chat.metrics")}**` },
    { type: "list", items: KPI_METRICS.map((m) => `${escapeMarkup(m)} – ${escapeMarkup(t(`kpi.metric.${m}`))}`) },
    { type: "text", text: `**${t("kpi.chat.units")}**` },
    { type: "list", items: units.map((u) => escapeMarkup(u.path)) },
    { type: "context", text: t("kpi.chat.usage") },
  ]);
}

/**
 * `/kpi` (the requester's unit: the last complete week against the week before and the baseline,
 * with the 12-week chart) and `/kpi <metric> [unit]` (one metric's 12 weeks). KPIs exist per team
 * and above, never per person, so anyone in the org chart may look at any unit.
 */
export async function kpiChatCommand(ctx: HandlerContext, args: string): Promise<Reply> {
  const { services, requester } = ctx;
  const t = requester.t;
  const tenant = requester.tenant;
  if (!tenant || !requester.person)
    return card(t("kpi.chat.notInOrg"), [{ type: "text", text: t("kpi.chat.notInOrg") }]);
  const units = await services.org.units(tenant.id);
  const words = args
    .trim()
    .split(/\s+/)
    .filter((w) => w !== "");
  const first = words[0];
  if (first?.toLowerCase() === "digest") return digestHere(ctx, tenant.id, units, words.slice(1));
  let metric: KpiMetric | undefined;
  let unit = ownUnit(requester, units);
  if (first !== undefined) {
    metric = findMetric(first);
    if (!metric) return listCard(t, units, t("kpi.chat.unknownMetric", { value: first.slice(0, 80) }));
    const query = words.slice(1).join(" ");
    if (query !== "") {
      unit = findUnit(units, query);
      if (!unit) return listCard(t, units, t("kpi.chat.unknownUnit", { value: query.slice(0, 120) }));
    }
  }
  if (!unit) return card(t("kpi.chat.noUnits"), [{ type: "text", text: t("kpi.chat.noUnits") }]);

  const request = { tenantId: tenant.id, timezone: tenant.timezone, units };
  const outcome = await kpiReport(services.tickets, {
    ...request,
    settings: await services.tickets.kpiSettings(tenant.id),
    now: services.clock.now(),
    unitPath: unit.path,
  });
  if (!outcome.ok) return card(t("kpi.chat.noUnits"), [{ type: "text", text: t("kpi.chat.noUnits") }]);
  const report = outcome.report;
  const trend = await kpiTrend(services.tickets, request, unit.id, report.week);

  if (!metric) {
    const chartUrl = await services.charts.publish(tenant.id, overviewChart(t, unit.path, trend));
    return {
      kind: "card",
      card: kpiDigestCard(t, {
        unit: unit.path,
        week: report.week,
        current: report,
        previous: report.previous_week,
        baseline: report.baseline,
        chartUrl,
      }),
    };
  }
  return { kind: "card", card: await metricCard(services, t, tenant.id, unit, metric, trend, report.baseline) };
}

export function overviewChart(
  t: Translate,
  unitPath: string,
  trend: readonly { readonly week: string; readonly figures: KpiFigures }[],
): ChartData {
  return {
    title: t("kpi.chat.chartTitle", { unit: unitPath, weeks: TREND_WEEKS }),
    axis: "%",
    percent: true,
    points: trend.flatMap(({ week, figures }) =>
      OVERVIEW_SERIES.map((m) => ({ week, series: t(`kpi.metric.${m}`), value: metricValue(figures, m) })),
    ),
  };
}

async function metricCard(
  services: Services,
  t: Translate,
  tenantId: string,
  unit: UnitNode,
  metric: KpiMetric,
  trend: readonly { readonly week: string; readonly figures: KpiFigures }[],
  baseline: KpiFigures | null,
): Promise<Card> {
  const name = t(`kpi.metric.${metric}`);
  const percent = RATES.has(metric);
  const chartUrl = await services.charts.publish(tenantId, {
    title: t("kpi.chat.metricTitle", { metric: name, unit: unit.path }),
    axis: percent ? "%" : metric === "backlog" ? t("kpi.chat.axisTickets") : "h",
    percent,
    points: trend.map(({ week, figures }) => ({ week, series: name, value: metricValue(figures, metric) })),
  });
  const last = trend.at(-1)?.week ?? "";
  const base = baseline ? metricValue(baseline, metric) : null;
  return {
    summary: t("kpi.chat.metricSummary", { metric: name, unit: unit.path, week: last }),
    blocks: [
      {
        type: "header",
        text: t("kpi.chat.metricTitle", { metric: escapeMarkup(name), unit: escapeMarkup(unit.path) }),
      },
      {
        type: "context",
        text: t(HIGHER_IS_BETTER[metric] ? "kpi.chat.higherIsBetter" : "kpi.chat.lowerIsBetter", {
          weeks: TREND_WEEKS,
        }),
      },
      {
        type: "list",
        items: trend.map(({ week, figures }) =>
          t("kpi.chat.weekValue", { week, value: showMetric(t, metric, metricValue(figures, metric)) }),
        ),
      },
      {
        type: "context",
        text: t("kpi.chat.baseline", { value: baseline ? showMetric(t, metric, base) : t("kpi.digest.noBaseline") }),
      },
      { type: "image", url: chartUrl, alt: t("kpi.chat.metricAlt", { metric: name, weeks: TREND_WEEKS }) },
      { type: "context", text: t("kpi.digest.privacy") },
    ],
  };
}

/**
 * `/kpi digest here [area]`: a managing director makes the channel they type in the digest's
 * channel, for the company (leadership) or for one area. Typed in a direct message, it explains.
 */
async function digestHere(
  ctx: HandlerContext,
  tenantId: string,
  units: readonly UnitNode[],
  words: readonly string[],
): Promise<Reply> {
  const t = ctx.requester.t;
  if (highestRole(ctx.requester.person) !== "managing_director") {
    return card(t("kpi.chat.digestRefused"), [{ type: "text", text: t("kpi.chat.digestRefused") }]);
  }
  const here = words[0]?.toLowerCase();
  if (here !== "here" && here !== "hier") {
    return card(t("kpi.chat.digestUsage"), [{ type: "text", text: t("kpi.chat.digestUsage") }]);
  }
  if (!ctx.channelId) {
    return card(t("kpi.chat.digestNoChannel"), [{ type: "text", text: t("kpi.chat.digestNoChannel") }]);
  }
  const query = words.slice(1).join(" ");
  const unit = query === "" ? null : findUnit(units, query);
  if (unit === undefined) return listCard(t, units, t("kpi.chat.unknownUnit", { value: query.slice(0, 120) }));
  await ctx.services.tickets.setDigestChannel(tenantId, {
    platform: ctx.platform,
    channel: ctx.channelId,
    unitId: unit?.id ?? null,
  });
  const text = t("kpi.chat.digestSet", { unit: escapeMarkup(unit?.path ?? t("roles.managing_director")) });
  return card(text, [{ type: "text", text }]);
}
