import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Requester } from "../../src/core/org/identify.js";
import { importOrg } from "../../src/core/org/import-org.js";
import type { Locale, TenantInfo } from "../../src/core/org/types.js";
import type { DeliveryRequest, RenderedDelivery } from "../../src/core/ports.js";
import type { Services } from "../../src/core/services.js";
import { trainingCoverage } from "../../src/core/trainings/coverage.js";
import { trainingsFeature } from "../../src/core/trainings/feature.js";
import { PURPOSES } from "../../src/core/trainings/notices.js";
import {
  cancelEnrolment,
  confirmAttendance,
  enrol,
  markAttendance,
  nominateAction,
  recommend,
  submitInvitation,
  submitNomination,
  submitSession,
  submitTraining,
  trainingCommand,
} from "../../src/core/trainings/service.js";
import type { SessionView, TrainingView } from "../../src/core/trainings/types.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaQualificationNeeds } from "../../src/db/qualification-need-repository.js";
import { createServices } from "../../src/db/services.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { PrismaTrainingRepository } from "../../src/db/training-repository.js";
import { type PlannedRow, plannedDeliveries } from "../helpers/planned-deliveries.js";
import { TestClock } from "../helpers/test-clock.js";

// Friday 20 March 2026, 10:00 in Berlin: the EU switches to summer time on Sunday 29 March.
const clock = new TestClock(new Date("2026-03-20T09:00:00Z"));
let db: Database;
let second: Database;
let services: Services;

/** A company with `size` members in two teams, a lead per team, a director; one member lives in New York. */
interface Org {
  readonly tenant: TenantInfo;
  readonly emails: { readonly boss: string; readonly leads: readonly string[]; readonly members: readonly string[] };
}

async function createOrg(size: number): Promise<Org> {
  const suffix = randomUUID().slice(0, 8);
  const up = suffix.toUpperCase();
  const tenant = await new PrismaTenantRepository(db.prisma).ensure({
    slug: `train-${suffix}`,
    name: `Schulungsfirma ${suffix}`,
    slackTeamId: `T${suffix.toUpperCase()}`,
    teamsTenantId: randomUUID(),
  });
  const company = `Firma${suffix}`;
  const boss = `boss.${suffix}@example.com`;
  const leads = [`lead1.${suffix}@example.com`, `lead2.${suffix}@example.com`];
  const members = Array.from({ length: size }, (_, i) => `m${i}.${suffix}@example.com`);
  const rows = [
    "email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone",
    `${boss},Birgit Boss,managing_director,${company},,UB${up},,de,Europe/Berlin`,
    `${leads[0]},Lea Eins,team_lead,${company}/Service/Desk,${boss},UL1${up},,de,Europe/Berlin`,
    `${leads[1]},Leo Zwei,team_lead,${company}/Service/Field,${boss},UL2${up},${randomUUID()},en,Europe/Berlin`,
    ...members.map((email, i) => {
      const team = i % 2 === 0 ? "Desk" : "Field";
      const lead = i % 2 === 0 ? leads[0] : leads[1];
      const zone = i === 1 ? "America/New_York" : "Europe/Berlin";
      const locale = i % 3 === 1 ? "en" : "de";
      const teams = i % 4 === 3 ? randomUUID() : "";
      return `${email},Person ${String(i).padStart(2, "0")},member,${company}/Service/${team},${lead},U${i}X${up},${teams},${locale},${zone}`;
    }),
  ];
  const outcome = await importOrg(new PrismaOrgRepository(db.prisma), tenant.id, rows.join("\n"));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
  return { tenant, emails: { boss, leads, members } };
}

async function requester(org: Org, email: string, locale: Locale = "de"): Promise<Requester> {
  const person = await services.org.findPersonByEmail(org.tenant.id, email);
  return { tenant: org.tenant, person, locale, t: translator(locale, org.tenant.formality) };
}

async function idOf(org: Org, email: string): Promise<string> {
  const p = await services.org.findPersonByEmail(org.tenant.id, email);
  if (!p) throw new Error(`no ${email}`);
  return p.id;
}

