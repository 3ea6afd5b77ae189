import type { UnitNode } from "../org/types.js";
import type { TicketRepository } from "../ports.js";
import {
  type AggregateResult,
  type KpiSettings,
  MIN_RESOLVED_FOR_RATES,
  type UnitScope,
  type WeeklyAggregate,
} from "./types.js";
import { type IsoWeek, lastCompleteWeek, parseWeekKey, shiftWeek, weekOfDate, weekRange } from "./weeks.js";

/** One unit's service KPIs for one week; the definitions are a contract (README, issue 11). */
export interface KpiFigures {
  readonly created: number;
  readonly resolved: number;
  readonly processing_time_hours: { readonly median: number | null; readonly p90: number | null };
  readonly first_response_hours: { readonly median: number | null };
  readonly deadline_compliance: number | null;
  readonly resolution_rate: number | null;
  readonly first_time_resolution: number | null;
  readonly backlog: number;
  readonly enough_data: boolean;
}

export interface KpiReport extends KpiFigures {
  readonly unit: string;
  readonly week: string;
  readonly timezone: string;
  /** Mean of the baseline weeks; null while no programme start is set. */
  readonly baseline: KpiFigures | null;
  readonly previous_week: KpiFigures;
}

/** The rate-like metrics: withheld below MIN_RESOLVED_FOR_RATES, compared in digests. */
export const KPI_METRICS = [
  "processing_time_median",
  "processing_time_p90",
  "first_response_median",
  "deadline_compliance",
  "resolution_rate",
  "first_time_resolution",
  "backlog",
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export function metricValue(figures: KpiFigures, metric: KpiMetric): number | null {
  switch (metric) {
    case "processing_time_median":
      return figures.processing_time_hours.median;
    case "processing_time_p90":
      return figures.processing_time_hours.p90;
    case "first_response_median":
      return figures.first_response_hours.median;
    case "backlog":
      return figures.backlog;
    default:
      return figures[metric];
  }
}

/** Each unit with itself and every unit below it: an area's KPIs cover all its teams. */
export function unitScopes(units: readonly UnitNode[], only?: readonly string[]): UnitScope[] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentId === null) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const wanted = only ?? units.map((u) => u.id);
  return wanted.map((unitId) => {
    const memberIds: string[] = [];
    const stack = [unitId];
    for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
      memberIds.push(id);
      stack.push(...(children.get(id) ?? []));
    }
    return { unitId, memberIds };
  });
}

export function emptyAggregate(unitId: string, week: string): WeeklyAggregate {
  return {
    unitId,
    week,
    created: 0,
    resolved: 0,
    processingMedian: null,
    processingP90: null,
    firstResponseMedian: null,
    resolvedWithDue: 0,
    resolvedOnTime: 0,
    resolvedFirstTime: 0,
  };
}

/** Six decimals: hours to a few milliseconds, rates far below any visible difference; no float noise in JSON. */
export function round6(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e6) / 1e6;
}

/** Turns one week's aggregates into the KPI figures; `backlog` comes from the running totals. */
export function figuresOf(a: WeeklyAggregate, backlog: number): KpiFigures {
  const enough = a.resolved >= MIN_RESOLVED_FOR_RATES;
  return {
    created: a.created,
    resolved: a.resolved,
    processing_time_hours: {
      median: enough ? round6(a.processingMedian) : null,
      p90: enough ? round6(a.processingP90) : null,
    },
    first_response_hours: { median: enough ? round6(a.firstResponseMedian) : null },
    deadline_compliance: enough && a.resolvedWithDue > 0 ? round6(a.resolvedOnTime / a.resolvedWithDue) : null,
    resolution_rate: enough && a.created > 0 ? round6(a.resolved / a.created) : null,
    first_time_resolution: enough ? round6(a.resolvedFirstTime / a.resolved) : null,
    backlog,
    enough_data: enough,
  };
}

/**
 * Every unit's figures for every week of `weeks` (consecutive, oldest first). The backlog at a
 * week's end is everything created before it minus everything resolved before it.
 */
export function weeklyFigures(
  result: AggregateResult,
  unitIds: readonly string[],
  weeks: readonly IsoWeek[],
): Map<string, Map<string, KpiFigures>> {
  const byKey = new Map<string, WeeklyAggregate>();
  for (const a of result.weeks) byKey.set(`${a.unitId}|${a.week}`, a);
  const before = new Map(result.before.map((b) => [b.unitId, b]));
  const out = new Map<string, Map<string, KpiFigures>>();
  for (const unitId of unitIds) {
    const start = before.get(unitId);
    let open = (start?.createdBefore ?? 0) - (start?.resolvedBefore ?? 0);
    const perWeek = new Map<string, KpiFigures>();
    for (const week of weeks) {
      const a = byKey.get(`${unitId}|${week.key}`) ?? emptyAggregate(unitId, week.key);
      open += a.created - a.resolved;
      perWeek.set(week.key, figuresOf(a, open));
    }
    out.set(unitId, perWeek);
  }
  return out;
}

