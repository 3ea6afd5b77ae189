import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import {
  type ConnectorActivity,
  FakeTeamsConnector,
  messageActivity,
  postActivity,
} from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import { executeActions, fieldErrors, invokeActivity, postInvoke, submitData } from "../helpers/teams-invoke.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
type Json = Record<string, unknown>;

let app: RunningKurs;
let org: TestTenant;
const connector = new FakeTeamsConnector();

beforeAll(async () => {
  await connector.start();
  app = await startKurs({ worker: true });
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

function asJson(value: unknown): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Json;
}

function cardOf(activity: Record<string, unknown>): Json {
  const attachments = activity.attachments as { contentType: string; content: unknown }[] | undefined;
  expect(attachments?.[0]?.contentType).toBe(ADAPTIVE);
  const card = asJson(attachments?.[0]?.content);
  assertValidAdaptiveCard(card);
  return card;
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function say(person: TestPerson, text: string, locale: string): Promise<Json> {
  const activity = messageActivity({
    text,
    serviceUrl: connector.url,
    tenantId: org.teamsTenantId,
    aadObjectId: person.aadObjectId,
    locale,
  });
  const res = await postActivity(app.url, activity);
  expect(res.status).toBeLessThan(300);
  const replies = connector.sent.filter((s) => s.replyToId === activity.id);
  expect(replies).toHaveLength(1);
  return cardOf(replies[0]?.activity ?? {});
}

async function press(person: TestPerson, verb: string, data: Json, locale: string): Promise<Json> {
  const { status, body } = await postInvoke(
    app.url,
    invokeActivity({
      verb,
      data,
      serviceUrl: connector.url,
      tenantId: org.teamsTenantId,
      aadObjectId: person.aadObjectId,
      locale,
    }),
  );
  expect(status).toBe(200);
  expect(body.type).toBe(ADAPTIVE);
  const card = asJson(body.value);
  assertValidAdaptiveCard(card);
  return card;
}

/** Survey prompts (cards with scale buttons) in the person's personal chat. */
function prompts(person: TestPerson, title: string): ConnectorActivity[] {
  return connector.sent.filter((s) => {
    const text = JSON.stringify(s.activity);
    return (
      s.conversationId === `a:personal-${person.aadObjectId}` && text.includes(title) && text.includes("surveys.pick")
    );
  });
}

function scaleAction(card: Json, question: number, v: number): Json {
  const picks = executeActions(card).filter((a) => a.verb === "surveys.pick");
  const questions = [...new Set(picks.map((a) => String(a.data.q)))];
  const found = picks.find((a) => String(a.data.q) === questions[question] && String(a.data.v) === String(v));
  if (!found) throw new Error(`no button ${v} for question ${question}`);
  return found.data;
}

function action(card: Json, verb: string): Json {
  const found = executeActions(card).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} button`);
  return found.data;
}

async function answer(person: TestPerson, title: string, values: readonly number[], locale: string) {
  const [dm] = await until("the prompt", () => {
    const p = prompts(person, title);
    return p.length > 0 ? p : undefined;
  });
  let card = cardOf(dm?.activity ?? {});
  for (const [q, v] of values.entries()) {
    card = await press(person, "surveys.pick", scaleAction(card, q, v), locale);
    expect(JSON.stringify(card)).toContain(`✓ ${v}`);
  }
  return { prompt: card, done: await press(person, "surveys.finish", action(card, "surveys.finish"), locale) };
}

describe("employee pulses on Teams", () => {
  it("creates from the form (errors inline first), prompts by DM, and takes one-tap answers in German and English", async () => {
    org = await createTestTenant(app.kurs.db);
    // Kurs can message people in Teams only in a conversation it has seen.
    await say(org.people.tom, "help", "en-US");
    await say(org.people.anna, "hilfe", "de-DE");
    const form = await say(org.people.boss, "survey new", "de-DE");
    const today = DateTime.now().setZone("Europe/Berlin");
    const invalid = await press(
      org.people.boss,
      "surveys.pulse",
      submitData(form, "surveys.pulse", { title: "", opens: today.toISODate() ?? "", closes: "2020-01-01" }),
      "de-DE",
    );
    expect(Object.keys(fieldErrors(invalid)).sort()).toEqual(["closes", "title"]);
    expect(await app.kurs.db.prisma.survey.count({ where: { tenantId: org.tenant.id } })).toBe(0);

    const saved = await press(
      org.people.boss,
      "surveys.pulse",
      submitData(invalid, "surveys.pulse", {
        title: "Puls Teams",
        opens: today.toISODate() ?? "",
        closes: today.plus({ days: 7 }).toISODate() ?? "",
      }),
      "de-DE",
    );
    expect(JSON.stringify(saved)).toContain("ist offen");

    const tom = await answer(org.people.tom, "Puls Teams", [3, 4, 5, 8], "en-US");
    expect(JSON.stringify(tom.done)).toContain("Thank you");
    const anna = await answer(org.people.anna, "Puls Teams", [5, 4, 2, 10], "de-DE");
    expect(JSON.stringify(anna.done)).toContain("Danke");
    // The old prompt, pressed again, says it was answered; nothing is stored twice.
    const again = await press(org.people.anna, "surveys.finish", action(anna.prompt, "surveys.finish"), "de-DE");
    expect(JSON.stringify(again)).toContain("schon beantwortet");
    expect(prompts(org.people.tom, "Puls Teams")).toHaveLength(1);
    const responses = await app.kurs.db.prisma.surveyResponse.findMany({ where: { tenantId: org.tenant.id } });
    expect(responses).toHaveLength(2);
    expect(responses.every((r) => r.personId === null)).toBe(true);

    // A forged pick (a value off the scale) changes nothing.
    const forged = await press(org.people.tina, "surveys.pick", { ...scaleAction(anna.prompt, 0, 1), v: "9" }, "de-DE");
    expect(JSON.stringify(forged)).not.toContain("✓");
  });

  it("live poll: the card refreshes with current counts, one changeable vote per person, bad input refused", async () => {
    org = await createTestTenant(app.kurs.db);
    await say(org.people.anna, "hilfe", "de-DE");
    const bad = await say(org.people.boss, 'survey poll "Nur eine" "Antwort"', "de-DE");
    expect(JSON.stringify(bad)).toContain("mindestens zwei Antworten");
    const unbalanced = await say(org.people.tom, 'survey poll "Open "A" "B"', "en-US");
    expect(JSON.stringify(unbalanced)).toContain("not closed");

    const card = await say(org.people.boss, 'umfrage poll "Lieblingsteam?" "Desk" "Vertrieb" --quiz 1', "de-DE");
    expect(card.refresh).toMatchObject({ action: { type: "Action.Execute", verb: "surveys.pollview" } });
    const voteData = (c: Json, title: string) => {
      const found = executeActions(c).find((a) => a.verb === "surveys.vote" && a.title === title);
      if (!found) throw new Error(`no vote ${title}`);
      return found.data;
    };
    await press(org.people.anna, "surveys.vote", voteData(card, "A"), "de-DE");
    await press(org.people.tom, "surveys.vote", voteData(card, "B"), "en-US");
    const changed = await press(org.people.tom, "surveys.vote", voteData(card, "A"), "en-US");
    // The shared card speaks the organisation's language, whoever voted.
    expect(JSON.stringify(changed)).toContain("2 Stimmen bisher");
    // A card with a refresh is replaced for everyone in the chat, not only for the voter.
    expect(JSON.stringify(connector.updated.at(-1)?.activity)).toContain("2 Stimmen bisher");
    const refresh = (card.refresh as { action: { data: Json } }).action.data;
    const seenByTina = await press(org.people.tina, "surveys.pollview", refresh, "de-DE");
    expect(JSON.stringify(seenByTina)).toContain("A · Desk");
    expect(JSON.stringify(seenByTina)).toContain("100 %");
    const poll = await app.kurs.db.prisma.surveyPoll.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    expect(await app.kurs.db.prisma.surveyPollVote.count({ where: { pollId: poll.id } })).toBe(2);
    const closed = await press(org.people.boss, "surveys.pollclose", action(changed, "surveys.pollclose"), "de-DE");
    expect(JSON.stringify(closed)).toContain("Richtige Antwort");
    expect(closed.refresh).toBeUndefined();
  });
});