async function training(org: Org, values: Record<string, string | string[]>): Promise<TrainingView> {
  const r = await requester(org, org.emails.boss);
  const outcome = await submitTraining(services, r, { kind: "basic", duration: "240", ...values });
  if (outcome.kind !== "saved") throw new Error(`training not saved: ${JSON.stringify(outcome)}`);
  const all = await services.trainings.trainings(org.tenant.id);
  const found = all.find((x) => x.titleDe === values.titleDe);
  if (!found) throw new Error("training missing");
  return found;
}

async function session(org: Org, t: TrainingView, values: Record<string, string>): Promise<SessionView> {
  const r = await requester(org, org.emails.boss);
  const before = new Set((await services.trainings.sessions(org.tenant.id, t.id)).map((s) => s.id));
  const outcome = await submitSession(services, r, t.id, {
    date: "2026-03-31",
    time: "09:00",
    timezone: "Europe/Berlin",
    place: "Raum 1",
    capacity: "15",
    ...values,
  });
  if (outcome.kind !== "saved") throw new Error(`session not saved: ${JSON.stringify(outcome)}`);
  const created = (await services.trainings.sessions(org.tenant.id, t.id)).find((s) => !before.has(s.id));
  if (!created) throw new Error("session missing");
  return created;
}

function render(
  purpose: string,
  request: Omit<DeliveryRequest, "purpose" | "deliveryId" | "platform">,
): Promise<RenderedDelivery> {
  const renderer = trainingsFeature.deliveries?.[purpose];
  if (!renderer) throw new Error(`no renderer for ${purpose}`);
  return renderer(services, { ...request, purpose, deliveryId: randomUUID(), platform: "slack" });
}

/** The planned rows of one purpose for one person, as the outbox holds them. */
function planned(org: Org, purpose: string, personId: string): Promise<PlannedRow[]> {
  return plannedDeliveries(db.prisma, org.tenant.id, { purpose, personId });
}

async function renderRow(org: Org, row: PlannedRow): Promise<RenderedDelivery> {
  return render(row.plan.purpose, {
    tenantId: org.tenant.id,
    subject: row.plan.subject,
    personId: row.personId,
    notBefore: row.plan.notBefore,
    payload: row.plan.payload ?? null,
  });
}

/** RFC 5545 folds lines at 75 octets; unfolded, a property is one line again. */
function unfold(ics: string): string {
  return ics.replace(/\r\n[ \t]/g, "");
}

function cardText(rendered: RenderedDelivery): string {
  if (rendered.kind !== "message") return `cancelled: ${rendered.reason}`;
  return JSON.stringify(rendered.card);
}

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  second = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  services = createServices(db.prisma, {
    // Redis is the network edge here: "delayed" is what the real queue answers without it, and the
    // rows then wait in the outbox, which is what these tests read.
    jobs: { add: async () => undefined, dispatchDeliveries: async () => "delayed" as const },
    clock,
    defaultLocale: "de",
  });
});

afterAll(async () => {
  await db?.close();
  await second?.close();
});

