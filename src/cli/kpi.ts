import { type KpiReport, kpiReport } from "../core/kpis/kpis.js";
import { type Translate, translator } from "../core/ui/i18n/index.js";
import { PrismaTicketRepository } from "../db/ticket-repository.js";
import { KursError } from "../errors.js";
import { resolveTenant, withDatabase } from "./context.js";

export interface KpiCommandOptions {
  readonly tenant: string;
  readonly unit?: string;
  readonly week?: string;
  readonly format: "json" | "text";
  readonly lang?: "de" | "en";
}

/** `kurs kpi`: one unit's weekly KPIs as computed, with the previous week and the baseline. */
export async function kpiCommand(opts: KpiCommandOptions): Promise<void> {
  await withDatabase(async (ctx) => {
    const t = translator(opts.lang ?? ctx.config.defaultLocale);
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) throw new KursError("TENANT_NOT_FOUND", `no tenant with slug "${opts.tenant}"`);
    const tickets = new PrismaTicketRepository(ctx.db.prisma, ctx.db.sql);
    const units = await ctx.org.units(tenant.id);
    const outcome = await kpiReport(tickets, {
      tenantId: tenant.id,
      timezone: tenant.timezone,
      units,
      settings: await tickets.kpiSettings(tenant.id),
      now: new Date(),
      unitPath: opts.unit,
      week: opts.week,
    });
    if (!outcome.ok) {
      const known = units.map((u) => u.path).join(", ");
      const message =
        outcome.code === "unknown_unit"
          ? t("kpi.cli.unknownUnit", { value: outcome.value ?? "", units: known })
          : outcome.code === "bad_week"
            ? t("kpi.cli.badWeek", { value: outcome.value ?? "" })
            : t("kpi.cli.noUnits");
      console.error(message);
      process.exitCode = 1;
      return;
    }
    console.log(opts.format === "json" ? JSON.stringify(outcome.report, null, 2) : asText(t, outcome.report));
  });
}

function asText(t: Translate, r: KpiReport): string {
  const n = (v: number | null, digits = 1): string => (v === null ? t("common.none") : v.toFixed(digits));
  const pct = (v: number | null): string => (v === null ? t("common.none") : `${Math.round(v * 100)} %`);
  return [
    t("kpi.digest.header", { unit: r.unit }),
    t("kpi.digest.meta", { week: r.week, created: r.created, resolved: r.resolved }),
    `  ${t("kpi.metric.processing_time_median")}: ${n(r.processing_time_hours.median)}`,
    `  ${t("kpi.metric.processing_time_p90")}: ${n(r.processing_time_hours.p90)}`,
    `  ${t("kpi.metric.first_response_median")}: ${n(r.first_response_hours.median)}`,
    `  ${t("kpi.metric.deadline_compliance")}: ${pct(r.deadline_compliance)}`,
    `  ${t("kpi.metric.resolution_rate")}: ${pct(r.resolution_rate)}`,
    `  ${t("kpi.metric.first_time_resolution")}: ${pct(r.first_time_resolution)}`,
    `  ${t("kpi.metric.backlog")}: ${r.backlog}`,
    ...(r.enough_data ? [] : [t("kpi.digest.notEnoughData")]),
  ].join("\n");
}
