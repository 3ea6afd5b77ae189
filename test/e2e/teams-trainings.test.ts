import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderAdaptiveCard } from "../../src/chat/teams/render-adaptive-card.js";
import { trainingsFeature } from "../../src/core/trainings/feature.js";
import { PURPOSES } from "../../src/core/trainings/notices.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import { plannedDeliveries } from "../helpers/planned-deliveries.js";
import {
  type ExecuteAction,
  executeActions,
  fieldErrors,
  invokeActivity,
  postInvoke,
  submitData,
} from "../helpers/teams-invoke.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
type Json = Record<string, unknown>;

let app: RunningKurs;
let org: TestTenant;
const connector = new FakeTeamsConnector();
// Monday 2 November 2026, 10:00 in Berlin.
const clock = new TestClock(new Date("2026-11-02T09:00:00Z"));

beforeAll(async () => {
  await connector.start();
  app = await startKurs({ clock });
  org = await createTestTenant(app.kurs.db);
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

function asJson(value: unknown): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Json;
}

async function say(person: TestPerson, text: string, locale: string) {
  const activity = messageActivity({
    text,
    serviceUrl: connector.url,
    tenantId: org.teamsTenantId,
    aadObjectId: person.aadObjectId,
    locale,
  });
  const before = connector.sent.length;
  const res = await postActivity(app.url, activity);
  expect(res.status).toBeLessThan(300);
  const [reply] = connector.sent.slice(before);
  if (!reply) throw new Error("no reply");
  const attachments = reply.activity.attachments as { contentType: string; content: unknown }[];
  expect(attachments[0]?.contentType).toBe(ADAPTIVE);
  const card = asJson(attachments[0]?.content);
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card) };
}

async function press(person: TestPerson, action: Pick<ExecuteAction, "verb" | "data">, locale: string) {
  const { status, body } = await postInvoke(
    app.url,
    invokeActivity({
      verb: action.verb,
      data: action.data,
      serviceUrl: connector.url,
      tenantId: org.teamsTenantId,
      aadObjectId: person.aadObjectId,
      locale,
    }),
  );
  expect(status).toBe(200);
  const card = asJson(body.value);
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card) };
}

function button(card: Json, verb: string, nth = 0): ExecuteAction {
  const found = executeActions(card).filter((a) => a.verb === verb)[nth];
  if (!found) throw new Error(`no ${verb} button in ${JSON.stringify(card).slice(0, 400)}`);
  return found;
}

async function personId(person: TestPerson): Promise<string> {
  const row = await app.kurs.db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: person.email },
  });
  return row.id;
}

async function outbox() {
  return { rows: await plannedDeliveries(app.kurs.db.prisma, org.tenant.id) };
}