describe("enrolment races against PostgreSQL", () => {
  it("two people taking the last seat at the same moment: exactly one gets it, the other is waitlisted", async () => {
    const org = await createOrg(4);
    const t = await training(org, { titleDe: "Basis Rennen" });
    // Two web replicas: two Prisma clients with their own connection pools.
    const repos = [new PrismaTrainingRepository(db.prisma), new PrismaTrainingRepository(second.prisma)];
    for (let round = 0; round < 5; round++) {
      const s = await session(org, t, { capacity: "2", date: `2026-04-0${round + 1}` });
      const [a, b, c] = await Promise.all(org.emails.members.slice(0, 3).map((e) => idOf(org, e)));
      if (!a || !b || !c) throw new Error("people");
      const first = await repos[0]?.enrol(org.tenant.id, s.id, a);
      expect(first?.kind).toBe("enrolled");
      // Fresh sessions each round: a person may hold one seat per training, so cancel the last round's.
      const outcomes = await Promise.all([
        repos[0]?.enrol(org.tenant.id, s.id, b),
        repos[1]?.enrol(org.tenant.id, s.id, c),
      ]);
      const kinds = outcomes.map((o) => o?.kind).sort();
      expect(kinds).toEqual(["enrolled", "waitlisted"]);
      const waitlisted = outcomes.find((o) => o?.kind === "waitlisted");
      expect(waitlisted && "enrolment" in waitlisted ? waitlisted.enrolment.waitlistPosition : null).toBe(1);
      const after = await services.trainings.session(org.tenant.id, s.id);
      expect(after?.taken).toBe(2);
      expect(after?.waitlisted).toBe(1);
      for (const e of await services.trainings.enrolments(org.tenant.id, { sessionId: s.id })) {
        await services.trainings.cancel(org.tenant.id, e.id);
      }
    }
  });

  it("a burst of 20 on 15 seats: 15 enrolled, 5 waitlisted at positions 1 to 5", async () => {
    const org = await createOrg(20);
    const t = await training(org, { titleDe: "Basis Ansturm" });
    const s = await session(org, t, {});
    const ids = await Promise.all(org.emails.members.map((e) => idOf(org, e)));
    const repos = [new PrismaTrainingRepository(db.prisma), new PrismaTrainingRepository(second.prisma)];
    const outcomes = await Promise.all(ids.map((id, i) => repos[i % 2]?.enrol(org.tenant.id, s.id, id)));
    expect(outcomes.filter((o) => o?.kind === "enrolled")).toHaveLength(15);
    const positions = outcomes
      .flatMap((o) => (o?.kind === "waitlisted" ? [o.enrolment.waitlistPosition] : []))
      .sort((x, y) => (x ?? 0) - (y ?? 0));
    expect(positions).toEqual([1, 2, 3, 4, 5]);
    // A double click changes nothing.
    const again = await repos[0]?.enrol(org.tenant.id, s.id, ids[0] ?? "");
    expect(again?.kind).toBe("already");
  });
});

