import { randomUUID } from "node:crypto";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PURPOSES } from "../../src/core/feedback/deliveries.js";
import { createServices } from "../../src/db/services.js";
import { createLogger } from "../../src/logger.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { OutboxDriver } from "../helpers/outbox-driver.js";
import {
  blockActionsPayload,
  type FoundButton,
  findButton,
  type ModalInput,
  newTriggerId,
  postCommand,
  postInteraction,
  textOf,
  viewSubmissionPayload,
  waitForCalls,
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

type Json = Record<string, unknown>;

// Monday 2 March 2026, 10:00 in Berlin.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
let outbox: OutboxDriver;
let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  app = await startKurs({ clock });
  outbox = new OutboxDriver(app.kurs.db, services(), app.slack, { clock, log: createLogger("silent") });
  org = await createTestTenant(app.kurs.db);
  const locales: Record<keyof TestTenant["people"], string> = {
    boss: "de-DE",
    lead: "en-US",
    tina: "de-DE",
    anna: "de-DE",
    tom: "en-GB",
  };
  for (const [key, person] of Object.entries(org.people)) {
    app.slack.addUser({
      id: person.slackUserId,
      email: person.email,
      locale: locales[key as keyof TestTenant["people"]],
    });
  }
});

afterAll(async () => {
  await app?.stop();
});

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Outcome = { kind: "modal"; view: Json } | { kind: "messages"; messages: Json[] };

async function outcome(triggerId: string, responseId: string): Promise<Outcome> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const opened = app.slack.callsOf("views.open").find((c) => c.body.trigger_id === triggerId);
    if (opened && isRecord(opened.body.view)) {
      assertBlockKitWithinLimits(opened.body.view, "modal");
      return { kind: "modal", view: opened.body.view };
    }
    const count = app.slack.responses.filter((r) => r.id === responseId).length;
    if (count > 0) {
      // A long card arrives as several messages; wait until no more come.
      let settled = count;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const now = app.slack.responses.filter((r) => r.id === responseId).length;
        if (now === settled) break;
        settled = now;
      }
      const found = app.slack.responses.filter((r) => r.id === responseId).map((r) => r.body);
      for (const m of found) assertBlockKitWithinLimits(m, "message");
      return { kind: "messages", messages: found };
    }
    if (Date.now() > deadline) throw new Error(`nothing came of ${triggerId}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function feedback(person: TestPerson, text = ""): Promise<Outcome> {
  const triggerId = newTriggerId();
  const responseId = `fb-${randomUUID()}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command: "/feedback",
    text,
    teamId: org.slackTeamId,
    userId: person.slackUserId,
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  expect(res.status).toBe(200);
  return outcome(triggerId, responseId);
}

async function messages(person: TestPerson, text = ""): Promise<Json[]> {
  const result = await feedback(person, text);
  if (result.kind !== "messages") throw new Error(`expected messages for /feedback ${text}`);
  return result.messages;
}

async function click(person: TestPerson, button: FoundButton): Promise<Outcome> {
  const triggerId = newTriggerId();
  const responseId = `click-${randomUUID()}`;
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    blockActionsPayload({
      teamId: org.slackTeamId,
      userId: person.slackUserId,
      button,
      triggerId,
      container: { type: "message", responseUrl: app.slack.responseUrl(responseId) },
    }),
  );
  expect(res.status).toBe(200);
  return outcome(triggerId, responseId);
}

async function modalFrom(person: TestPerson, button: FoundButton): Promise<Json> {
  const result = await click(person, button);
  if (result.kind !== "modal") throw new Error(`expected a modal, got ${textOf(result)}`);
  return result.view;
}

async function submit(person: TestPerson, view: Json, input: ModalInput): Promise<Json | null> {
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    viewSubmissionPayload({ teamId: org.slackTeamId, userId: person.slackUserId }, view, input),
  );
  const raw = await res.text();
  return raw === "" ? null : (JSON.parse(raw) as Json);
}