/** Mean of each figure over the weeks; rates only over the weeks that had enough data. */
export function meanFigures(list: readonly KpiFigures[]): KpiFigures {
  const mean = (values: readonly (number | null)[]): number | null => {
    const present = values.filter((v): v is number => v !== null);
    return present.length === 0 ? null : round6(present.reduce((s, v) => s + v, 0) / present.length);
  };
  const count = (values: readonly number[]): number =>
    values.length === 0 ? 0 : (round6(values.reduce((s, v) => s + v, 0) / values.length) ?? 0);
  return {
    created: count(list.map((f) => f.created)),
    resolved: count(list.map((f) => f.resolved)),
    processing_time_hours: {
      median: mean(list.map((f) => f.processing_time_hours.median)),
      p90: mean(list.map((f) => f.processing_time_hours.p90)),
    },
    first_response_hours: { median: mean(list.map((f) => f.first_response_hours.median)) },
    deadline_compliance: mean(list.map((f) => f.deadline_compliance)),
    resolution_rate: mean(list.map((f) => f.resolution_rate)),
    first_time_resolution: mean(list.map((f) => f.first_time_resolution)),
    backlog: count(list.map((f) => f.backlog)),
    enough_data: list.some((f) => f.enough_data),
  };
}

/** The ISO weeks of the baseline: the N weeks before the week in which the programme started. */
export function baselineWeeks(settings: KpiSettings, timezone: string): IsoWeek[] | null {
  if (settings.programmeStart === null || settings.baselineWeeks < 1) return null;
  const startWeek = weekOfDate(settings.programmeStart, timezone);
  return weekRange(
    shiftWeek(startWeek, -settings.baselineWeeks, timezone),
    shiftWeek(startWeek, -1, timezone),
    timezone,
  );
}

export type KpiReportRequest = {
  readonly tenantId: string;
  readonly timezone: string;
  readonly units: readonly UnitNode[];
  readonly settings: KpiSettings;
  readonly now: Date;
  /** Unit path; the company (the root) when absent. */
  readonly unitPath?: string;
  /** "YYYY-Www"; the last complete week when absent. */
  readonly week?: string;
};

export type KpiReportOutcome =
  | { readonly ok: true; readonly report: KpiReport }
  | { readonly ok: false; readonly code: "unknown_unit" | "no_units" | "bad_week"; readonly value?: string };

/** `kurs kpi` and `/kpi`: one unit's week with the previous week and the baseline. */
export async function kpiReport(tickets: TicketRepository, req: KpiReportRequest): Promise<KpiReportOutcome> {
  const unit =
    req.unitPath === undefined
      ? req.units.find((u) => u.parentId === null)
      : req.units.find((u) => u.path === req.unitPath);
  if (!unit) {
    return req.unitPath === undefined
      ? { ok: false, code: "no_units" }
      : { ok: false, code: "unknown_unit", value: req.unitPath };
  }
  let week: IsoWeek;
  if (req.week === undefined) week = lastCompleteWeek(req.now, req.timezone);
  else {
    const parsed = parseWeekKey(req.week, req.timezone);
    if (!parsed) return { ok: false, code: "bad_week", value: req.week };
    week = parsed;
  }
  const previous = shiftWeek(week, -1, req.timezone);
  const baseline = baselineWeeks(req.settings, req.timezone);
  const first = baseline?.[0] && baseline[0].start < previous.start ? baseline[0] : previous;
  const lastBaseline = baseline?.at(-1);
  const last = lastBaseline && lastBaseline.start > week.start ? lastBaseline : week;
  const weeks = weekRange(first, last, req.timezone);
  const scope = unitScopes(req.units, [unit.id]);
  const result = await tickets.weeklyAggregates({
    tenantId: req.tenantId,
    units: scope,
    from: first.start,
    to: last.end,
    timezone: req.timezone,
  });
  const figures = weeklyFigures(result, [unit.id], weeks).get(unit.id) ?? new Map<string, KpiFigures>();
  const at = (w: IsoWeek): KpiFigures => figures.get(w.key) ?? figuresOf(emptyAggregate(unit.id, w.key), 0);
  return {
    ok: true,
    report: {
      unit: unit.path,
      week: week.key,
      timezone: req.timezone,
      ...at(week),
      baseline: baseline ? meanFigures(baseline.map(at)) : null,
      previous_week: at(previous),
    },
  };
}

/** How many weeks a trend shows, ending with the reported week. */
export const TREND_WEEKS = 12;

/** One unit's figures for the TREND_WEEKS weeks up to and including `week`, oldest first. */
export async function kpiTrend(
  tickets: TicketRepository,
  req: { readonly tenantId: string; readonly timezone: string; readonly units: readonly UnitNode[] },
  unitId: string,
  week: string,
): Promise<{ readonly week: string; readonly figures: KpiFigures }[]> {
  const last = parseWeekKey(week, req.timezone);
  if (!last) return [];
  const first = shiftWeek(last, -(TREND_WEEKS - 1), req.timezone);
  const weeks = weekRange(first, last, req.timezone);
  const result = await tickets.weeklyAggregates({
    tenantId: req.tenantId,
    units: unitScopes(req.units, [unitId]),
    from: first.start,
    to: last.end,
    timezone: req.timezone,
  });
  const figures = weeklyFigures(result, [unitId], weeks).get(unitId);
  return weeks.map((w) => ({
    week: w.key,
    figures: figures?.get(w.key) ?? figuresOf(emptyAggregate(unitId, w.key), 0),
  }));
}