describe("waitlist, reminders and attendance", () => {
  it("a cancellation promotes the first of the waitlist and tells them; positions close up", async () => {
    const org = await createOrg(6);
    const t = await training(org, { titleDe: "Basis Warteliste" });
    const s = await session(org, t, { capacity: "2" });
    const [p0, p1, p2, p3] = org.emails.members;
    for (const email of [p0, p1, p2, p3]) {
      const reply = await enrol(services, await requester(org, email ?? ""), s.id);
      expect(reply.kind).toBe("update");
    }
    const mine = await services.trainings.enrolments(org.tenant.id, { sessionId: s.id });
    const byPerson = new Map(mine.map((e) => [e.personId, e]));
    const id2 = await idOf(org, p2 ?? "");
    const id3 = await idOf(org, p3 ?? "");
    expect(byPerson.get(id2)?.waitlistPosition).toBe(1);
    expect(byPerson.get(id3)?.waitlistPosition).toBe(2);

    const first = byPerson.get(await idOf(org, p0 ?? ""));
    const reply = await cancelEnrolment(services, await requester(org, p0 ?? ""), first?.id ?? "");
    expect(JSON.stringify(reply)).toContain("abgemeldet");
    const after = new Map(
      (await services.trainings.enrolments(org.tenant.id, { sessionId: s.id })).map((e) => [e.personId, e]),
    );
    expect(after.get(id2)?.status).toBe("enrolled");
    expect(after.get(id3)?.waitlistPosition).toBe(1);

    const [promotedRow] = await planned(org, PURPOSES.promoted, id2);
    expect(promotedRow).toBeDefined();
    if (!promotedRow) return;
    const promoted = await renderRow(org, promotedRow);
    expect(cardText(promoted)).toContain("Ein Platz ist frei geworden");
    expect(promoted.kind === "message" ? promoted.files?.[0]?.content : "").toContain("METHOD:REQUEST");

    // Someone else cannot cancel p1's seat.
    const p1Enrolment = after.get(await idOf(org, p1 ?? ""));
    const refused = await cancelEnrolment(services, await requester(org, p3 ?? ""), p1Enrolment?.id ?? "");
    expect(JSON.stringify(refused)).toContain("gehört nicht Ihnen");
    expect((await services.trainings.enrolment(org.tenant.id, p1Enrolment?.id ?? ""))?.status).toBe("enrolled");
  });

  it("reminders a week and a day before, on each person's wall clock across the DST change, in their language", async () => {
    const org = await createOrg(3);
    const t = await training(org, { titleDe: "Basis Zeitzonen", titleEn: "Basics across zones" });
    // Tuesday 31 March 2026, 09:00 in Berlin (summer time since Sunday); planned on 20 March (winter time).
    const s = await session(org, t, {});
    expect(s.startsAt.toISOString()).toBe("2026-03-31T07:00:00.000Z");
    const berlin = org.emails.members[0] ?? "";
    const newYork = org.emails.members[1] ?? "";
    await enrol(services, await requester(org, berlin), s.id);
    await enrol(services, await requester(org, newYork, "en"), s.id);
    const idB = await idOf(org, berlin);
    const idN = await idOf(org, newYork);
    const week = async (id: string) =>
      (await planned(org, PURPOSES.reminder, id)).find((r) => r.plan.subject.endsWith(":week"));
    const day = async (id: string) =>
      (await planned(org, PURPOSES.reminder, id)).find((r) => r.plan.subject.endsWith(":day"));
    // Berlin: 24 March 09:00 CET is 08:00 UTC, an hour later in UTC than the event itself.
    expect((await week(idB))?.plan.notBefore.toISOString()).toBe("2026-03-24T08:00:00.000Z");
    expect((await day(idB))?.plan.notBefore.toISOString()).toBe("2026-03-30T07:00:00.000Z");
    // New York was on summer time all along: 03:00 EDT both times.
    expect((await week(idN))?.plan.notBefore.toISOString()).toBe("2026-03-24T07:00:00.000Z");
    const rowB = await week(idB);
    const rowN = await week(idN);
    if (!rowB || !rowN) throw new Error("no reminders");
    const textB = cardText(await renderRow(org, rowB));
    const textN = cardText(await renderRow(org, rowN));
    expect(textB).toContain("In einer Woche");
    expect(textB).toContain("31.03.2026, 09:00 Uhr");
    expect(textN).toContain("In one week");
    expect(textN).toContain("Basics across zones");
    expect(textN).toContain("31 Mar 2026, 03:00");
    // Idempotent: planning the same seat again writes nothing new.
    const before = (await plannedDeliveries(db.prisma, org.tenant.id)).length;
    const enrolment = (await services.trainings.enrolments(org.tenant.id, { personId: idB }))[0];
    await enrol(services, await requester(org, berlin), s.id);
    expect((await plannedDeliveries(db.prisma, org.tenant.id)).length).toBe(before);
    // After a cancel the reminder cancels itself, and the calendar cancel removes the event.
    await cancelEnrolment(services, await requester(org, berlin), enrolment?.id ?? "");
    expect((await renderRow(org, rowB)).kind).toBe("cancel");
    const [cancelRow] = await planned(org, PURPOSES.cancelled, idB);
    if (!cancelRow) throw new Error("no cancel");
    const cancelled = await renderRow(org, cancelRow);
    const ics = cancelled.kind === "message" ? unfold(cancelled.files?.[0]?.content ?? "") : "";
    expect(ics).toContain("METHOD:CANCEL");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain(`UID:training-${s.id}-${idB}@kurs.invalid`);
    // Enrolling again: same UID, a higher SEQUENCE, new reminders under the new sequence.
    await enrol(services, await requester(org, berlin), s.id);
    const [again] = (await planned(org, PURPOSES.enrolled, idB)).slice(-1);
    if (!again) throw new Error("no confirmation");
    const renewed = await renderRow(org, again);
    const renewedIcs = renewed.kind === "message" ? unfold(renewed.files?.[0]?.content ?? "") : "";
    expect(renewedIcs).toContain(`UID:training-${s.id}-${idB}@kurs.invalid`);
    expect(renewedIcs).toContain("SEQUENCE:2");
    expect(renewedIcs).toContain("METHOD:REQUEST");
  });

  it("after the session: the participant confirms, the trainer marks attended and no-show", async () => {
    const org = await createOrg(4);
    const t = await training(org, { titleDe: "Basis Anwesenheit" });
    const trainerId = await idOf(org, org.emails.leads[1] ?? "");
    const s = await session(org, t, { trainer: trainerId });
    const [a, b, c] = org.emails.members;
    await enrol(services, await requester(org, a ?? ""), s.id);
    await enrol(services, await requester(org, b ?? ""), s.id);
    await enrol(services, await requester(org, c ?? ""), s.id);
    const [roster] = await planned(org, PURPOSES.roster, trainerId);
    if (!roster) throw new Error("no roster");
    expect(roster.plan.notBefore.toISOString()).toBe("2026-03-31T11:00:00.000Z");
    clock.set("2026-03-31T11:05:00Z");
    try {
      const rendered = await renderRow(org, roster);
      expect(cardText(rendered)).toContain("Person 00");
      // Leo reads English (org chart), so his list is in English.
      expect(cardText(rendered)).toContain("Attendance list");
      const enrolments = await services.trainings.enrolments(org.tenant.id, { sessionId: s.id });
      const idA = await idOf(org, a ?? "");
      const ea = enrolments.find((e) => e.personId === idA);
      const eb = enrolments.find((e) => e.personId !== idA);
      // Someone else is not the trainer.
      const refused = await markAttendance(services, await requester(org, b ?? ""), ea?.id ?? "", "attended");
      expect(JSON.stringify(refused)).toContain("Trainer");
      await markAttendance(services, await requester(org, org.emails.leads[1] ?? "", "en"), ea?.id ?? "", "attended");
      await markAttendance(services, await requester(org, org.emails.leads[1] ?? "", "en"), eb?.id ?? "", "no_show");
      expect((await services.trainings.enrolment(org.tenant.id, ea?.id ?? ""))?.status).toBe("attended");
      expect((await services.trainings.enrolment(org.tenant.id, eb?.id ?? ""))?.status).toBe("no_show");
      // The attendance question is moot once the trainer has marked.
      const [question] = await planned(org, PURPOSES.attendance, idA);
      if (!question) throw new Error("no attendance question");
      expect((await renderRow(org, question)).kind).toBe("cancel");
      // C confirms herself from the attendance question (nobody marked her yet); someone else's button is refused.
      const idC = await idOf(org, c ?? "");
      const ec = (await services.trainings.enrolments(org.tenant.id, { personId: idC }))[0];
      const [askC] = await planned(org, PURPOSES.attendance, idC);
      if (!askC) throw new Error("no attendance question for C");
      expect(cardText(await renderRow(org, askC))).toContain("trainings.confirm");
      expect(JSON.stringify(await confirmAttendance(services, await requester(org, b ?? ""), ec?.id ?? ""))).toContain(
        "gehört nicht Ihnen",
      );
      const thanks = await confirmAttendance(services, await requester(org, c ?? ""), ec?.id ?? "");
      expect(JSON.stringify(thanks)).toContain("Teilnahme an");
      expect((await services.trainings.enrolment(org.tenant.id, ec?.id ?? ""))?.status).toBe("attended");
      const coverage = await trainingCoverage(services, org.tenant.id);
      const company = coverage.rows[0];
      expect(company?.basicCompleted).toBe(2);
      expect(company?.noShows).toBe(1);
      expect(company?.people).toBe(7);
      expect(company?.basicPercent).toBe(29);
    } finally {
      clock.set("2026-03-20T09:00:00Z");
    }
  });
});

