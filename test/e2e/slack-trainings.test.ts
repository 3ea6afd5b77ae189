import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderBlockKit } from "../../src/chat/slack/render-block-kit.js";
import { trainingsFeature } from "../../src/core/trainings/feature.js";
import { PURPOSES } from "../../src/core/trainings/notices.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { plannedDeliveries } from "../helpers/planned-deliveries.js";
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
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

type Json = Record<string, unknown>;

// Monday 2 November 2026, 10:00 in Berlin.
const clock = new TestClock(new Date("2026-11-02T09:00:00Z"));
let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  app = await startKurs({ clock });
  org = await createTestTenant(app.kurs.db);
  const locales: Record<keyof TestTenant["people"], string> = {
    boss: "de-DE",
    lead: "de-DE",
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
    const messages = app.slack.responses.filter((r) => r.id === responseId).map((r) => r.body);
    if (messages.length > 0) {
      for (const m of messages) assertBlockKitWithinLimits(m, "message");
      return { kind: "messages", messages };
    }
    if (Date.now() > deadline) throw new Error(`nothing came of trigger ${triggerId} / response ${responseId}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function training(person: TestPerson, text: string): Promise<Outcome> {
  const triggerId = newTriggerId();
  const responseId = `training-${randomUUID()}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command: "/training",
    text,
    teamId: org.slackTeamId,
    userId: person.slackUserId,
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  expect(res.status).toBe(200);
  return outcome(triggerId, responseId);
}

async function message(person: TestPerson, text: string): Promise<Json> {
  const result = await training(person, text);
  if (result.kind !== "messages" || !result.messages[0]) throw new Error(`expected a message for /training ${text}`);
  return result.messages[0];
}

async function modal(person: TestPerson, text: string): Promise<Json> {
  const result = await training(person, text);
  if (result.kind !== "modal") throw new Error(`expected a modal for /training ${text}, got ${textOf(result)}`);
  return result.view;
}

async function click(person: TestPerson, button: FoundButton): Promise<Json> {
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
  const result = await outcome(triggerId, responseId);
  if (result.kind !== "messages" || !result.messages[0]) throw new Error("expected a message after the click");
  return result.messages[0];
}

async function submit(person: TestPerson, view: Json, input: ModalInput): Promise<Json | null> {
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    viewSubmissionPayload({ teamId: org.slackTeamId, userId: person.slackUserId }, view, input),
  );
  expect(res.status).toBe(200);
  const raw = await res.text();
  return raw === "" ? null : (JSON.parse(raw) as Json);
}

async function personId(person: TestPerson): Promise<string> {
  const row = await app.kurs.db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: person.email },
  });
  return row.id;
}

