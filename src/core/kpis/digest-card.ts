import type { Block, Card } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { KPI_METRICS, type KpiFigures, type KpiMetric, metricValue } from "./kpis.js";

/** Which way is better: rates up, hours and backlog down. */
export const HIGHER_IS_BETTER: Readonly<Record<KpiMetric, boolean>> = {
  processing_time_median: false,
  processing_time_p90: false,
  first_response_median: false,
  deadline_compliance: true,
  resolution_rate: true,
  first_time_resolution: true,
  backlog: false,
};

export const RATES: ReadonlySet<KpiMetric> = new Set<KpiMetric>([
  "deadline_compliance",
  "resolution_rate",
  "first_time_resolution",
]);

export interface KpiDigestInput {
  /** The unit's name or path as people know it. */
  readonly unit: string;
  readonly week: string;
  readonly current: KpiFigures;
  readonly previous: KpiFigures;
  readonly baseline: KpiFigures | null;
  /** Where the rendered trend chart is reachable (the transport uploads it first). */
  readonly chartUrl?: string;
  /** The unit's KPI goals with their progress in percent. */
  readonly goals?: readonly { readonly title: string; readonly progress: number }[];
}

export interface Mover {
  readonly metric: KpiMetric;
  readonly from: number;
  readonly to: number;
  /** Relative change, e.g. -0.25 for a quarter less. */
  readonly change: number;
  readonly improved: boolean;
}

/** The metrics that moved most against last week, relative to where they were; at most `count`. */
export function biggestMovers(current: KpiFigures, previous: KpiFigures, count = 3): Mover[] {
  const movers: Mover[] = [];
  for (const metric of KPI_METRICS) {
    const to = metricValue(current, metric);
    const from = metricValue(previous, metric);
    if (to === null || from === null || from === 0 || to === from) continue;
    const change = (to - from) / Math.abs(from);
    movers.push({ metric, from, to, change, improved: HIGHER_IS_BETTER[metric] ? to > from : to < from });
  }
  return movers
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.metric.localeCompare(b.metric))
    .slice(0, count);
}

/** ↑ or ↓ for the direction of the change, → for none or unknown. */
export function arrow(from: number | null, to: number | null): string {
  if (from === null || to === null || from === to) return "→";
  return to > from ? "↑" : "↓";
}

/** The weekly digest as a neutral Card: a KPI table with arrows and deltas, and the three biggest movers. */
/** A metric's value as people read it: "87,5 %", "12,3 h", "41"; "–" when there is none. */
export function showMetric(t: Translate, metric: KpiMetric, value: number | null): string {
  const number = new Intl.NumberFormat(t.locale === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 1 });
  if (value === null) return t("common.none");
  if (RATES.has(metric)) return t("kpi.format.percent", { value: number.format(value * 100) });
  if (metric === "backlog") return t("kpi.format.count", { value: number.format(value) });
  return t("kpi.format.hours", { value: number.format(value) });
}

export function kpiDigestCard(t: Translate, input: KpiDigestInput): Card {
  const signed = new Intl.NumberFormat(t.locale === "de" ? "de-DE" : "en-GB", {
    maximumFractionDigits: 1,
    signDisplay: "exceptZero",
  });
  const show = (metric: KpiMetric, value: number | null): string => showMetric(t, metric, value);
  const delta = (metric: KpiMetric, from: number | null, to: number | null): string => {
    if (from === null || to === null) return t("common.none");
    if (RATES.has(metric)) return t("kpi.format.points", { value: signed.format((to - from) * 100) });
    if (metric === "backlog") return t("kpi.format.count", { value: signed.format(to - from) });
    return t("kpi.format.hours", { value: signed.format(to - from) });
  };

  const fields = KPI_METRICS.map((metric) => {
    const now = metricValue(input.current, metric);
    const before = metricValue(input.previous, metric);
    const base = input.baseline ? metricValue(input.baseline, metric) : null;
    const comparisons = [
      t("kpi.digest.vsPrevious", { delta: delta(metric, before, now) }),
      input.baseline ? t("kpi.digest.vsBaseline", { delta: delta(metric, base, now) }) : t("kpi.digest.noBaseline"),
    ].join(" · ");
    return {
      label: t(`kpi.metric.${metric}`),
      value: `${t("kpi.digest.value", { value: show(metric, now), arrow: arrow(before, now) })}\n${comparisons}`,
    };
  });

  const movers = biggestMovers(input.current, input.previous);
  const blocks: Block[] = [
    { type: "header", text: t("kpi.digest.header", { unit: input.unit }) },
    {
      type: "context",
      text: t("kpi.digest.meta", {
        week: input.week,
        created: input.current.created,
        resolved: input.current.resolved,
      }),
    },
    { type: "fields", fields },
  ];
  if (!input.current.enough_data) blocks.push({ type: "context", text: t("kpi.digest.notEnoughData") });
  blocks.push({ type: "divider" }, { type: "text", text: `**${t("kpi.digest.moversHeader")}**` });
  if (movers.length === 0) blocks.push({ type: "text", text: t("kpi.digest.noMovers") });
  else {
    blocks.push({
      type: "list",
      items: movers.map((m) =>
        t("kpi.digest.mover", {
          metric: t(`kpi.metric.${m.metric}`),
          from: show(m.metric, m.from),
          to: show(m.metric, m.to),
          delta: delta(m.metric, m.from, m.to),
        }),
      ),
    });
  }
  if (input.goals && input.goals.length > 0) {
    blocks.push({ type: "text", text: `**${t("kpi.digest.goalsHeader")}**` });
    for (const goal of input.goals) blocks.push({ type: "progress", label: goal.title, percent: goal.progress });
  }
  if (input.chartUrl) blocks.push({ type: "image", url: input.chartUrl, alt: t("kpi.digest.chartAlt") });
  blocks.push({ type: "context", text: t("kpi.digest.privacy") });
  return { summary: t("kpi.digest.summary", { unit: input.unit, week: input.week }), blocks };
}
