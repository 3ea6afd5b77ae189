import { cliLocale } from "../config.js";
import { DEMO_COMPANY, demoOrgCsv, seedDemoTickets } from "../core/org/demo.js";
import { importOrg } from "../core/org/import-org.js";
import { translator } from "../core/ui/i18n/index.js";
import { PrismaTicketRepository } from "../db/ticket-repository.js";
import { KursError } from "../errors.js";
import { resolveTenant, withDatabase } from "./context.js";
import { cliText } from "./messages.js";

export async function demoCommand(opts: { tenant: string; me?: string; lang?: "de" | "en" }): Promise<void> {
  const say = cliText(opts.lang ?? cliLocale());
  // Checked before the database is opened: bad input is answered at once.
  if (opts.me !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(opts.me)) {
    throw new KursError("INVALID_EMAIL", say("demo.invalidEmail", { value: opts.me }));
  }
  await withDatabase(async (ctx) => {
    const t = translator(opts.lang ?? ctx.config.defaultLocale);
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) throw new KursError("TENANT_NOT_FOUND", say("tenant.notFound", { slug: opts.tenant }));
    const outcome = await importOrg(ctx.org, tenant.id, demoOrgCsv({ me: opts.me }));
    if (!outcome.ok) {
      // The demo data is ours; a problem here is a bug, not bad input.
      throw new KursError(
        "DEMO_INVALID",
        say("demo.invalidData", { problems: JSON.stringify(outcome.problems.slice(0, 3)) }),
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
    const seeded = await seedDemoTickets(new PrismaTicketRepository(ctx.db.prisma, ctx.db.sql), tenant, new Date());
    console.log(t("kpi.demo.tickets", { count: seeded.count, weeks: seeded.weeks, start: seeded.programmeStart }));
  });
}