describe("mandatory basic training", () => {
  it("three sessions of 15 seats reach everyone; a reminder after the deadline, and the leader's list", async () => {
    const org = await createOrg(40);
    const t = await training(org, { titleDe: "Basistraining Kundenorientierung" });
    for (const date of ["2026-04-14", "2026-04-21", "2026-04-28"]) await session(org, t, { date });
    const boss = await requester(org, org.emails.boss);
    const units = await services.org.units(org.tenant.id);
    const company = units.find((u) => u.parentId === null);
    // Bad input: no units, a past deadline.
    const bad = await submitInvitation(services, boss, t.id, { units: [], deadline: "2026-03-01" });
    expect(bad.kind).toBe("invalid");
    expect(bad.kind === "invalid" ? Object.keys(bad.errors).sort() : []).toEqual(["deadline", "units"]);
    const outcome = await submitInvitation(services, boss, t.id, {
      units: [company?.id ?? ""],
      deadline: "2026-04-07",
    });
    expect(outcome.kind).toBe("saved");
    const people = await services.trainings.participants(org.tenant.id);
    expect(people).toHaveLength(43);
    for (const p of people) expect((await planned(org, PURPOSES.invitation, p.id)).length).toBeGreaterThan(0);
    // The invitation offers the three sessions as one-click buttons.
    const annaId = await idOf(org, org.emails.members[0] ?? "");
    const [invitation] = await planned(org, PURPOSES.invitation, annaId);
    if (!invitation) throw new Error("no invitation");
    const rendered = await renderRow(org, invitation);
    expect(cardText(rendered).match(/trainings\.enrol/g)).toHaveLength(3);
    // 38 of the 40 members enrol (45 seats); two do not.
    const sessions = await services.trainings.sessions(org.tenant.id, t.id);
    for (const [i, email] of org.emails.members.slice(0, 38).entries()) {
      const s = sessions[i % 3];
      await enrol(services, await requester(org, email), s?.id ?? "");
    }
    // The enrolled person's invitation is moot now; the missing get a deadline reminder.
    expect((await renderRow(org, invitation)).kind).toBe("cancel");
    const missing = await idOf(org, org.emails.members[38] ?? "");
    const [deadline] = await planned(org, PURPOSES.deadline, missing);
    expect(deadline?.plan.notBefore.toISOString()).toBe("2026-04-08T07:00:00.000Z");
    if (!deadline) throw new Error("no deadline reminder");
    expect(cardText(await renderRow(org, deadline))).toContain("noch keinen Termin");
    // Member 38 is in Desk (Lea), 39 in Field (Leo, English).
    const leo = await idOf(org, org.emails.leads[1] ?? "");
    const [list] = await planned(org, PURPOSES.leaderList, leo);
    if (!list) throw new Error("no leader list");
    const listText = cardText(await renderRow(org, list));
    expect(listText).toContain("Person 39");
    expect(listText).not.toContain("Person 38");
    expect(listText).toContain("have not picked a session");
    // /training status: enrolled, not yet completed.
    const status = await trainingCommand(services, boss, "status");
    expect(JSON.stringify(status)).toContain("Trainingsstand");
    const coverage = await trainingCoverage(services, org.tenant.id);
    expect(coverage.rows.map((r) => r.unitName)).toContain("Service");
    expect(coverage.rows[0]?.basicEnrolled).toBe(38);
  });
});

