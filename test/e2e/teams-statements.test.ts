import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import {
  type ConnectorActivity,
  FakeTeamsConnector,
  messageActivity,
  postActivity,
} from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import {
  cardInputs,
  executeActions,
  fieldErrors,
  invokeActivity,
  postInvoke,
  submitData,
} from "../helpers/teams-invoke.js";
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

/**
 * Gives the test a tenant of its own (the module's `org` points at it; tests in a file run one
 * after another), so each test creates what it needs and any order works.
 */
async function freshTenant(): Promise<void> {
  org = await createTestTenant(app.kurs.db);
}

/** A fresh tenant whose managing director has published a statement from the Teams form; Tom has it. */
async function published(): Promise<string> {
  await freshTenant();
  // Kurs can message people in Teams only in a conversation it has seen: Tom says hello first.
  await say(org.people.tom, "help", "en-US");
  const form = await say(org.people.boss, "kurs statement", "de-DE");
  await press(
    org.people.boss,
    "statements.save",
    submitData(form, "statements.save", {
      title_de: "Verbindlich antworten",
      body_de: "Jede Anfrage bekommt innerhalb eines Arbeitstags eine Antwort.",
      title_en: "Answer reliably",
      body_en: "Every request gets an answer within one working day.",
    }),
    "de-DE",
  );
  const statement = await app.kurs.db.prisma.statement.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
  await until("Tom's statement card", () => (statementDms(org.people.tom, statement.id).length > 0 ? true : undefined));
  return statement.id;
}

/** Tom presses "Read" on his statement card; resolves with the card that replaced it. */
async function tomReads(statementId: string): Promise<Json> {
  const [dm] = statementDms(org.people.tom, statementId);
  const card = cardOf(dm?.activity ?? {});
  return press(org.people.tom, "statements.ack", button(card, "statements.ack"), "en-US");
}

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

