import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { renderText } from "../../src/chat/console/render-text.js";
import { dispatchAction, dispatchCommand, dispatchForm } from "../../src/core/dispatch.js";
import type { HandlerContext } from "../../src/core/feature.js";
import { registry } from "../../src/core/features.js";
import { feedbackActions } from "../../src/core/feedback/actions.js";
import { PURPOSES, planNudges } from "../../src/core/feedback/deliveries.js";
import { NUDGE_JOB } from "../../src/core/feedback/feature.js";
import { identify } from "../../src/core/org/identify.js";
import type { Platform } from "../../src/core/org/types.js";
import type { Services } from "../../src/core/services.js";
import type { Card, Form, FormValues } from "../../src/core/ui/card.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { createServices } from "../../src/db/services.js";
import { createLogger } from "../../src/logger.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { type Delivered, OutboxDriver } from "../helpers/outbox-driver.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

// Friday 20 March 2026, 10:00 in Berlin (CET). Clocks go forward on Sunday 29 March.
const clock = new TestClock(new Date("2026-03-20T09:00:00Z"));
let db: Database;
let org: TestTenant;
let services: Services;
let outbox: OutboxDriver;
let slack: FakeSlack;
const ids: Record<string, string> = {};
/** A second team: Theo leads Service/Hotline, Hanna reports to him; Hilde is HR. */
const extra = {
  theo: { email: "", name: "Theo Zweitleiter", slackUserId: "", aadObjectId: "" },
  hanna: { email: "", name: "Hanna Hotline", slackUserId: "", aadObjectId: "" },
  hilde: { email: "", name: "Hilde Personal", slackUserId: "", aadObjectId: "" },
} satisfies Record<string, TestPerson>;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  org = await createTestTenant(db);
  slack = await new FakeSlack().start();
  // No queue here: every row waits in the Delivery table ("delayed") until the test delivers it as the sweep would.
  services = createServices(db.prisma, {
    jobs: { add: async () => {}, dispatchDeliveries: async () => "delayed" },
    clock,
    defaultLocale: "de",
  });
  outbox = new OutboxDriver(db, services, slack, { clock, log: createLogger("silent") });
  const tenantId = org.tenant.id;
  for (const [key, p] of Object.entries(org.people)) {
    ids[key] = (await db.prisma.person.findFirstOrThrow({ where: { tenantId, email: p.email } })).id;
  }
  // Tom works from New York (already on summer time when Berlin changes).
  await db.prisma.person.update({ where: { id: ids.tom }, data: { timezone: "America/New_York" } });
  const service = await db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId, path: { endsWith: "/Service" } } });
  const hotline = await db.prisma.orgUnit.create({
    data: { tenantId, parentId: service.id, name: "Hotline", path: `${service.path}/Hotline`, kind: "team" },
  });
  for (const [key, p] of Object.entries(extra)) {
    const suffix = org.tenant.slug.slice(5);
    p.email = `${key}.${suffix}@example.com`;
    p.slackUserId = `U${key.toUpperCase()}${suffix.toUpperCase()}`;
    const row = await db.prisma.person.create({
      data: {
        tenantId,
        email: p.email,
        name: p.name,
        locale: "de",
        timezone: "Europe/Berlin",
        slackUserId: p.slackUserId,
        managerId: key === "hanna" ? null : ids.lead,
      },
    });
    ids[key] = row.id;
    await db.prisma.roleAssignment.create({
      data: { tenantId, personId: row.id, unitId: hotline.id, role: key === "theo" ? "team_lead" : "member" },
    });
  }
  await db.prisma.person.update({ where: { id: ids.hanna }, data: { managerId: ids.theo } });
});

afterAll(async () => {
  await db?.close();
  await slack?.stop();
});

type Who = keyof TestTenant["people"] | keyof typeof extra;

function personOf(who: Who): TestPerson {
  return who in extra ? extra[who as keyof typeof extra] : org.people[who as keyof TestTenant["people"]];
}

