import { DEMO_COMPANY, demoOrgCsv } from "../core/org/demo.js";
import { importOrg } from "../core/org/import-org.js";
import { translator } from "../core/ui/i18n/index.js";
import { KursError } from "../errors.js";
import { resolveTenant, withDatabase } from "./context.js";

export async function demoCommand(opts: { tenant: string; me?: string; lang?: "de" | "en" }): Promise<void> {
  if (opts.me !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.me)) {
    throw new KursError("INVALID_EMAIL", `--me needs an e-mail address, got "${opts.me}"`);
  }
  await withDatabase(async (ctx) => {
    const t = translator(opts.lang ?? ctx.config.defaultLocale);
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) throw new KursError("TENANT_NOT_FOUND", `no tenant with slug "${opts.tenant}"`);
    const outcome = await importOrg(ctx.org, tenant.id, demoOrgCsv({ me: opts.me }));
    if (!outcome.ok) {
      // The demo data is ours; a problem here is a bug, not bad input.
      throw new KursError(
        "DEMO_INVALID",
        `demo data failed validation: ${JSON.stringify(outcome.problems.slice(0, 3))}`,
      );
    }
    const snapshot = await ctx.org.snapshot(tenant.id);
    console.log(
      t("demo.done", {
        company: DEMO_COMPANY,
        tenant: tenant.name,
        people: t("demo.people", { count: outcome.people }),
        units: t("demo.units", { count: snapshot.units.length }),
      }),
    );
  });
}
