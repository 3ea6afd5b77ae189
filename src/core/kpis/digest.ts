import type { KpiKey } from "../goals/types.js";
import { KPI_KEYS } from "../goals/types.js";
import type { DeliveryRequest, RenderedDelivery } from "../ports.js";
import type { Services } from "../services.js";
import { translator } from "../ui/i18n/index.js";
import { kpiDigestCard } from "./digest-card.js";
import { kpiGoalProgress } from "./goal-progress.js";
import { overviewChart } from "./kpi-chat.js";
import { kpiReport, kpiTrend } from "./kpis.js";
import { lastCompleteWeek } from "./weeks.js";

export const DIGEST_PURPOSE = "kpi.digest";
export const DIGEST_JOB = "kpis.digest";

/** The digest's once-only subject: tenant, unit ("company" for the leadership channel) and ISO week. */
export function digestSubject(tenantId: string, unitId: string | null, week: string): string {
  return `${tenantId}:${unitId ?? "company"}:${week}`;
}

const isKpiKey = (key: string): key is KpiKey => (KPI_KEYS as readonly string[]).includes(key);

/**
 * Moves every open KPI goal's progress to where its unit's last complete week stands against the
 * baseline and the target (kpiGoalProgress). Goals whose KPI is no ticket figure, or without a
 * baseline, keep the progress of their check-ins. Returns how many goals changed.
 */
export async function updateKpiGoals(services: Services, tenantId: string): Promise<number> {
  const tenant = await services.tenants.findById(tenantId);
  if (!tenant) return 0;
  const goals = await services.tickets.kpiGoals(tenantId);
  if (goals.length === 0) return 0;
  const units = await services.org.units(tenantId);
  const settings = await services.tickets.kpiSettings(tenantId);
  let changed = 0;
  for (const unitId of new Set(goals.map((g) => g.unitId))) {
    const unit = units.find((u) => u.id === unitId);
    if (!unit) continue;
    const outcome = await kpiReport(services.tickets, {
      tenantId,
      timezone: tenant.timezone,
      units,
      settings,
      now: services.clock.now(),
      unitPath: unit.path,
    });
    if (!outcome.ok) continue;
    for (const goal of goals.filter((g) => g.unitId === unitId)) {
      if (!isKpiKey(goal.kpiKey)) continue;
      const progress = kpiGoalProgress(goal.kpiKey, goal.kpiTarget, outcome.report, outcome.report.baseline);
      if (progress === null || progress === goal.progress) continue;
      await services.tickets.setGoalProgress(tenantId, goal.id, progress);
      changed += 1;
    }
  }
  return changed;
}

/**
 * Plans this week's digest for every digest channel of the tenant: one outbox row per channel,
 * unit and ISO week, so a second run, a retried job or another replica's schedule plans nothing new.
 * Returns the rows written by this call.
 */
export async function planWeeklyDigest(services: Services, tenantId: string): Promise<readonly string[]> {
  const tenant = await services.tenants.findById(tenantId);
  if (!tenant) return [];
  const week = lastCompleteWeek(services.clock.now(), tenant.timezone).key;
  const ids: string[] = [];
  for (const channel of await services.tickets.digestChannels(tenantId)) {
    const written = await services.tickets.planDeliveries(tenantId, {
      purpose: DIGEST_PURPOSE,
      subject: digestSubject(tenantId, channel.unitId, week),
      targets: [{ channel: channel.channel, platform: channel.platform }],
      notBefore: services.clock.now(),
      payload: { week, unitId: channel.unitId },
    });
    ids.push(...written);
  }
  return ids;
}

/** The digest card, built when it is sent: the unit's week in the tenant's default language, with the chart. */
export async function renderDigest(services: Services, request: DeliveryRequest): Promise<RenderedDelivery> {
  const week = typeof request.payload?.week === "string" ? request.payload.week : undefined;
  const unitId = typeof request.payload?.unitId === "string" ? request.payload.unitId : null;
  const tenant = await services.tenants.findById(request.tenantId);
  if (!tenant || !week) return { kind: "cancel", reason: "tenant gone or digest without a week" };
  const units = await services.org.units(tenant.id);
  const unit = unitId === null ? units.find((u) => u.parentId === null) : units.find((u) => u.id === unitId);
  if (!unit) return { kind: "cancel", reason: "unit gone" };
  const request2 = { tenantId: tenant.id, timezone: tenant.timezone, units };
  const outcome = await kpiReport(services.tickets, {
    ...request2,
    settings: await services.tickets.kpiSettings(tenant.id),
    now: services.clock.now(),
    unitPath: unit.path,
    week,
  });
  if (!outcome.ok) return { kind: "cancel", reason: `no report: ${outcome.code}` };
  const t = translator(tenant.defaultLocale, tenant.formality);
  const report = outcome.report;
  const trend = await kpiTrend(services.tickets, request2, unit.id, report.week);
  const chartUrl = await services.charts.publish(tenant.id, overviewChart(t, unit.path, trend));
  // Goal progress as the KPI has it now (the same rule the weekly job writes back).
  const goals = (await services.tickets.kpiGoals(tenant.id))
    .filter((g) => g.unitId === unit.id)
    .map((g) => ({
      title: g.title,
      progress:
        (isKpiKey(g.kpiKey) ? kpiGoalProgress(g.kpiKey, g.kpiTarget, report, report.baseline) : null) ?? g.progress,
    }));
  return {
    kind: "message",
    locale: tenant.defaultLocale,
    card: kpiDigestCard(t, {
      unit: unit.path,
      week: report.week,
      current: report,
      previous: report.previous_week,
      baseline: report.baseline,
      chartUrl,
      goals,
    }),
  };
}