async function as(who: Who, platformLocale = "de-DE", platform: Platform = "slack"): Promise<HandlerContext> {
  const p = personOf(who);
  const requester = await identify(
    services,
    { kind: "slug", slug: org.tenant.slug },
    {
      platform,
      userId: platform === "slack" ? p.slackUserId : p.aadObjectId,
      platformLocale,
    },
  );
  return { services, requester, platform };
}

function textOfCard(card: Card): string {
  return renderText(card, { more: (n) => `… ${n}` });
}

async function command(who: Who, text: string, locale = "de-DE"): Promise<string> {
  const reply = await dispatchCommand(await as(who, locale), { command: "feedback", text });
  if (reply.kind !== "card") throw new Error(`expected a card for /feedback ${text}`);
  return textOfCard(reply.card);
}

async function commandReply(who: Who, text: string, locale = "de-DE") {
  return dispatchCommand(await as(who, locale), { command: "feedback", text });
}

async function press(who: Who, id: string, payload: Record<string, string>, locale = "de-DE") {
  return (await dispatchAction(await as(who, locale), id, payload)).reply;
}

async function submit(who: Who, form: Form, values: FormValues, locale = "de-DE") {
  return (
    await dispatchForm(await as(who, locale), {
      id: form.id,
      submissionKey: undefined,
      metadata: form.metadata ?? "",
      values,
    })
  ).reply;
}

function pressedText(reply: Awaited<ReturnType<typeof press>>): string {
  if (reply.kind === "form") throw new Error("expected a card");
  return textOfCard(reply.card);
}

/** What one person got on Slack (people linked to Teams too get the same once more there). */
function sentTo(messages: readonly Delivered[], who: Who, purpose: string): Delivered[] {
  return messages.filter((m) => m.row.personId === ids[who] && m.row.purpose === purpose && m.row.platform === "slack");
}

function talkIdIn(card: Card): string {
  for (const block of card.blocks) {
    if (block.type !== "actions") continue;
    for (const a of block.actions) if (a.payload?.talk) return a.payload.talk;
  }
  throw new Error("no talk button on the card");
}

