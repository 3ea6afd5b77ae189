import type { KpiKey } from "../goals/types.js";
import type { KpiFigures, KpiMetric } from "./kpis.js";
import { metricValue } from "./kpis.js";

const RATE_METRICS: ReadonlySet<KpiMetric> = new Set([
  "deadline_compliance",
  "resolution_rate",
  "first_time_resolution",
]);

/**
 * Which service KPI a goal's KPI stands for. `reopen_rate` is the share of resolved tickets that
 * were reopened, i.e. 1 − first-time resolution. The other goal KPIs (survey response rate, goal
 * progress, talk and training coverage) are not ticket figures and keep their check-in progress.
 */
export const GOAL_KPI_SOURCES: Partial<Record<KpiKey, { readonly metric: KpiMetric; readonly complement?: true }>> = {
  processing_time: { metric: "processing_time_median" },
  deadline_compliance: { metric: "deadline_compliance" },
  ticket_resolution_rate: { metric: "resolution_rate" },
  first_contact_resolution: { metric: "first_time_resolution" },
  backlog: { metric: "backlog" },
  reopen_rate: { metric: "first_time_resolution", complement: true },
};

function goalKpiValue(key: KpiKey, figures: KpiFigures): number | null {
  const source = GOAL_KPI_SOURCES[key];
  if (!source) return null;
  const value = metricValue(figures, source.metric);
  return value === null ? null : source.complement ? 1 - value : value;
}

/**
 * A KPI goal's progress in percent: how much of the way from the baseline to the target the last
 * complete week has come, `(current − baseline) / (target − baseline)`, clamped to 0..100. It works
 * for both directions (a target below the baseline, e.g. hours, counts a fall as progress). A rate
 * target above 1 is read as a percentage (90 → 0.9). Null (progress stays as checked in) when the
 * KPI is no ticket figure, there is no baseline, the week has too little data, or the target is the
 * baseline itself.
 */
export function kpiGoalProgress(
  key: KpiKey,
  target: number | null,
  current: KpiFigures,
  baseline: KpiFigures | null,
): number | null {
  const source = GOAL_KPI_SOURCES[key];
  if (!source || target === null || !baseline) return null;
  const goal = RATE_METRICS.has(source.metric) && target > 1 ? target / 100 : target;
  const now = goalKpiValue(key, current);
  const start = goalKpiValue(key, baseline);
  if (now === null || start === null || goal === start) return null;
  const share = (now - start) / (goal - start);
  return Math.max(0, Math.min(100, Math.round(share * 100)));
}