describe("/training on Slack", () => {
  it("a member may not open the training form; the refusal names who may", async () => {
    const reply = await message(org.people.anna, "new");
    expect(textOf(reply)).toContain("Birgit Becker");
  });

  it("a managing director creates a training and a session through modals; invalid fields come back inline", async () => {
    const view = await modal(org.people.boss, "new");
    const errors = await submit(org.people.boss, view, { titleDe: "", duration: "0" });
    expect(errors?.response_action).toBe("errors");
    expect(Object.keys(isRecord(errors?.errors) ? errors.errors : {}).sort()).toEqual(["duration", "titleDe"]);
    const saved = await submit(org.people.boss, view, {
      titleDe: "Basistraining Kundenorientierung",
      titleEn: "Customer orientation basics",
      duration: "240",
      mandatory: "",
    });
    expect(saved?.response_action).not.toBe("errors");
    const count = await app.kurs.db.prisma.training.count({ where: { tenantId: org.tenant.id } });
    expect(count).toBe(1);

    const sessionView = await modal(org.people.boss, "schedule Basistraining");
    const bad = await submit(org.people.boss, sessionView, { capacity: "0", date: "2026-10-30", place: "" });
    expect(bad?.response_action).toBe("errors");
    const fields = isRecord(bad?.errors) ? bad.errors : {};
    expect(Object.keys(fields).sort()).toEqual(["capacity", "date", "place"]);
    expect(String(fields.capacity)).toContain("1 bis 500");
    const ok = await submit(org.people.boss, sessionView, {
      capacity: "1",
      date: "2026-11-24",
      time: "09:00",
      place: "Schulungsraum 2",
    });
    expect(ok?.response_action).not.toBe("errors");
    expect(await app.kurs.db.prisma.trainingSession.count({ where: { tenantId: org.tenant.id } })).toBe(1);
  });

  it("one click enrols; a full session offers the waitlist; a cancellation promotes and tells the next person", async () => {
    const annaView = await message(org.people.anna, "sessions Basis");
    expect(textOf(annaView)).toContain("1 von 1 Plätzen frei");
    const enrolled = await click(org.people.anna, findButton(annaView.blocks, "trainings.enrol"));
    expect(textOf(enrolled)).toContain("Sie sind angemeldet");
    expect(enrolled.replace_original).toBe(true);

    const tomView = await message(org.people.tom, "sessions Customer");
    const waitlistButton = findButton(tomView.blocks, "trainings.enrol");
    expect(waitlistButton.text).toBe("Join the waitlist");
    const waiting = await click(org.people.tom, waitlistButton);
    expect(textOf(waiting)).toContain("number 1 on the waitlist");

    const cancelled = await click(org.people.anna, findButton(enrolled.blocks, "trainings.cancel"));
    expect(textOf(cancelled)).toContain("Sie sind abgemeldet");
    const tom = await personId(org.people.tom);
    const status = await app.kurs.db.prisma.trainingEnrolment.findFirstOrThrow({
      where: { tenantId: org.tenant.id, personId: tom },
    });
    expect(status.status).toBe("enrolled");
    const outbox = { rows: await plannedDeliveries(app.kurs.db.prisma, org.tenant.id) };
    expect(outbox.rows.some((r) => r.plan.purpose === PURPOSES.promoted && r.personId === tom)).toBe(true);
    // Tom's own view now shows the seat, in English.
    const mine = await message(org.people.tom, "");
    expect(textOf(mine)).toContain("Enrolled");
    expect(textOf(mine)).toContain("Customer orientation basics");
  });

  it("invites units to the mandatory training through a modal with checkboxes; a past deadline is refused", async () => {
    const view = await modal(org.people.boss, "invite Basistraining");
    const company = await app.kurs.db.prisma.orgUnit.findFirstOrThrow({
      where: { tenantId: org.tenant.id, kind: "company" },
    });
    const past = await submit(org.people.boss, view, { units: company.id, deadline: "2026-10-01" });
    expect(past?.response_action).toBe("errors");
    expect(Object.keys(isRecord(past?.errors) ? past.errors : {})).toEqual(["deadline"]);
    const none = await submit(org.people.boss, view, { units: "", deadline: "2026-11-20" });
    expect(Object.keys(isRecord(none?.errors) ? none.errors : {})).toEqual(["units"]);
    const ok = await submit(org.people.boss, view, { units: company.id, deadline: "2026-11-20" });
    expect(ok?.response_action).not.toBe("errors");
    const outbox = { rows: await plannedDeliveries(app.kurs.db.prisma, org.tenant.id) };
    const invited = new Set(outbox.rows.filter((r) => r.plan.purpose === PURPOSES.invitation).map((r) => r.personId));
    expect(invited.size).toBe(5);
  });

  it("the trainer marks attendance from the list Kurs sends after the session; the question to the participant drops", async () => {
    const tina = await personId(org.people.tina);
    // A session with Tina as trainer, and Anna enrolled in it.
    const view = await modal(org.people.boss, "schedule Basistraining");
    const trainer = (() => {
      const blocks = Array.isArray(view.blocks) ? view.blocks : [];
      const block = blocks.find((b) => isRecord(b) && b.block_id === "trainer");
      return isRecord(block) && isRecord(block.element) && Array.isArray(block.element.options)
        ? block.element.options.some((o) => isRecord(o) && o.value === tina)
        : false;
    })();
    expect(trainer).toBe(true);
    await submit(org.people.boss, view, {
      date: "2026-11-26",
      time: "14:00",
      place: "Raum 3",
      capacity: "10",
      trainer: tina,
    });
    const sessions = await message(org.people.anna, "sessions Basis");
    const enrolButtons = (Array.isArray(sessions.blocks) ? sessions.blocks : []).length;
    expect(enrolButtons).toBeGreaterThan(0);
    const created = await app.kurs.db.prisma.trainingSession.findFirstOrThrow({
      where: { tenantId: org.tenant.id, trainerId: tina },
    });
    await click(org.people.anna, findButton(sessions.blocks, "trainings.enrol", created.id));
    const outbox = { rows: await plannedDeliveries(app.kurs.db.prisma, org.tenant.id) };
    const roster = outbox.rows.find((r) => r.plan.purpose === PURPOSES.roster && r.personId === tina);
    if (!roster) throw new Error("no roster planned");
    clock.set("2026-11-26T17:30:00Z");
    try {
      const render = trainingsFeature.deliveries?.[PURPOSES.roster];
      const rendered = await render?.(app.kurs.services, {
        tenantId: org.tenant.id,
        deliveryId: roster.id,
        purpose: roster.plan.purpose,
        subject: roster.plan.subject,
        personId: tina,
        platform: "slack",
        notBefore: roster.plan.notBefore,
        payload: roster.plan.payload ?? null,
      });
      if (rendered?.kind !== "message") throw new Error("roster not rendered");
      const [list] = renderBlockKit(rendered.card, renderOptionsFor("de"));
      expect(textOf(list)).toContain("Anna Schmidt");
      const marked = await click(org.people.tina, findButton(list?.blocks, "trainings.no-show"));
      expect(textOf(marked)).toContain("nicht erschienen");
      const anna = await personId(org.people.anna);
      const seat = await app.kurs.db.prisma.trainingEnrolment.findFirstOrThrow({
        where: { tenantId: org.tenant.id, personId: anna, status: { not: "cancelled" } },
      });
      expect(seat.status).toBe("no_show");
      // Anna's own "Yes, I attended" does not overturn the trainer's no-show.
      const question = outbox.rows.find(
        (r) => r.plan.purpose === PURPOSES.attendance && r.personId === anna && r.plan.subject.includes(seat.id),
      );
      expect(question).toBeDefined();
      if (!question) throw new Error("no attendance question");
      const asked = await trainingsFeature.deliveries?.[PURPOSES.attendance]?.(app.kurs.services, {
        tenantId: org.tenant.id,
        deliveryId: question.id,
        purpose: question.plan.purpose,
        subject: question.plan.subject,
        personId: anna,
        platform: "slack",
        notBefore: question.plan.notBefore,
        payload: question.plan.payload ?? null,
      });
      // The trainer has marked Anna already, so the question is not sent any more.
      expect(asked?.kind).toBe("cancel");
      expect((await app.kurs.db.prisma.trainingEnrolment.findUniqueOrThrow({ where: { id: seat.id } })).status).toBe(
        "no_show",
      );
    } finally {
      clock.set("2026-11-02T09:00:00Z");
    }
  });

  it("answers garbage and unknown trainings with a hint, in the reader's language", async () => {
    expect(textOf(await message(org.people.tom, "launch rockets"))).toContain("How /training works");
    expect(textOf(await message(org.people.anna, "termine Raumfahrt"))).toContain("Kein Training passt");
    expect(textOf(await message(org.people.anna, "catalog"))).toContain("Trainingskatalog");
  });
});