describe("competency profile", () => {
  it("seeds the built-in draft on first use, in both languages", async () => {
    const de = await command("tina", "profile");
    expect(de).toContain("Kundenorientierte/r Mitarbeiter/in");
    expect(de).toContain("Kundenempathie");
    expect(de).toContain("Verantwortung für das Ticket bis zum Ende");
    const en = await command("tom", "profile", "en-GB");
    expect(en).toContain("Customer-oriented employee");
    expect(en).toContain("Ownership of the ticket to the end");
    const rows = await db.prisma.competencyCriterion.findMany({ where: { tenantId: org.tenant.id } });
    expect(rows.map((r) => r.key).sort()).toEqual(
      ["communication", "customer-empathy", "reliability", "solution-orientation", "ticket-ownership"].sort(),
    );
  });

  it("refuses scheduling before a version is published", async () => {
    const text = await command("tina", `schedule ${org.people.anna.email} 2026-03-31 10:00`);
    expect(text).toContain("noch kein veröffentlichtes Kompetenzprofil");
  });

  it("lets a managing director name the working group, who comment, edit and approve from chat", async () => {
    expect(await command("tina", `group add ${org.people.lead.email}`)).toContain("benennt die Geschäftsführung");
    expect(await command("boss", `group add ${org.people.lead.email}`)).toContain("gehört jetzt zu");
    expect(await command("boss", `group add ${org.people.tina.email}`)).toContain("gehört jetzt zu");
    expect(await command("boss", "group add niemand@example.com")).toContain("nicht bekannt");
    // Not in the group: no comment form.
    expect(
      pressedText(await press("anna", feedbackActions.criterionComment.id, { criterion: "communication" })),
    ).toContain("nur die Arbeitsgruppe");
    const form = await press("lead", feedbackActions.criterionComment.id, { criterion: "communication" }, "en-US");
    if (form.kind !== "form") throw new Error("expected the comment form");
    const empty = await submit("lead", form.form, { text: "  " }, "en-US");
    expect(empty.kind).toBe("invalid");
    const saved = await submit("lead", form.form, { text: "Add an example for chat support." }, "en-US");
    expect(saved.kind).toBe("saved");
    const approved = await press("tina", feedbackActions.criterionApprove.id, { criterion: "communication" });
    expect(pressedText(approved)).toContain("Zugestimmt: Tina Teamleiterin");
    expect(pressedText(approved)).toContain("Add an example for chat support.");
    // A forged criterion key is refused by the schema.
    const forged = await dispatchAction(await as("tina"), feedbackActions.criterionApprove.id, {
      criterion: "'; drop",
    });
    expect(forged.problem).toBe("bad-payload");
    // Editing: a fourth level is optional, the target must be one of the levels; approvals reset.
    const edit = await press("tina", feedbackActions.criterionEdit.id, { criterion: "reliability" });
    if (edit.kind !== "form") throw new Error("expected the edit form");
    const values: Record<string, string> = {};
    for (const input of edit.form.inputs)
      if ("initial" in input && typeof input.initial === "string") values[input.id] = input.initial;
    const bad = await submit("tina", edit.form, { ...values, nameDe: "", targetLevel: "4" });
    expect(bad.kind).toBe("invalid");
    expect(Object.keys(bad.kind === "invalid" ? bad.errors : {}).sort()).toEqual(["nameDe", "targetLevel"]);
    const good = await submit("tina", edit.form, { ...values, nameDe: "Zuverlässigkeit" });
    expect(good.kind).toBe("saved");
  });

  it("publishes immutable versions; only a managing director may", async () => {
    expect(pressedText(await press("tina", feedbackActions.publish.id, {}))).toContain("nur die Geschäftsführung");
    const v1 = pressedText(await press("boss", feedbackActions.publish.id, {}));
    expect(v1).toContain("Version 1");
    expect(v1).toContain("Zuverlässigkeit");
    const first = await services.feedback.latestProfile(org.tenant.id);
    // Later edits of the draft never touch version 1.
    const edit = await press("tina", feedbackActions.criterionEdit.id, { criterion: "reliability" });
    if (edit.kind !== "form") throw new Error("expected the edit form");
    const values: Record<string, string> = {};
    for (const input of edit.form.inputs)
      if ("initial" in input && typeof input.initial === "string") values[input.id] = input.initial;
    await submit("tina", edit.form, { ...values, nameDe: "Verbindlichkeit" });
    const again = first ? await services.feedback.profile(org.tenant.id, first.id) : null;
    expect(again?.criteria.find((c) => c.key === "reliability")?.name.de).toBe("Zuverlässigkeit");
    expect(again?.version).toBe(1);
  });
});

