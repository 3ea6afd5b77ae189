import { loadConfig } from "../config.js";
import { parseTenantSettings, type TenantSettings } from "../core/org/tenant-settings.js";
import { type Translate, translator } from "../core/ui/i18n/index.js";
import { resolveTenant, withDatabase } from "./context.js";

export interface TenantCommandOptions {
  readonly tenant: string;
  readonly holidayState?: string;
  readonly timezone?: string;
  readonly formality?: string;
  readonly locale?: string;
  readonly lang?: "de" | "en";
}

/** `kurs tenant`: shows the tenant's settings, or changes the given ones after validating all of them. */
export async function tenantCommand(opts: TenantCommandOptions): Promise<void> {
  const t = translator(opts.lang ?? loadConfig().defaultLocale);
  const parsed = parseTenantSettings({
    holidayState: opts.holidayState,
    timezone: opts.timezone,
    formality: opts.formality,
    locale: opts.locale,
  });
  // Bad input is answered before the database is opened: nothing to change, nothing to wait for.
  if (!parsed.ok) {
    console.error(t("tenant.settings.failed"));
    for (const problem of parsed.problems) console.error(`  ${t(`tenant.settings.error.${problem.code}`, problem)}`);
    process.exitCode = 1;
    return;
  }
  await withDatabase(async (ctx) => {
    const tenant = await resolveTenant(ctx, opts.tenant);
    const current = tenant ? await ctx.tenants.settings(tenant.id) : null;
    if (!current) {
      console.error(t("tenant.settings.notFound", { slug: opts.tenant }));
      process.exitCode = 1;
      return;
    }
    if (Object.keys(parsed.patch).length === 0) {
      console.log(describe(t, current));
      return;
    }
    const updated = await ctx.tenants.updateSettings(current.id, parsed.patch);
    console.log(`${t("tenant.settings.updated")}\n${describe(t, updated)}`);
  });
}

function describe(t: Translate, settings: TenantSettings): string {
  const formality = settings.formality === "du" ? t("tenant.settings.formalityDu") : t("tenant.settings.formalitySie");
  return [
    t("tenant.settings.header", { slug: settings.slug, name: settings.name }),
    `  ${t("tenant.settings.locale", { value: settings.defaultLocale })}`,
    `  ${t("tenant.settings.formality", { value: formality })}`,
    `  ${t("tenant.settings.timezone", { value: settings.timezone })}`,
    `  ${t("tenant.settings.holidayState", { value: settings.holidayState ?? t("tenant.settings.noState") })}`,
  ].join("\n");
}