describe("/training on Teams", () => {
  it("an admin creates a training and a session through forms, with field errors for bad input (German)", async () => {
    const form = await say(org.people.boss, "schulung neu", "de-DE");
    expect(form.text).toContain("Neues Training");
    const bad = await press(
      org.people.boss,
      {
        verb: "trainings.save-training",
        data: submitData(form.card, "trainings.save-training", { titleDe: "", duration: "5", criteria: "Zuhören!" }),
      },
      "de-DE",
    );
    const errors = fieldErrors(bad.card);
    expect(Object.keys(errors).sort()).toEqual(["criteria", "duration", "titleDe"]);
    const saved = await press(
      org.people.boss,
      {
        verb: "trainings.save-training",
        data: submitData(bad.card, "trainings.save-training", {
          titleDe: "Basistraining Kundenorientierung",
          titleEn: "Customer orientation basics",
          duration: "240",
          criteria: "",
        }),
      },
      "de-DE",
    );
    expect(saved.text).toContain("Gespeichert");

    const sessionForm = await say(org.people.boss, "training schedule Basistraining", "de-DE");
    expect(sessionForm.text).toContain("Neuer Termin");
    const invalid = await press(
      org.people.boss,
      {
        verb: "trainings.save-session",
        data: submitData(sessionForm.card, "trainings.save-session", {
          date: "2026-10-01",
          time: "09:00",
          capacity: "0",
          place: "",
        }),
      },
      "de-DE",
    );
    expect(Object.keys(fieldErrors(invalid.card)).sort()).toEqual(["capacity", "date", "place"]);
    const tina = await personId(org.people.tina);
    const ok = await press(
      org.people.boss,
      {
        verb: "trainings.save-session",
        data: submitData(invalid.card, "trainings.save-session", {
          date: "2026-11-24",
          time: "09:00",
          capacity: "1",
          place: "Schulungsraum 2",
          trainer: tina,
        }),
      },
      "de-DE",
    );
    expect(ok.text).toContain("Termin gespeichert");
    expect(ok.text).toContain("24.11.2026");
  });

  it("one seat: Tom (English) takes it, Anna is waitlisted, Tom cancels and Anna moves up and is told", async () => {
    const tomView = await say(org.people.tom, "training sessions Customer", "en-US");
    expect(tomView.text).toContain("Sessions: Customer orientation basics");
    const enrolled = await press(org.people.tom, button(tomView.card, "trainings.enrol"), "en-US");
    expect(enrolled.text).toContain("You are enrolled");
    const annaView = await say(org.people.anna, "schulung termine Basis", "de-DE");
    expect(annaView.text).toContain("Auf die Warteliste");
    const waiting = await press(org.people.anna, button(annaView.card, "trainings.enrol"), "de-DE");
    expect(waiting.text).toContain("Platz 1 der Warteliste");
    // Tom's /training lists the seat with a cancel button.
    const mine = await say(org.people.tom, "training", "en-US");
    expect(mine.text).toContain("Enrolled");
    const cancelled = await press(org.people.tom, button(mine.card, "trainings.cancel"), "en-US");
    expect(cancelled.text).toContain("You have cancelled");
    const anna = await personId(org.people.anna);
    const promoted = (await outbox()).rows.filter((r) => r.plan.purpose === PURPOSES.promoted && r.personId === anna);
    expect(promoted.map((r) => r.platform).sort()).toEqual(["slack", "teams"]);
    const annaNow = await say(org.people.anna, "schulung", "de-DE");
    expect(annaNow.text).toContain("angemeldet");
  });

  it("the trainer's attendance list works from Teams; /training status shows completion per unit", async () => {
    const tina = await personId(org.people.tina);
    const [row] = (await outbox()).rows.filter((r) => r.plan.purpose === PURPOSES.roster && r.personId === tina);
    if (!row) throw new Error("no roster planned");
    clock.set("2026-11-24T13:30:00Z");
    const renderer = trainingsFeature.deliveries?.[PURPOSES.roster];
    const rendered = await renderer?.(app.kurs.services, {
      tenantId: org.tenant.id,
      deliveryId: row.id,
      purpose: row.plan.purpose,
      subject: row.plan.subject,
      personId: tina,
      platform: "teams",
      notBefore: row.plan.notBefore,
      payload: row.plan.payload ?? null,
    });
    if (rendered?.kind !== "message") throw new Error("roster not rendered");
    const card = renderAdaptiveCard(rendered.card, renderOptionsFor("de"));
    const marked = await press(org.people.tina, button(asJson(card), "trainings.attended"), "de-DE");
    expect(marked.text).toContain("teilgenommen");
    // Anna may not mark herself on the trainer's list.
    const refused = await press(org.people.anna, button(asJson(card), "trainings.no-show"), "de-DE");
    expect(refused.text).toContain("Trainer");
    const status = await say(org.people.boss, "training status", "de-DE");
    expect(status.text).toContain("Trainingsstand");
    expect(status.text).toContain("1 von 5 (20 %)");
    const memberStatus = await say(org.people.anna, "training status", "de-DE");
    expect(memberStatus.text).toContain("Führungskräfte");
  });

  it("garbage arguments and unknown trainings get a clear answer in the reader's language", async () => {
    expect((await say(org.people.tom, "training %%% blah", "en-US")).text).toContain("How /training works");
    expect((await say(org.people.anna, "schulung termine Quantenphysik", "de-DE")).text).toContain(
      "Kein Training passt",
    );
    const forged = await press(org.people.anna, { verb: "trainings.enrol", data: { session: "not-a-uuid" } }, "de-DE");
    expect(forged.text).toContain("veraltet");
  });
});