describe("scheduling, invitations and reminders", () => {
  let annaTalk = "";

  it("refuses bad input clearly", async () => {
    const form = await commandReply("tina", "schedule");
    expect(form.kind === "form" && form.form.inputs.find((i) => i.id === "person")).toMatchObject({
      kind: "select",
      options: [expect.objectContaining({ label: "Anna Schmidt" }), expect.objectContaining({ label: "Tom O'Brien" })],
    });
    expect(await command("tina", "schedule anna")).toContain("So planen Sie ein Gespräch");
    expect(await command("tina", `schedule ${org.people.anna.email} 31.02.2026 10:00`)).toContain("Bitte ein Datum");
    expect(await command("tina", `schedule ${org.people.anna.email} 2026-03-31 25:00`)).toContain("Uhrzeit wie 10:00");
    expect(await command("tina", `schedule ${org.people.anna.email} 2026-03-19 10:00`)).toContain("Vergangenheit");
    // 02:30 on 29 March does not exist in Berlin.
    expect(await command("tina", `schedule ${org.people.anna.email} 2026-03-29 02:30`)).toContain("Zeitumstellung");
    expect(await command("tina", `schedule ${extra.hanna.email} 2026-03-31 10:00`)).toContain(
      "berichtet nicht direkt an Sie",
    );
    expect(await command("tina", "schedule Gibtsnicht 2026-03-31 10:00")).toContain("nicht bekannt");
    expect(await command("tom", `schedule ${org.people.anna.email} 2026-03-31 10:00`, "en-GB")).toContain(
      "does not report to you directly",
    );
    expect(await command("tina", "frobnicate")).toContain("„frobnicate“ kennt /feedback nicht");
    expect(await outbox.rows(org.tenant.id)).toHaveLength(0);
  });

  it("schedules by Slack mention across the DST change; the invitation's .ics keeps 10:00 Berlin time", async () => {
    const reply = await commandReply(
      "tina",
      `schedule <@${org.people.anna.slackUserId}|anna> 31.03.2026 10:00 Raum 2.14`,
    );
    if (reply.kind !== "card") throw new Error("expected a card");
    expect(textOfCard(reply.card)).toContain("ist geplant");
    annaTalk = talkIdIn(reply.card);
    const talk = await services.feedback.talk(org.tenant.id, annaTalk);
    // 10:00 CEST (after the change) is 08:00 UTC, although it was 10:00 CET = 09:00 UTC when scheduled.
    expect(talk?.startsAt.toISOString()).toBe("2026-03-31T08:00:00.000Z");
    const sent = await outbox.deliverDue(org.tenant.id);
    const invitation = sentTo(sent, "anna", PURPOSES.invitation);
    expect(invitation).toHaveLength(1);
    expect(sentTo(sent, "tina", PURPOSES.invitation)).toHaveLength(0);
    const message = invitation[0];
    if (!message) throw new Error("no invitation");
    expect(message.text).toContain("Di 31.03.2026, 10:00 MESZ");
    const ics = message.files[0]?.content ?? "";
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20260331T100000");
    expect(ics).toContain(`UID:feedback-talk-${annaTalk}@kurs`);
    expect(ics).toContain("METHOD:REQUEST");
    const parsed = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === "VEVENT");
    if (parsed?.type !== "VEVENT") throw new Error("no VEVENT");
    expect(new Date(parsed.start).toISOString()).toBe("2026-03-31T08:00:00.000Z");
    expect(parsed.location).toBe("Raum 2.14");
  });

  it("invites an English employee in New York in English at his local time", async () => {
    const reply = await commandReply(
      "tina",
      `schedule ${org.people.tom.email} 2026-03-30 15:00 https://meet.example.com/x`,
    );
    if (reply.kind !== "card") throw new Error("expected a card");
    const sent = await outbox.deliverDue(org.tenant.id);
    const invitation = sentTo(sent, "tom", PURPOSES.invitation)[0];
    if (!invitation) throw new Error("no invitation");
    expect(invitation.text).toContain("invites you to a feedback talk");
    expect(invitation.text).toContain("Mon 2026-03-30, 09:00 GMT-4");
    const ics = invitation.files[0]?.content ?? "";
    expect(ics).toContain("DTSTART;TZID=America/New_York:20260330T090000");
    const parsed = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === "VEVENT");
    if (parsed?.type !== "VEVENT") throw new Error("no VEVENT");
    expect(new Date(parsed.start).toISOString()).toBe("2026-03-30T13:00:00.000Z");
  });

  it("refuses overlapping talks for either person", async () => {
    // Tina has Anna at 10:00–11:00 on 31 March; 10:30 overlaps for the leader.
    const text = await command("tina", `schedule ${org.people.tom.email} 2026-03-31 10:30`);
    expect(text).toContain("überschneidet sich");
    expect(text).toContain("Ihnen");
    // 11:00 starts when Anna's talk ends: no overlap.
    expect(await command("tina", `schedule Tom 2026-03-31 11:00`)).toContain("ist geplant");
  });

  it("sends reminders a day and an hour before and the self-assessment prompt three days before", async () => {
    clock.set("2026-03-28T08:00:00Z"); // three days before Anna's talk (08:00Z on the 31st)
    const self = sentTo(await outbox.deliverDue(org.tenant.id), "anna", PURPOSES.selfPrompt);
    expect(self).toHaveLength(1);
    expect(self[0]?.text ?? "").toContain("Bitte schätzen Sie sich vorher kurz selbst ein");
    clock.set("2026-03-30T08:00:00Z");
    const day = await outbox.deliverDue(org.tenant.id);
    expect(sentTo(day, "anna", PURPOSES.reminder)).toHaveLength(1);
    expect(sentTo(day, "tina", PURPOSES.reminder).length).toBeGreaterThanOrEqual(1);
    // Sending again sends nothing twice.
    expect(await outbox.deliverDue(org.tenant.id)).toHaveLength(0);
  });

  it("the employee fills in the self-assessment; bad levels are refused inline", async () => {
    const opened = await press("anna", feedbackActions.selfAssess.id, { talk: annaTalk });
    if (opened.kind !== "form") throw new Error("expected the self-assessment form");
    expect(opened.form.inputs.filter((i) => i.id.startsWith("level_"))).toHaveLength(5);
    const bad = await submit("anna", opened.form, { "level_customer-empathy": "9" });
    expect(bad.kind).toBe("invalid");
    const values: Record<string, string> = { note: "Ich möchte an Beschwerden wachsen." };
    for (const key of ["customer-empathy", "solution-orientation", "reliability", "communication", "ticket-ownership"])
      values[`level_${key}`] = "2";
    expect((await submit("anna", opened.form, values)).kind).toBe("saved");
    // Tina cannot fill in Anna's self-assessment.
    expect(pressedText(await press("tina", feedbackActions.selfAssess.id, { talk: annaTalk }))).toContain(
      "nicht daran beteiligt",
    );
  });

  it("rescheduling moves the reminders; the old ones render to cancel", async () => {
    const opened = await press("tina", feedbackActions.reschedule.id, { talk: annaTalk });
    if (opened.kind !== "form") throw new Error("expected the reschedule form");
    expect(opened.form.inputs.map((i) => i.id)).toEqual(["date", "time", "place"]);
    const past = await submit("tina", opened.form, { date: "2026-03-01", time: "10:00" });
    expect(past.kind).toBe("invalid");
    const moved = await submit("tina", opened.form, { date: "2026-04-02", time: "14:00", place: "Raum 3" });
    expect(moved.kind).toBe("saved");
    const talk = await services.feedback.talk(org.tenant.id, annaTalk);
    expect(talk?.sequence).toBe(1);
    const sent = await outbox.deliverDue(org.tenant.id);
    const notices = sent.filter((m) => m.row.purpose === PURPOSES.moved);
    expect(new Set(notices.map((m) => m.row.personId))).toEqual(new Set([ids.anna, ids.tina]));
    const annaNotice = notices.find((m) => m.row.personId === ids.anna);
    const ics = annaNotice?.files[0]?.content ?? "";
    expect(ics).toContain(`UID:feedback-talk-${annaTalk}@kurs`);
    expect(ics).toContain("SEQUENCE:1");
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20260402T140000");
    // The old hour reminder (07:00Z on the 31st) is due now but moot.
    clock.set("2026-03-31T07:30:00Z");
    const later = await outbox.deliverDue(org.tenant.id);
    expect(sentTo(later, "anna", PURPOSES.reminder)).toHaveLength(0);
    const old = await outbox.rows(org.tenant.id, { subject: `talk:${annaTalk}:s0:hour` });
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((r) => r.state === "cancelled")).toBe(true);
    const fresh = await outbox.rows(org.tenant.id, { subject: `talk:${annaTalk}:s1:hour` });
    expect(fresh.map((r) => r.notBefore.toISOString())).toContain("2026-04-02T11:00:00.000Z");
  });

  it("refuses a booking when the employee is busy, naming only them", async () => {
    // Tina leads Anna's talk on 2 April 14:00–15:00; Lars wants to talk to Tina at 14:30.
    const text = await command("lead", `schedule ${org.people.tina.email} 2026-04-02 14:30`, "en-US");
    expect(text).toContain("overlaps another feedback talk of Tina Teamleiterin");
    expect(text).not.toContain("Anna");
  });

  it("cancelling notifies both with a METHOD:CANCEL .ics and removes the reminders", async () => {
    const reply = await commandReply("tina", `schedule Tom 2026-04-10 09:00`);
    if (reply.kind !== "card") throw new Error("expected a card");
    const tomTalk = talkIdIn(reply.card);
    // Only the leader may cancel.
    expect(pressedText(await press("tom", feedbackActions.cancel.id, { talk: tomTalk }, "en-GB"))).toContain(
      "not part of it",
    );
    const cancelled = await press("tina", feedbackActions.cancel.id, { talk: tomTalk });
    expect(pressedText(cancelled)).toContain("abgesagt");
    clock.set("2026-04-10T06:30:00Z");
    const sent = await outbox.deliverDue(org.tenant.id);
    const notice = sentTo(sent, "tom", PURPOSES.cancelled)[0];
    expect(notice?.files[0]?.content).toContain("METHOD:CANCEL");
    expect(notice?.files[0]?.content).toContain("STATUS:CANCELLED");
    expect(sentTo(sent, "tina", PURPOSES.cancelled)).toHaveLength(1);
    expect(sent.filter((m) => m.row.subject.startsWith(`talk:${tomTalk}:s0`))).toHaveLength(0);
  });
});