async function until<T>(
  what: string,
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A message in the person's personal chat; the one card Kurs replied with (proactive DMs may interleave). */
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

/** Presses an Action.Execute button or submit as Teams does; the invoke response is the card that replaces it. */
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

function button(card: Json, verb: string): Json {
  const action = executeActions(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`no ${verb} button on the card`);
  return action.data;
}

/**
 * Proactive messages in a person's personal chat that carry the statement (its id is in the buttons'
 * data). Bot Framework threads a proactive message under the conversation reference's last
 * activity, so it has a replyToId too; no reply to a command carries a statement id.
 */
function statementDms(person: TestPerson, id: string): ConnectorActivity[] {
  return connector.sent.filter(
    (s) => s.conversationId === `a:personal-${person.aadObjectId}` && JSON.stringify(s.activity).includes(id),
  );
}

describe("statements on Teams", () => {
  it("refuses a member with the managing directors' names", async () => {
    await freshTenant();
    const card = await say(org.people.anna, "kurs statement", "de-DE");
    expect(JSON.stringify(card)).toContain("Statements veröffentlicht die Geschäftsführung: Birgit Becker");
    expect(cardInputs(card).size).toBe(0);
  });

  it("publishes from the form, with inline errors first, and delivers one card per person in their language", async () => {
    await freshTenant();
    // Kurs can message people in Teams only in a conversation it has seen: Tom says hello first.
    await say(org.people.tom, "help", "en-US");
    const form = await say(org.people.boss, "kurs statement", "de-DE");
    expect([...cardInputs(form).keys()]).toEqual(["title_de", "body_de", "title_en", "body_en"]);

    const invalid = await press(
      org.people.boss,
      "statements.save",
      submitData(form, "statements.save", { title_de: "", body_de: "Text", title_en: "", body_en: "Only text" }),
      "de-DE",
    );
    expect(fieldErrors(invalid)).toEqual({
      title_de: "Bitte geben Sie einen Titel ein.",
      title_en: "Die englische Fassung braucht Titel und Text – bitte ergänzen Sie beides oder lassen Sie beides leer.",
    });
    expect(cardInputs(invalid).get("body_en")?.value).toBe("Only text");
    expect(await app.kurs.db.prisma.statement.count({ where: { tenantId: org.tenant.id } })).toBe(0);

    const saved = await press(
      org.people.boss,
      "statements.save",
      submitData(invalid, "statements.save", {
        title_de: "Verbindlich antworten",
        body_de: "Jede Anfrage bekommt innerhalb eines Arbeitstags eine Antwort.",
        title_en: "Answer reliably",
        body_en: "Every request gets an answer within one working day.",
      }),
      "de-DE",
    );
    expect(JSON.stringify(saved)).toContain("ist veröffentlicht");
    const statement = await app.kurs.db.prisma.statement.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    const statementId = statement.id;

    const [tomDm] = await until("Tom's statement card", () => {
      const dms = statementDms(org.people.tom, statementId);
      return dms.length > 0 ? dms : undefined;
    });
    const bossDms = await until("the director's statement card", () => {
      const dms = statementDms(org.people.boss, statementId);
      return dms.length > 0 ? dms : undefined;
    });
    const tomCard = cardOf(tomDm?.activity ?? {});
    expect(JSON.stringify(tomCard)).toContain("Answer reliably");
    expect(JSON.stringify(tomCard)).not.toContain("Verbindlich antworten");
    expect(executeActions(tomCard).map((a) => a.title)).toEqual(["Read", "Comment"]);
    expect(JSON.stringify(cardOf(bossDms[0]?.activity ?? {}))).toContain("Verbindlich antworten");
  });

  it("refreshes Tom's card to 'read' on Action.Execute and records the acknowledgement once", async () => {
    const statementId = await published();
    const [dm] = statementDms(org.people.tom, statementId);
    const card = cardOf(dm?.activity ?? {});
    const read = await tomReads(statementId);
    expect(JSON.stringify(read)).toMatch(/✓ read on \d{2} \w{3} \d{4}/);
    expect(executeActions(read).map((a) => a.verb)).toEqual(["statements.comment"]);
    await press(org.people.tom, "statements.ack", button(card, "statements.ack"), "en-US");
    expect(await app.kurs.db.prisma.statementAck.count({ where: { statementId } })).toBe(1);
  });

  it("turns the card into the comment form and saves Tom's comment", async () => {
    const statementId = await published();
    const [dm] = statementDms(org.people.tom, statementId);
    const form = await press(
      org.people.tom,
      "statements.comment",
      button(cardOf(dm?.activity ?? {}), "statements.comment"),
      "en-US",
    );
    expect([...cardInputs(form).keys()]).toEqual(["comment"]);
    const empty = await press(
      org.people.tom,
      "statements.save-comment",
      submitData(form, "statements.save-comment", { comment: "" }),
      "en-US",
    );
    expect(fieldErrors(empty)).toEqual({ comment: "Please write your comment." });
    const done = await press(
      org.people.tom,
      "statements.save-comment",
      submitData(form, "statements.save-comment", { comment: "Does this include weekends?" }),
      "en-US",
    );
    expect(JSON.stringify(done)).toContain("Your comment on “Answer reliably” is saved and goes to Birgit Becker.");
    const notice = await until("the author's notice in Teams", () =>
      connector.sent.find(
        (s) =>
          s.conversationId === `a:personal-${org.people.boss.aadObjectId}` &&
          JSON.stringify(s.activity).includes("Does this include weekends?"),
      ),
    );
    expect(JSON.stringify(cardOf(notice.activity))).toContain("kommentiert Ihr Statement");
  });

  it("shows the director the acknowledgement rate per unit", async () => {
    const statementId = await published();
    await tomReads(statementId);
    // Everyone is on Slack too (the fixture links both), so all five deliveries complete.
    await until("every delivery recorded", async () => {
      const sent = await app.kurs.db.prisma.delivery.count({
        where: { tenantId: org.tenant.id, subject: statementId, platform: "slack", state: "sent" },
      });
      return sent === 5 ? true : undefined;
    });
    const report = JSON.stringify(await say(org.people.boss, "kurs statement report", "de-DE"));
    expect(report).toContain("Lesebestätigungen – Verbindlich antworten");
    expect(report).toContain("1 von 5 gelesen");
    expect(report).toMatch(/Service\/Desk\*\*: 1 von 3 gelesen/);
  });
});
