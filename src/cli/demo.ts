import { cliLocale } from "../config.js";
import { BUILTIN_CRITERIA } from "../core/feedback/builtin-profile.js";
import { DEFAULT_DURATION_MIN, parseWhen, todayIn } from "../core/feedback/when.js";
import { DEMO_COMPANY, demoFeedback, demoOrganisation, demoOrgCsv, seedDemoTickets } from "../core/org/demo.js";
import { importOrg } from "../core/org/import-org.js";
import type { TenantInfo } from "../core/org/types.js";
import { seedDemoTrainings } from "../core/trainings/demo.js";
import { translator } from "../core/ui/i18n/index.js";
import { PrismaFeedbackRepository } from "../db/feedback-repository.js";
import { PrismaTicketRepository } from "../db/ticket-repository.js";
import { PrismaTrainingRepository } from "../db/training-repository.js";
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
    await seedFeedback(ctx, tenant, opts.me);
    const snapshot = await ctx.org.snapshot(tenant.id);
    const company = (await ctx.org.units(tenant.id)).find((u) => u.parentId === null);
    await seedDemoTrainings(new PrismaTrainingRepository(ctx.db.prisma), {
      tenantId: tenant.id,
      companyUnitId: company?.id ?? null,
      zone: tenant.timezone,
      now: new Date(),
    });
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

/**
 * The published profile, the working group and a few booked talks. Written straight to the
 * repository: the demo people have no chat ids yet, so there is nobody to invite. Running the demo
 * again changes nothing (a published profile stays; booked slots are refused as overlaps).
 */
async function seedFeedback(ctx: Parameters<Parameters<typeof withDatabase>[0]>[0], tenant: TenantInfo, me?: string) {
  const feedback = new PrismaFeedbackRepository(ctx.db.prisma);
  await feedback.seedDraft(tenant.id, BUILTIN_CRITERIA);
  const people = await feedback.people(tenant.id);
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const director = people.find((p) => p.managerId === null);
  if (!director) return;
  const profile =
    (await feedback.latestProfile(tenant.id)) ??
    (await feedback.publish(tenant.id, await feedback.draft(tenant.id), director.id));
  const now = new Date();
  const plan = demoFeedback(demoOrganisation({ me }), todayIn(tenant.timezone, now));
  for (const email of plan.groupEmails) {
    const person = byEmail.get(email);
    if (person) await feedback.setMember(tenant.id, "working_group", person.id, true);
  }
  for (const talk of plan.talks) {
    const leader = byEmail.get(talk.leaderEmail);
    const employee = byEmail.get(talk.employeeEmail);
    const when = parseWhen(talk.date, "10:00", tenant.timezone, now);
    if (!leader || !employee || !when.ok) continue;
    await feedback.createTalk({
      tenantId: tenant.id,
      leaderId: leader.id,
      employeeId: employee.id,
      profileId: profile.id,
      startsAt: when.at,
      durationMin: DEFAULT_DURATION_MIN,
      place: "Raum 1.02",
    });
  }
}