describe("recording, confirming and confidentiality", () => {
  let talkId = "";

  beforeAll(async () => {
    const talks = await services.feedback.talksOf(org.tenant.id, ids.anna ?? "");
    talkId = talks.find((t) => t.state === "scheduled")?.id ?? "";
  });

  it("the leader records the talk; the employee confirms; both see the agreed outcome", async () => {
    const opened = await press("tina", feedbackActions.record.id, { talk: talkId });
    if (opened.kind !== "form") throw new Error("expected the record form");
    const intro = textOfCard({ summary: "", blocks: opened.form.intro ?? [] });
    expect(intro).toContain("Selbst: Kundenempathie");
    expect(intro).toContain("Ich möchte an Beschwerden wachsen.");
    const values: Record<string, string> = {
      need1: "communication",
      priority1: "high",
      need2: "communication",
      priority2: "low",
      agreements: "Hospitation bei der Beschwerde-Hotline.",
      followUp: "2026-06-30",
    };
    for (const key of ["customer-empathy", "solution-orientation", "reliability", "ticket-ownership"])
      values[`level_${key}`] = "3";
    const bad = await submit("tina", opened.form, { ...values, priority3: "urgent", need3: "communication" });
    expect(bad.kind).toBe("invalid");
    expect(Object.keys(bad.kind === "invalid" ? bad.errors : {}).sort()).toEqual([
      "level_communication",
      "need2",
      "priority3",
    ]);
    const saved = await submit("tina", opened.form, { ...values, level_communication: "1", need2: "", priority2: "" });
    expect(saved.kind).toBe("saved");
    // Not final yet: no open needs for trainings.
    expect(await services.feedback.openNeeds(org.tenant.id, ids.anna)).toEqual([]);
    clock.set("2026-04-10T08:00:00Z");
    const sent = await outbox.deliverDue(org.tenant.id);
    const toConfirm = sentTo(sent, "anna", PURPOSES.recorded)[0];
    if (!toConfirm) throw new Error("no record to confirm");
    expect(toConfirm.text).toContain("Hospitation bei der Beschwerde-Hotline.");
    const confirmed = await press("anna", feedbackActions.confirm.id, { talk: talkId });
    expect(pressedText(confirmed)).toContain("bestätigt");
    const outcome = await outbox.deliverDue(org.tenant.id);
    for (const who of ["anna", "tina"] as const) {
      expect(sentTo(outcome, who, PURPOSES.outcome)[0]?.text ?? "").toContain(
        "Kommunikation (Priorität hoch, 2 Stufe(n) unter dem Ziel)",
      );
    }
    const needs = await services.feedback.openNeeds(org.tenant.id, ids.anna);
    expect(needs).toEqual([
      expect.objectContaining({
        personId: ids.anna,
        criterionKey: "communication",
        levelGap: 2,
        priority: "high",
        talkId,
      }),
    ]);
    expect(needs[0]?.criterionName.en).toBe("Communication");
    // Final: no second confirmation, no new record.
    expect(pressedText(await press("anna", feedbackActions.confirm.id, { talk: talkId }))).toContain("wartet nichts");
    expect(pressedText(await press("tina", feedbackActions.record.id, { talk: talkId }))).toContain("abgeschlossen");
  });

  it("nobody else reads the talk: another leader, the area head, a managing director, forged ids", async () => {
    for (const who of ["theo", "lead", "boss", "tom", "hilde"] as const) {
      const text = pressedText(await press(who, feedbackActions.open.id, { talk: talkId }));
      expect(text, who).toContain("nicht daran beteiligt");
      expect(text, who).not.toContain("Hospitation");
      for (const ref of [
        feedbackActions.record,
        feedbackActions.confirm,
        feedbackActions.selfAssess,
        feedbackActions.reschedule,
      ]) {
        const reply = await press(who, ref.id, { talk: talkId });
        const shown = reply.kind === "form" ? JSON.stringify(reply.form) : textOfCard(reply.card);
        expect(shown, `${who} ${ref.id}`).not.toContain("Hospitation");
        expect(reply.kind, `${who} ${ref.id}`).not.toBe("form");
      }
      for (const text of ["", "status", "profile"]) {
        expect(await command(who, text), `${who} /feedback ${text}`).not.toContain("Hospitation");
      }
    }
    // A form submitted with another talk's id in its metadata.
    const theoForm: Form = { id: "feedback.record-form", title: "", submitLabel: "", metadata: talkId, inputs: [] };
    expect((await submit("theo", theoForm, {})).kind).toBe("refused");
    const commentForm: Form = { id: "feedback.comment-form", title: "", submitLabel: "", metadata: talkId, inputs: [] };
    expect((await submit("tom", commentForm, { text: "hijack" })).kind).toBe("refused");
    // Garbage ids never reach the database.
    expect((await dispatchAction(await as("theo"), feedbackActions.open.id, { talk: "1 OR 1=1" })).problem).toBe(
      "bad-payload",
    );
    const garbage: Form = { ...theoForm, metadata: "not-a-uuid" };
    expect((await submit("theo", garbage, {})).kind).toBe("refused");
  });

  it("HR sees content only where the tenant setting allows it", async () => {
    await command("boss", `hr add ${extra.hilde.email}`);
    expect(await command("hilde", "hr")).toContain("HR sieht keine Gesprächsinhalte");
    expect(pressedText(await press("hilde", feedbackActions.open.id, { talk: talkId }))).toContain(
      "nicht daran beteiligt",
    );
    await db.prisma.tenant.update({ where: { id: org.tenant.id }, data: { feedbackHrAccess: true } });
    try {
      expect(pressedText(await press("hilde", feedbackActions.open.id, { talk: talkId }))).toContain("Hospitation");
      // The setting is for HR members only: the area head still sees nothing.
      expect(pressedText(await press("lead", feedbackActions.open.id, { talk: talkId }))).not.toContain("Hospitation");
    } finally {
      await db.prisma.tenant.update({ where: { id: org.tenant.id }, data: { feedbackHrAccess: false } });
    }
  });

  it("the employee may comment instead of confirming; the leader hears of it", async () => {
    const reply = await commandReply("theo", `schedule ${extra.hanna.email} 2026-04-20 10:00`);
    if (reply.kind !== "card") throw new Error("expected a card");
    const id = talkIdIn(reply.card);
    const opened = await press("theo", feedbackActions.record.id, { talk: id });
    if (opened.kind !== "form") throw new Error("expected the record form");
    const values: Record<string, string> = {};
    for (const key of ["customer-empathy", "solution-orientation", "reliability", "communication", "ticket-ownership"])
      values[`level_${key}`] = "3";
    expect((await submit("theo", opened.form, values)).kind).toBe("saved");
    const form = await press("hanna", feedbackActions.comment.id, { talk: id });
    if (form.kind !== "form") throw new Error("expected the comment form");
    expect((await submit("hanna", form.form, { text: "" })).kind).toBe("invalid");
    expect((await submit("hanna", form.form, { text: "Bitte die Schulung ergänzen." })).kind).toBe("saved");
    const sent = await outbox.deliverDue(org.tenant.id);
    const notice = sentTo(sent, "theo", PURPOSES.comment)[0];
    expect(notice?.text ?? "").toContain("Bitte die Schulung ergänzen.");
    expect((await services.feedback.talk(org.tenant.id, id))?.state).toBe("recorded");
  });
});