async function dmSince(mark: number, person: TestPerson): Promise<Json> {
  const match = (c: { method: string; body: Json }) =>
    c.method === "chat.postMessage" && c.body.channel === person.slackUserId;
  await waitForCalls(app.slack, "chat.postMessage", () => app.slack.calls.slice(mark).some(match));
  const dm = app.slack.calls.slice(mark).find(match);
  if (!dm) throw new Error("no DM");
  return dm.body;
}

function optionValue(view: Json, blockId: string, label: string): string {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const block = blocks.find((b) => isRecord(b) && b.block_id === blockId);
  const element = isRecord(block) && isRecord(block.element) ? block.element : {};
  const options = Array.isArray(element.options) ? element.options : [];
  const option = options.find((o) => isRecord(o) && isRecord(o.text) && String(o.text.text).includes(label));
  if (!isRecord(option)) throw new Error(`no option "${label}" in ${blockId}`);
  return String(option.value);
}

/** The same services the app runs on, for the outbox to render with (no worker here: the test delivers due rows). */
function services() {
  return createServices(app.kurs.db.prisma, { jobs: app.kurs.producer, clock, defaultLocale: "de" });
}

async function personId(email: string): Promise<string> {
  return (await app.kurs.db.prisma.person.findFirstOrThrow({ where: { tenantId: org.tenant.id, email } })).id;
}

const KEYS = ["customer-empathy", "solution-orientation", "reliability", "communication", "ticket-ownership"];