describe("recommendations from qualification needs", () => {
  it("a need produces a suggestion to the person and their leader; one click enrols and marks the need addressed", async () => {
    const org = await createOrg(2);
    const needs = new PrismaQualificationNeeds(db.prisma);
    const anna = await idOf(org, org.emails.members[0] ?? "");
    const need = await needs.record(org.tenant.id, { personId: anna, criterionKey: "zuhoeren", priority: "high" });
    const t = await training(org, {
      titleDe: "Aktiv zuhören",
      kind: "advanced",
      criteria: "zuhoeren, fragen",
    });
    // The session's save runs the recommendation at once.
    const s = await session(org, t, { date: "2026-05-05", capacity: "8" });
    const [suggestion] = await planned(org, PURPOSES.recommendation, anna);
    const lea = await idOf(org, org.emails.leads[0] ?? "");
    const [leaderSuggestion] = await planned(org, PURPOSES.recommendationLeader, lea);
    if (!suggestion || !leaderSuggestion) throw new Error("no suggestions");
    expect(cardText(await renderRow(org, suggestion))).toContain(`"need":"${need.id}"`);
    expect(cardText(await renderRow(org, leaderSuggestion))).toContain("trainings.nominate");
    // Running again plans nothing twice.
    expect(await recommend(services, org.tenant.id)).toBe(0);
    // /training shows it under "recommended".
    const mine = await trainingCommand(services, await requester(org, org.emails.members[0] ?? ""), "");
    expect(JSON.stringify(mine)).toContain("Qualifizierungsbedarf");
    // One click on the suggestion's button.
    await enrol(services, await requester(org, org.emails.members[0] ?? ""), s.id, need.id);
    expect(await needs.openNeeds(org.tenant.id, anna)).toEqual([]);
    expect((await renderRow(org, suggestion)).kind).toBe("cancel");
    const coverage = await trainingCoverage(services, org.tenant.id);
    expect(coverage.rows[0]?.needsAddressed).toBe(1);
    expect(coverage.rows[0]?.needs).toBe(1);
  });
});

