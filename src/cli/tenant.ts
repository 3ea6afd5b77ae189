import { loadConfig } from "../config.js";
import { parseTenantSettings, type TenantSettings } from "../core/org/tenant-settings.js";
import type { TenantBindings } from "../core/ports.js";
import { type Translate, translator } from "../core/ui/i18n/index.js";
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
  // Bad input is answered before the database is opened: nothing to change, nothing to wait for.
  const bindErrors = bindingProblems(t, opts);
  if (!parsed.ok || bindErrors.length > 0) {
    console.error(t("tenant.settings.failed"));
    const settingErrors = parsed.ok ? [] : parsed.problems.map((p) => t(`tenant.settings.error.${p.code}`, p));
    for (const problem of [...settingErrors, ...bindErrors]) console.error(`  ${problem}`);
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
    if (Object.keys(parsed.patch).length === 0 && Object.keys(binding).length === 0) {
      console.log(`${describe(t, current, await ctx.tenants.bindings(current.id))}\n  ${admins}`);
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
    console.log(
      `${t("tenant.settings.updated")}\n${describe(t, updated, await ctx.tenants.bindings(current.id))}\n  ${admins}`,
    );
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