describe("coverage and nudges", () => {
  it("a leader sees their reports by status; area heads and directors see percentages only", async () => {
    const tina = await command("tina", "status");
    expect(tina).toContain("Abgeschlossen (1)");
    expect(tina).toContain("Anna Schmidt");
    const lead = await command("lead", "status", "en-US");
    expect(lead).toContain("Talks done per unit");
    // Desk: Tina, Anna and Tom have a leader to talk to; Anna's talk is done.
    expect(lead).toMatch(/Desk: .* 33 %/);
    expect(lead).toMatch(/Hotline: .* 0 %/);
    for (const text of [lead, await command("boss", "status")]) {
      expect(text).not.toContain("Anna Schmidt");
      expect(text).not.toContain("Tom O'Brien");
      expect(text).not.toContain("Hospitation");
      expect(text).not.toContain("Kommunikation");
    }
  });

  it("a campaign nudges leaders with missing talks once a week until its end", async () => {
    expect(await command("tina", "campaign 2026-05-31")).toContain("nur die Geschäftsführung");
    expect(await command("boss", "campaign gestern")).toContain("Enddatum angeben");
    expect(await command("boss", "campaign 2026-01-01")).toContain("Vergangenheit");
    expect(await command("boss", "campaign 2026-04-30")).toContain("30.04.2026");
    clock.set("2026-04-13T07:00:00Z"); // Monday, 09:00 Berlin
    const job = registry.job(NUDGE_JOB);
    if (!job) throw new Error("no nudge job");
    await job.run(services, { tenantId: org.tenant.id });
    await job.run(services, { tenantId: org.tenant.id });
    const nudges = await outbox.rows(org.tenant.id, { purpose: PURPOSES.nudge });
    // The round started on 10 April: Anna's talk of 2 April belongs to the last round, so Tina is nudged;
    // Theo is not (Hanna's talk is scheduled); Lars and Birgit have reports without talks.
    expect(new Set(nudges.map((r) => r.personId))).toEqual(new Set([ids.tina, ids.lead, ids.boss]));
    // Twice run, one row per leader and platform.
    expect(nudges).toHaveLength(6);
    const sent = await outbox.deliverDue(org.tenant.id);
    expect(sentTo(sent, "lead", PURPOSES.nudge)[0]?.text ?? "").toContain("Tina Teamleiterin");
    clock.set("2026-05-04T07:00:00Z"); // after the campaign
    expect(await planNudges(services, org.tenant)).toBe(0);
  });
});