describe("needs agreed in feedback talks", () => {
  it("recommends only once the employee has confirmed the talk's record, and never after a need is closed", async () => {
    const org = await createOrg(1);
    const needs = new PrismaQualificationNeeds(db.prisma);
    const anna = await idOf(org, org.emails.members[0] ?? "");
    // A need as a feedback talk writes it: agreed, but the record is not confirmed yet (openedAt empty).
    const agreed = await db.prisma.qualificationNeed.create({
      data: { tenantId: org.tenant.id, personId: anna, criterionKey: "zuhoeren", priority: "medium", levelGap: 1 },
    });
    expect(await needs.openNeeds(org.tenant.id, anna)).toEqual([]);
    // The employee confirms: the talk opens its needs, and trainings see them.
    await db.prisma.qualificationNeed.update({ where: { id: agreed.id }, data: { openedAt: clock.now() } });
    expect(await needs.openNeeds(org.tenant.id, anna)).toEqual([
      { id: agreed.id, personId: anna, criterionKey: "zuhoeren", priority: "medium" },
    ]);
    // A need the talk closed again (e.g. a later talk) is no longer recommended.
    await db.prisma.qualificationNeed.update({ where: { id: agreed.id }, data: { closedAt: clock.now() } });
    expect(await needs.openNeeds(org.tenant.id, anna)).toEqual([]);
  });
});

describe("bad input", () => {
  it("refuses capacity 0, past dates, no place, bad links and unknown trainers, field by field", async () => {
    const org = await createOrg(1);
    const t = await training(org, { titleDe: "Basis Eingaben" });
    const boss = await requester(org, org.emails.boss);
    const outcome = await submitSession(services, boss, t.id, {
      date: "2026-03-01",
      time: "25:00",
      timezone: "Mars/Olympus",
      place: "",
      onlineUrl: "javascript:alert(1)",
      trainer: randomUUID(),
      capacity: "0",
    });
    expect(outcome.kind).toBe("invalid");
    const errors = outcome.kind === "invalid" ? outcome.errors : {};
    expect(Object.keys(errors).sort()).toEqual(["capacity", "onlineUrl", "time", "timezone", "trainer"]);
    const past = await submitSession(services, boss, t.id, {
      date: "2026-03-19",
      time: "09:00",
      timezone: "Europe/Berlin",
      place: "A",
      capacity: "10",
    });
    expect(past.kind === "invalid" ? past.errors.date : "").toContain("Vergangenheit");
    const forged = await submitSession(services, boss, "not-a-uuid", {});
    expect(forged.kind).toBe("refused");
    const trainingErrors = await submitTraining(services, boss, {
      titleDe: "",
      kind: "expert",
      duration: "0",
      criteria: "Zuhören!",
    });
    expect(trainingErrors.kind === "invalid" ? Object.keys(trainingErrors.errors).sort() : []).toEqual([
      "criteria",
      "duration",
      "kind",
      "titleDe",
    ]);
    // A member may not create trainings; the refusal names who may.
    const member = await requester(org, org.emails.members[0] ?? "");
    const refused = await submitTraining(services, member, { titleDe: "X", kind: "basic", duration: "60" });
    expect(refused.kind === "refused" ? JSON.stringify(refused.card) : "").toContain("Birgit Boss");
    // Garbage arguments and unknown trainings.
    expect(JSON.stringify(await trainingCommand(services, member, "frobnicate ;DROP"))).toContain(
      "So funktioniert /training",
    );
    expect(JSON.stringify(await trainingCommand(services, member, "sessions Quantenphysik"))).toContain(
      "Kein Training passt",
    );
    expect(JSON.stringify(await trainingCommand(services, member, "schedule Basis"))).toContain(
      "Trainingsverantwortlichen",
    );
    // A training admin appointed by the director may then create trainings.
    const leadEmail = org.emails.leads[0] ?? "";
    expect(JSON.stringify(await trainingCommand(services, member, `admin add ${leadEmail}`))).toContain(
      "Geschäftsführung",
    );
    expect(JSON.stringify(await trainingCommand(services, boss, `admin add ${leadEmail}`))).toContain(
      "trainingsverantwortlich",
    );
    const lead = await requester(org, leadEmail);
    expect((await trainingCommand(services, lead, "new")).kind).toBe("form");
  });
});