describe("/feedback on Slack", () => {
  let openButton: FoundButton;

  it("a managing director publishes the built-in profile", async () => {
    const profile = await messages(org.people.boss, "profile");
    expect(textOf(profile)).toContain("Kundenorientierte/r Mitarbeiter/in");
    const published = await click(
      org.people.boss,
      findButton(
        profile.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])),
        "feedback.publish",
      ),
    );
    expect(textOf(published)).toContain("Version 1 ist veröffentlicht");
  });

  it("a team lead schedules with the modal: only her direct reports, bad input inline", async () => {
    const list = await messages(org.people.tina);
    const view = await modalFrom(
      org.people.tina,
      findButton(
        list.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])),
        "feedback.schedule",
      ),
    );
    expect(textOf(view)).toContain("Anna Schmidt");
    expect(textOf(view)).not.toContain("Lars Lehmann");
    const anna = optionValue(view, "person", "Anna");
    const past = await submit(org.people.tina, view, { person: anna, date: "2026-03-01", time: "10:00" });
    expect(past).toEqual({ response_action: "errors", errors: { date: "Dieser Termin liegt in der Vergangenheit." } });
    // A forged option (someone who is not her report) is refused too.
    const forged = await submit(org.people.tina, view, { person: randomUUID(), date: "2026-03-10", time: "10:00" });
    expect(isRecord(forged) && isRecord(forged.errors) && forged.errors.person).toBeTruthy();
    const mark = app.slack.calls.length;
    const ack = await submit(org.people.tina, view, {
      person: anna,
      date: "2026-03-10",
      time: "10:00",
      place: "Raum 2",
    });
    expect(ack).toBeNull();
    expect(textOf(await dmSince(mark, org.people.tina))).toContain("Das Feedbackgespräch mit Anna Schmidt ist geplant");
    const sent = await outbox.deliverDue(org.tenant.id);
    const invitation = sent.find((m) => m.row.purpose === PURPOSES.invitation && m.row.platform === "slack");
    expect(invitation?.row.personId).toBe(await personId(org.people.anna.email));
    expect(invitation?.text).toContain("Di 10.03.2026, 10:00 MEZ");
    // The .ics went to Anna's DM through files.uploadV2 and reads as 10:00 Berlin time (09:00 UTC).
    const uploaded = app.slack.files().filter((f) => f.channel === org.people.anna.slackUserId);
    expect(uploaded.map((f) => f.filename)).toEqual(["feedback.ics"]);
    const ics = uploaded[0]?.bytes.toString("utf8") ?? "";
    expect(invitation?.files[0]?.content).toBe(ics);
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20260310T100000");
    const event = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === "VEVENT");
    if (event?.type !== "VEVENT") throw new Error("no VEVENT in the uploaded file");
    expect(new Date(event.start).toISOString()).toBe("2026-03-10T09:00:00.000Z");
    expect(event.location).toBe("Raum 2");
  });

  it("the employee assesses herself, the leader records, the employee confirms; both see the outcome", async () => {
    const annaList = await messages(org.people.anna);
    openButton = findButton(
      annaList.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])),
      "feedback.open",
    );
    const talk = await click(org.people.anna, openButton);
    const selfView = await modalFrom(
      org.people.anna,
      findButton(
        talk.kind === "messages" ? talk.messages.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])) : [],
        "feedback.self",
      ),
    );
    const self: Record<string, string> = { note: "Beschwerden fallen mir schwer." };
    for (const key of KEYS) self[`level_${key}`] = "2";
    expect(await submit(org.people.anna, selfView, self)).toBeNull();

    const tinaList = await messages(org.people.tina);
    const tinaTalk = await click(
      org.people.tina,
      findButton(
        tinaList.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])),
        "feedback.open",
      ),
    );
    const recordView = await modalFrom(
      org.people.tina,
      findButton(
        tinaTalk.kind === "messages" ? tinaTalk.messages.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])) : [],
        "feedback.record",
      ),
    );
    expect(textOf(recordView)).toContain("Beschwerden fallen mir schwer.");
    const record: Record<string, string> = {
      need1: optionValue(recordView, "need1", "Kommunikation"),
      priority1: "high",
      agreements: "Training Beschwerdemanagement bis Juni.",
      followUp: "2026-06-15",
    };
    for (const key of KEYS) record[`level_${key}`] = "3";
    record.level_communication = "2";
    const invalid = await submit(org.people.tina, recordView, { ...record, priority1: null });
    expect(invalid).toEqual({ response_action: "errors", errors: { priority1: expect.stringContaining("Priorität") } });
    expect(await submit(org.people.tina, recordView, record)).toBeNull();

    const again = await click(org.people.anna, openButton);
    expect(textOf(again)).toContain("Training Beschwerdemanagement bis Juni.");
    const confirmed = await click(
      org.people.anna,
      findButton(
        again.kind === "messages" ? again.messages.flatMap((m) => (Array.isArray(m.blocks) ? m.blocks : [])) : [],
        "feedback.confirm",
      ),
    );
    expect(textOf(confirmed)).toContain("bestätigt");
    const sent = await outbox.deliverDue(org.tenant.id);
    const outcomes = sent.filter((m) => m.row.purpose === PURPOSES.outcome && m.row.platform === "slack");
    expect(outcomes).toHaveLength(2);
    const needs = await services().feedback.openNeeds(org.tenant.id);
    expect(needs).toMatchObject([{ criterionKey: "communication", priority: "high", levelGap: 1 }]);
  });

  it("the area head sees coverage and no content; a forged button shows nothing", async () => {
    const status = await messages(org.people.lead, "status");
    expect(textOf(status)).toContain("Talks done per unit");
    expect(textOf(status)).toMatch(/Desk: .*33 %/);
    expect(textOf(status)).not.toContain("Anna");
    const forged = await click(org.people.lead, openButton);
    expect(textOf(forged)).toContain("not part of it");
    expect(textOf(forged)).not.toContain("Training Beschwerdemanagement");
    const tom = await click(org.people.tom, openButton);
    expect(textOf(tom)).not.toContain("Training Beschwerdemanagement");
  });

  it("answers garbage in the user's language", async () => {
    expect(textOf(await messages(org.people.tom, "schedule Anna 2026-03-20 10:00"))).toContain(
      "does not report to you",
    );
    expect(textOf(await messages(org.people.tina, "schedule anna morgen um zehn"))).toContain("So planen Sie");
    expect(textOf(await messages(org.people.lead, "xyz"))).toContain("does not know “xyz”");
  });
});
