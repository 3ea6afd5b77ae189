import { randomBytes } from "node:crypto";
import { loadConfig } from "../config.js";
import { parseKpiSettings } from "../core/kpis/settings.js";
import { parseTenantSettings, type TenantSettings } from "../core/org/tenant-settings.js";
import type { TenantBindings } from "../core/ports.js";
import { type Translate, translator } from "../core/ui/i18n/index.js";
import { PrismaTicketRepository } from "../db/ticket-repository.js";
import { PrismaTrainingRepository } from "../db/training-repository.js";
import { type CliContext, resolveTenant, withDatabase } from "./context.js";

export interface TenantCommandOptions {
  readonly tenant: string;
  readonly holidayState?: string;
  readonly timezone?: string;
  readonly formality?: string;
  readonly locale?: string;
  readonly feedbackHrAccess?: string;
  /** Binds a Teams tenant (a MultiTenant app registration has no MICROSOFT_APP_TENANT_ID to bind). */
  readonly teamsTenantId?: string;
  /** Binds a Slack workspace by its team id. */
  readonly slackTeamId?: string;
  readonly programmeStart?: string;
  readonly baselineWeeks?: string;
  readonly webhookSecret?: string;
  readonly mapGroup?: readonly string[];
  /** `slack:C0123` or `teams:<conversation id>`: where the weekly KPI digest goes. */
  readonly digestChannel?: string;
  /** The unit whose digest goes to --digest-channel; the company's (leadership) when absent. */
  readonly unit?: string;
  readonly trainingAdmin?: string;
  readonly removeTrainingAdmin?: string;
  readonly lang?: "de" | "en";
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLACK_TEAM = /^[TE][A-Z0-9]{2,30}$/;

function bindingProblems(t: Translate, opts: TenantCommandOptions): string[] {
  const problems: string[] = [];
  const teams = opts.teamsTenantId?.trim();
  if (teams !== undefined && !GUID.test(teams))
    problems.push(t("tenant.settings.error.teamsTenantId", { value: teams }));
  const slack = opts.slackTeamId?.trim();
  if (slack !== undefined && !SLACK_TEAM.test(slack)) {
    problems.push(t("tenant.settings.error.slackTeamId", { value: slack }));
  }
  return problems;
}

/** `kurs tenant`: shows the tenant's settings, or changes the given ones after validating all of them. */
export async function tenantCommand(opts: TenantCommandOptions): Promise<void> {
  const t = translator(opts.lang ?? loadConfig().defaultLocale);
  const parsed = parseTenantSettings({
    holidayState: opts.holidayState,
    timezone: opts.timezone,
    formality: opts.formality,
    locale: opts.locale,
    feedbackHrAccess: opts.feedbackHrAccess,
  });
  const kpi = parseKpiSettings({
    programmeStart: opts.programmeStart,
    baselineWeeks: opts.baselineWeeks,
    webhookSecret: opts.webhookSecret,
    mapGroup: opts.mapGroup,
  });
  // Bad input is answered before the database is opened: nothing to change, nothing to wait for.
  const digest = parseDigestChannel(opts.digestChannel);
  const bindErrors = bindingProblems(t, opts);
  if (opts.digestChannel !== undefined && !digest) {
    bindErrors.push(t("kpi.settings.error.digestChannel", { value: opts.digestChannel }));
  }
  if (opts.unit !== undefined && opts.digestChannel === undefined) bindErrors.push(t("kpi.settings.error.digestUnit"));
  if (!parsed.ok || !kpi.ok || bindErrors.length > 0) {
    console.error(t("tenant.settings.failed"));
    const settingErrors = parsed.ok ? [] : parsed.problems.map((p) => t(`tenant.settings.error.${p.code}`, p));
    const kpiErrors = kpi.ok ? [] : kpi.problems.map((p) => t(`kpi.settings.error.${p.code}`, { value: p.value }));
    for (const problem of [...settingErrors, ...kpiErrors, ...bindErrors]) console.error(`  ${problem}`);
    process.exitCode = 1;
    return;
  }
  const binding = {
    ...(opts.teamsTenantId ? { teamsTenantId: opts.teamsTenantId.trim().toLowerCase() } : {}),
    ...(opts.slackTeamId ? { slackTeamId: opts.slackTeamId.trim() } : {}),
  };
  await withDatabase(async (ctx) => {
    const tenant = await resolveTenant(ctx, opts.tenant);
    const current = tenant ? await ctx.tenants.settings(tenant.id) : null;
    if (!current) {
      console.error(t("tenant.settings.notFound", { slug: opts.tenant }));
      process.exitCode = 1;
      return;
    }
    const tickets = new PrismaTicketRepository(ctx.db.prisma, ctx.db.sql);
    // Group mappings are checked against the org chart before anything is written.
    const targets = await tickets.targets(current.id);
    const missing = kpi.patch.groups.filter((g) => !targets.paths.has(g.path)).map((g) => g.path);
    if (opts.unit !== undefined && !targets.paths.has(opts.unit)) missing.push(opts.unit);
    if (missing.length > 0) {
      console.error(t("tenant.settings.failed"));
      for (const path of missing) console.error(`  ${t("kpi.settings.error.mapGroupUnit", { value: path })}`);
      process.exitCode = 1;
      return;
    }
    const trainings = new PrismaTrainingRepository(ctx.db.prisma);
    for (const [email, admin] of [
      [opts.trainingAdmin, true],
      [opts.removeTrainingAdmin, false],
    ] as const) {
      if (email === undefined) continue;
      const person = await ctx.org.findPersonByEmail(current.id, email.trim().toLowerCase());
      if (!person) {
        console.error(t("trainings.admin.unknown", { email }));
        process.exitCode = 1;
        return;
      }
      await trainings.setAdmin(current.id, person.id, admin);
      console.log(t(admin ? "trainings.admin.added" : "trainings.admin.removed", { name: person.name }));
    }
    const admins = await trainingAdminNames(ctx, trainings, current.id, t);
    if (Object.keys(parsed.patch).length === 0 && Object.keys(binding).length === 0 && kpi.empty && !digest) {
      const shown = `${describe(t, current, await ctx.tenants.bindings(current.id))}\n  ${admins}`;
      console.log(`${shown}\n${await describeKpi(t, tickets, current.id)}`);
      return;
    }
    if (Object.keys(binding).length > 0) {
      const bound = await ctx.tenants.bind(current.id, binding);
      if (!bound.ok) {
        console.error(t("tenant.settings.failed"));
        console.error(
          `  ${t("tenant.settings.error.taken", { platform: bound.platform === "teams" ? "Teams" : "Slack", value: bound.value, other: bound.otherSlug })}`,
        );
        process.exitCode = 1;
        return;
      }
    }
    const updated =
      Object.keys(parsed.patch).length > 0 ? await ctx.tenants.updateSettings(current.id, parsed.patch) : current;
    if (Object.keys(kpi.patch.settings).length > 0) await tickets.updateKpiSettings(current.id, kpi.patch.settings);
    for (const g of kpi.patch.groups) await tickets.mapGroup(current.id, g.group, targets.paths.get(g.path) ?? "");
    if (digest) {
      const unitId = opts.unit === undefined ? null : (targets.paths.get(opts.unit) ?? null);
      await tickets.setDigestChannel(current.id, { ...digest, unitId });
    }
    const lines = [t("tenant.settings.updated")];
    if (kpi.patch.webhookSecret) {
      const secret = kpi.patch.webhookSecret.generate
        ? randomBytes(32).toString("base64url")
        : kpi.patch.webhookSecret.secret;
      await tickets.setWebhookSecret(current.id, secret);
      if (kpi.patch.webhookSecret.generate) lines.push(t("kpi.settings.webhookSecretNew", { secret }));
    }
    const bound = `${describe(t, updated, await ctx.tenants.bindings(current.id))}\n  ${admins}`;
    console.log([...lines, bound, await describeKpi(t, tickets, current.id)].join("\n"));
  });
}

async function trainingAdminNames(
  ctx: CliContext,
  trainings: PrismaTrainingRepository,
  tenantId: string,
  t: Translate,
): Promise<string> {
  const [ids, people] = await Promise.all([trainings.admins(tenantId), ctx.org.people(tenantId)]);
  const names = people.filter((p) => ids.includes(p.id)).map((p) => p.name);
  return t("trainings.admin.list", { names: names.join(", ") || t("trainings.admin.none") });
}

function describe(t: Translate, settings: TenantSettings, bindings: TenantBindings): string {
  const formality = settings.formality === "du" ? t("tenant.settings.formalityDu") : t("tenant.settings.formalitySie");
  return [
    t("tenant.settings.header", { slug: settings.slug, name: settings.name }),
    `  ${t("tenant.settings.locale", { value: settings.defaultLocale })}`,
    `  ${t("tenant.settings.formality", { value: formality })}`,
    `  ${t("tenant.settings.timezone", { value: settings.timezone })}`,
    `  ${t("tenant.settings.holidayState", { value: settings.holidayState ?? t("tenant.settings.noState") })}`,
    `  ${t(settings.feedbackHrAccess ? "tenant.settings.feedbackHrOn" : "tenant.settings.feedbackHrOff")}`,
    `  ${t("tenant.settings.slack", { value: bindings.slackTeamId ?? t("tenant.settings.unbound") })}`,
    `  ${t("tenant.settings.teams", { value: bindings.teamsTenantId ?? t("tenant.settings.unbound") })}`,
  ].join("\n");
}

const SLACK_CHANNEL = /^[CG][A-Z0-9]{2,30}$/;

/** `slack:C0123` (a channel id) or `teams:19:…@thread.tacv2` (a channel's conversation id). */
export function parseDigestChannel(value: string | undefined): { platform: "slack" | "teams"; channel: string } | null {
  const match = /^(slack|teams):(\S{1,300})$/.exec(value?.trim() ?? "");
  if (!match?.[2]) return null;
  const platform = match[1] === "teams" ? "teams" : "slack";
  if (platform === "slack" && !SLACK_CHANNEL.test(match[2])) return null;
  return { platform, channel: match[2] };
}

async function describeKpi(t: Translate, tickets: PrismaTicketRepository, tenantId: string): Promise<string> {
  const [settings, secret, groups, channels, targets] = await Promise.all([
    tickets.kpiSettings(tenantId),
    tickets.webhookSecret(tenantId),
    tickets.groups(tenantId),
    tickets.digestChannels(tenantId),
    tickets.targets(tenantId),
  ]);
  const pathOf = new Map([...targets.paths].map(([path, id]) => [id, path]));
  return [
    `  ${t("kpi.settings.programmeStart", { value: settings.programmeStart ?? t("kpi.settings.notSet") })}`,
    `  ${t("kpi.settings.baselineWeeks", { value: settings.baselineWeeks })}`,
    // The secret itself is never printed again; only whether one is set.
    `  ${t("kpi.settings.webhookSecret", { value: secret ? t("kpi.settings.webhookSecretSet") : t("kpi.settings.notSet") })}`,
    ...groups.map((g) => `  ${t("kpi.settings.group", { group: g.groupName, path: g.unitPath })}`),
    ...channels.map(
      (c) =>
        `  ${t("kpi.settings.digestChannel", { platform: c.platform, channel: c.channel, unit: c.unitId === null ? t("roles.managing_director") : (pathOf.get(c.unitId) ?? c.unitId) })}`,
    ),
  ].join("\n");
}