describe("nominations and tenant isolation", () => {
  it("a leader suggests a training to someone in their team, who is told; others are refused", async () => {
    const org = await createOrg(4);
    const t = await training(org, { titleDe: "Vertiefung Beschwerden", kind: "in_depth" });
    const lea = await requester(org, org.emails.leads[0] ?? "");
    const member0 = await idOf(org, org.emails.members[0] ?? "");
    const member1 = await idOf(org, org.emails.members[1] ?? "");
    // The form refuses someone outside Lea's team (member 1 is in Field) and an unknown training.
    const bad = await submitNomination(services, lea, { person: member1, training: randomUUID() });
    expect(bad.kind === "invalid" ? Object.keys(bad.errors).sort() : []).toEqual(["person", "training"]);
    const saved = await submitNomination(services, lea, { person: member0, training: t.id });
    expect(saved.kind).toBe("saved");
    const [notice] = await planned(org, PURPOSES.nominated, member0);
    if (!notice) throw new Error("no nomination notice");
    expect(cardText(await renderRow(org, notice))).toContain("Lea Eins schlägt Ihnen");
    const mine = await trainingCommand(services, await requester(org, org.emails.members[0] ?? ""), "");
    expect(JSON.stringify(mine)).toContain("vorgeschlagen von Lea Eins");
    // A member cannot nominate anyone.
    const member = await requester(org, org.emails.members[2] ?? "");
    expect(JSON.stringify(await nominateAction(services, member, t.id, member0))).toContain("Person aus Ihrem Team");
    expect(JSON.stringify(await trainingCommand(services, member, "nominate"))).toContain("Führungskräfte");
  });

  it("buttons carrying another tenant's ids find nothing and change nothing", async () => {
    const mine = await createOrg(1);
    const theirs = await createOrg(1);
    const t = await training(theirs, { titleDe: "Basis Fremd" });
    const s = await session(theirs, t, { capacity: "5" });
    const stranger = await requester(mine, mine.emails.members[0] ?? "");
    expect(JSON.stringify(await enrol(services, stranger, s.id))).toContain("abgesagt oder vorbei");
    expect(await services.trainings.enrolments(theirs.tenant.id, { sessionId: s.id })).toEqual([]);
    const victim = await requester(theirs, theirs.emails.members[0] ?? "");
    await enrol(services, victim, s.id);
    const [seat] = await services.trainings.enrolments(theirs.tenant.id, { sessionId: s.id });
    expect(JSON.stringify(await cancelEnrolment(services, stranger, seat?.id ?? ""))).toContain("gehört nicht Ihnen");
    expect((await services.trainings.enrolment(theirs.tenant.id, seat?.id ?? ""))?.status).toBe("enrolled");
    // The database itself refuses an enrolment row linking one tenant's person to another's session.
    const strangerId = await idOf(mine, mine.emails.members[0] ?? "");
    await expect(
      db.prisma.trainingEnrolment.create({
        data: {
          tenantId: theirs.tenant.id,
          trainingId: t.id,
          sessionId: s.id,
          personId: strangerId,
          status: "enrolled",
        },
      }),
    ).rejects.toThrow();
  });
});
