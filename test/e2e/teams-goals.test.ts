import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import {
  cardInputs,
  type ExecuteAction,
  executeActions,
  fieldErrors,
  invokeActivity,
  postInvoke,
  submitData,
} from "../helpers/teams-invoke.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

// The cascade of the "Done when", created step by step through Teams.
const FOCUS = "Kundenorientierung im Service";
const COMPANY = "Kundenzufriedenheit deutlich steigern";
const AREA = "Service schneller und verbindlicher machen";
const TEAM = "Erstlösungsquote am Desk erhöhen";
const MEASURE = "Wissensdatenbank für Top-10-Anfragen";
const OTHER_AREA = "Vertrieb: Angebote in 48 Stunden";

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
type Json = Record<string, unknown>;

let app: RunningKurs;
let org: TestTenant;
const connector = new FakeTeamsConnector();
// Monday 1 March 2027, 10:00 in Berlin: due dates before it are in the past.
const clock = new TestClock(new Date("2027-03-01T09:00:00Z"));
/** The goals of the current test's tenant (see cascade). */
let ids = { company: "", area: "", team: "", measure: "", otherArea: "" };

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

/** A message in the person's personal chat with Kurs; returns the one Adaptive Card Kurs replied with. */
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
  const replies = connector.sent.slice(before);
  expect(replies).toHaveLength(1);
  const reply = replies[0];
  if (!reply) throw new Error("no reply");
  expect(reply.replyToId).toBe(activity.id);
  const attachments = reply.activity.attachments as { contentType: string; content: unknown }[];
  expect(attachments).toHaveLength(1);
  expect(attachments[0]?.contentType).toBe(ADAPTIVE);
  const card = asJson(attachments[0]?.content);
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card), reply: reply.activity };
}

/**
 * Presses an Action.Execute button (or a form's submit) as Teams does: an invoke whose HTTP response
 * is the card that replaces the clicked one. Nothing else may be sent to the chat.
 */
async function press(
  person: TestPerson,
  action: Pick<ExecuteAction, "verb" | "data">,
  locale: string,
  tenantId = org.teamsTenantId,
) {
  const before = connector.sent.length;
  const { status, body } = await postInvoke(
    app.url,
    invokeActivity({
      verb: action.verb,
      data: action.data,
      serviceUrl: connector.url,
      tenantId,
      aadObjectId: person.aadObjectId,
      locale,
    }),
  );
  expect(status).toBe(200);
  expect(body.statusCode).toBe(200);
  expect(body.type).toBe(ADAPTIVE);
  expect(connector.sent.length).toBe(before);
  const card = asJson(body.value);
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card) };
}

function button(card: unknown, verb: string, data: Json = {}): ExecuteAction {
  const found = executeActions(card).find(
    (a) => a.verb === verb && Object.entries(data).every(([k, v]) => a.data[k] === v),
  );
  if (!found) throw new Error(`no ${verb} button with ${JSON.stringify(data)} in ${JSON.stringify(card)}`);
  return found;
}

/** The value of the choice whose title is `title` in a ChoiceSet of the card. */
function choiceValue(card: unknown, inputId: string, title: string): string {
  const choices = (cardInputs(card).get(inputId)?.choices ?? []) as { title: string; value: string }[];
  const choice = choices.find((c) => c.title === title);
  if (!choice) throw new Error(`no choice "${title}" in ${inputId}: ${JSON.stringify(choices)}`);
  return choice.value;
}

function inputValue(card: unknown, inputId: string): unknown {
  return cardInputs(card).get(inputId)?.value;
}

function isForm(card: unknown, verb: string): boolean {
  return executeActions(card).some((a) => a.verb === verb);
}

async function personId(person: TestPerson): Promise<string> {
  const row = await app.kurs.db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: person.email },
  });
  return row.id;
}

async function goalCount(): Promise<number> {
  return app.kurs.db.prisma.goal.count({ where: { tenantId: org.tenant.id } });
}

async function checkinCount(): Promise<number> {
  return app.kurs.db.prisma.checkin.count({ where: { tenantId: org.tenant.id } });
}

type Stage = "empty" | "focus" | "company" | "area" | "team" | "measure";
const STAGES: readonly Stage[] = ["empty", "focus", "company", "area", "team", "measure"];

/**
 * Gives the test a tenant of its own (the module's `org` and `ids` point at it; tests in a file run
 * one after another) with the cascade seeded through the repository up to `stage`, as the earlier
 * steps build it through Teams. Each test creates what it needs, so any order works.
 */
async function cascade(stage: Stage): Promise<void> {
  org = await createTestTenant(app.kurs.db);
  ids = { company: "", area: "", team: "", measure: "", otherArea: "" };
  const upTo = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  if (!upTo("focus")) return;
  const goals = new PrismaGoalRepository(app.kurs.db.prisma);
  const unit = (where: { kind?: "company"; name?: string }) =>
    app.kurs.db.prisma.orgUnit.findFirstOrThrow({ where: { tenantId: org.tenant.id, ...where } });
  const boss = await personId(org.people.boss);
  const focus = await goals.createFocusTopic({
    tenantId: org.tenant.id,
    title: FOCUS,
    description: null,
    createdById: boss,
  });
  if (!upTo("company")) return;
  const seed = async (
    level: "company" | "area" | "team" | "measure",
    values: { title: string; parentId: string | null; unitId: string; owner: string; author: string; due: string },
    extra: { focusTopicId?: string; kpiKey?: "first_contact_resolution"; kpiTarget?: number; criterion?: string } = {},
  ) =>
    (
      await goals.create({
        tenantId: org.tenant.id,
        level,
        parentId: values.parentId,
        unitId: values.unitId,
        focusTopicId: extra.focusTopicId ?? null,
        title: values.title,
        successCriterion: extra.criterion ?? "Messbar",
        dueDate: values.due,
        kpiKey: extra.kpiKey ?? null,
        kpiTarget: extra.kpiTarget ?? null,
        ownerIds: [values.owner],
        createdById: values.author,
      })
    ).id;
  const companyUnit = await unit({ kind: "company" });
  ids.company = await seed(
    "company",
    { title: COMPANY, parentId: null, unitId: companyUnit.id, owner: boss, author: boss, due: "2027-12-31" },
    { focusTopicId: focus.id },
  );
  if (!upTo("area")) return;
  const lead = await personId(org.people.lead);
  ids.area = await seed(
    "area",
    {
      title: AREA,
      parentId: ids.company,
      unitId: (await unit({ name: "Service" })).id,
      owner: lead,
      author: lead,
      due: "2027-09-30",
    },
    { kpiKey: "first_contact_resolution", kpiTarget: 85.5 },
  );
  if (!upTo("team")) return;
  const tina = await personId(org.people.tina);
  const tom = await personId(org.people.tom);
  const desk = await unit({ name: "Desk" });
  ids.team = await seed("team", {
    title: TEAM,
    parentId: ids.area,
    unitId: desk.id,
    owner: tom,
    author: tina,
    due: "2027-06-30",
  });
  if (!upTo("measure")) return;
  ids.measure = await seed("measure", {
    title: MEASURE,
    parentId: ids.team,
    unitId: desk.id,
    owner: tom,
    author: tina,
    due: "2027-04-30",
  });
}

/** A second area (Vertrieb) with its own goal, to forge a parent from outside the team lead's area. */
async function addSalesArea(): Promise<void> {
  const company = await app.kurs.db.prisma.orgUnit.findFirstOrThrow({
    where: { tenantId: org.tenant.id, kind: "company" },
  });
  const sales = await app.kurs.db.prisma.orgUnit.create({
    data: {
      tenantId: org.tenant.id,
      parentId: company.id,
      name: "Vertrieb",
      path: `${company.path}/Vertrieb`,
      kind: "area",
    },
  });
  const goal = await new PrismaGoalRepository(app.kurs.db.prisma).create({
    tenantId: org.tenant.id,
    level: "area",
    parentId: ids.company,
    unitId: sales.id,
    focusTopicId: null,
    title: OTHER_AREA,
    successCriterion: "Angebote binnen 48 Stunden",
    dueDate: "2027-12-31",
    kpiKey: null,
    kpiTarget: null,
    ownerIds: [await personId(org.people.boss)],
    createdById: await personId(org.people.boss),
  });
  ids.otherArea = goal.id;
}

function inOrder(text: string, parts: readonly string[]): void {
  const positions = parts.map((p) => text.indexOf(p));
  for (const [i, pos] of positions.entries()) expect(pos, parts[i]).toBeGreaterThanOrEqual(0);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe("the goal cascade on Teams", () => {
  it("lets the managing director record a focus topic through a form", async () => {
    await cascade("empty");
    const { card } = await say(org.people.boss, "ziele schwerpunkte", "de-DE");
    expect(isForm(card, "goals.save-focus")).toBe(true);
    const saved = await press(
      org.people.boss,
      { verb: "goals.save-focus", data: submitData(card, "goals.save-focus", { title: FOCUS }) },
      "de-DE",
    );
    expect(saved.text).toContain(`Schwerpunktthema **${FOCUS}** gespeichert`);
    expect(isForm(saved.card, "goals.save-focus")).toBe(false);
  });

  it("lets the managing director create a company goal through the form (German)", async () => {
    await cascade("focus");
    const { card, text, reply } = await say(org.people.boss, "ziele neu", "de-DE");
    expect(reply.summary).toBe("Neues Unternehmensziel");
    expect(text).toContain("Neues Unternehmensziel");
    const submit = button(card, "goals.save-goal");
    expect(submit.title).toBe("Speichern");
    const inputs = cardInputs(card);
    expect([...inputs.keys()]).toEqual(["title", "owner", "due", "criterion", "kpi", "target", "focus"]);
    expect(inputs.get("title")?.isRequired).toBe(true);
    expect(inputs.get("due")?.type).toBe("Input.Date");
    // The director owns it unless they pick someone else.
    expect(inputValue(card, "owner")).toBe(await personId(org.people.boss));

    const before = await goalCount();
    const saved = await press(
      org.people.boss,
      {
        verb: "goals.save-goal",
        data: submitData(card, "goals.save-goal", {
          title: COMPANY,
          due: "2027-12-31",
          criterion: "Zufriedenheit in der Kundenbefragung von 3,4 auf 4,0",
          focus: choiceValue(card, "focus", FOCUS),
        }),
      },
      "de-DE",
    );
    expect(saved.text).toContain(`Unternehmensziel **${COMPANY}** ist angelegt`);
    expect(saved.text).toContain("verantwortlich: Birgit Becker, fällig 31.12.2027");
    expect(isForm(saved.card, "goals.save-goal")).toBe(false);
    expect(await goalCount()).toBe(before + 1);
    const goal = await app.kurs.db.prisma.goal.findFirstOrThrow({
      where: { tenantId: org.tenant.id, title: COMPANY },
      include: { focusTopic: true },
    });
    expect(goal.level).toBe("company");
    expect(goal.parentId).toBeNull();
    expect(goal.focusTopic?.title).toBe(FOCUS);
  });

  it("lets the area head add an area goal under the company goal, with a KPI target", async () => {
    await cascade("company");
    const { card, text } = await say(org.people.lead, "goals add", "de-DE");
    expect(text).toContain("Neues Bereichsziel");
    expect(text).toContain("Bereichsziel für");
    const parent = choiceValue(card, "parent", COMPANY);
    expect(parent).toBe(ids.company);
    const saved = await press(
      org.people.lead,
      {
        verb: "goals.save-goal",
        data: submitData(card, "goals.save-goal", {
          title: AREA,
          parent,
          due: "2027-09-30",
          criterion: "Erstlösungsquote im Bereich Service mindestens 85 %",
          kpi: "first_contact_resolution",
          target: "85,5",
        }),
      },
      "de-DE",
    );
    expect(saved.text).toContain(`Bereichsziel **${AREA}** ist angelegt`);
    const goal = await app.kurs.db.prisma.goal.findFirstOrThrow({ where: { tenantId: org.tenant.id, title: AREA } });
    expect(goal).toMatchObject({ level: "area", parentId: ids.company, kpiKey: "first_contact_resolution" });
    expect(goal.kpiTarget).toBe(85.5);
  });

  it("lets the team lead add a team goal ('/ziele neu', with a slash) owned by a team member", async () => {
    await cascade("area");
    const { card, text } = await say(org.people.tina, "/ziele neu", "de-DE");
    expect(text).toContain("Neues Teamziel");
    // Only goals of her own area are offered as parents.
    const parents = (cardInputs(card).get("parent")?.choices ?? []) as { title: string }[];
    expect(parents.map((c) => c.title)).toEqual([AREA]);
    const saved = await press(
      org.people.tina,
      {
        verb: "goals.save-goal",
        data: submitData(card, "goals.save-goal", {
          title: TEAM,
          parent: choiceValue(card, "parent", AREA),
          owner: choiceValue(card, "owner", "Tom O'Brien"),
          due: "2027-06-30",
          criterion: "80 % der Anfragen im ersten Kontakt gelöst",
        }),
      },
      "de-DE",
    );
    expect(saved.text).toContain(`Teamziel **${TEAM}** ist angelegt (verantwortlich: Tom O'Brien`);
    const goal = await app.kurs.db.prisma.goal.findFirstOrThrow({ where: { tenantId: org.tenant.id, title: TEAM } });
    expect(goal).toMatchObject({ level: "team", parentId: ids.area });
  });

  it("lets the team lead add a measure with the 'Add measure' button on her team goal", async () => {
    await cascade("team");
    const { card } = await say(org.people.tina, "ziele", "de-DE");
    const addMeasure = button(card, "goals.measure", { parent: ids.team });
    expect(addMeasure.title).toBe("Maßnahme hinzufügen");

    const form = await press(org.people.tina, addMeasure, "de-DE");
    expect(form.text).toContain("Neue Maßnahme");
    expect(isForm(form.card, "goals.save-goal")).toBe(true);
    // The parent is the goal whose button was pressed.
    expect(inputValue(form.card, "parent")).toBe(ids.team);

    const saved = await press(
      org.people.tina,
      {
        verb: "goals.save-goal",
        data: submitData(form.card, "goals.save-goal", {
          title: MEASURE,
          owner: choiceValue(form.card, "owner", "Tom O'Brien"),
          due: "2027-04-30",
          criterion: "Artikel für die zehn häufigsten Anfragen veröffentlicht",
        }),
      },
      "de-DE",
    );
    expect(saved.text).toContain(`Maßnahme **${MEASURE}** ist angelegt`);
    const goal = await app.kurs.db.prisma.goal.findFirstOrThrow({
      where: { tenantId: org.tenant.id, title: MEASURE },
    });
    expect(goal).toMatchObject({ level: "measure", parentId: ids.team });
  });

  it("'ziele maßnahme' opens the same measure form from a message", async () => {
    await cascade("team");
    const { card, text } = await say(org.people.tina, "ziele maßnahme", "de-DE");
    expect(text).toContain("Neue Maßnahme");
    expect(choiceValue(card, "parent", TEAM)).toBe(ids.team);
  });

  it("shows the whole chain in 'goals tree', in German and English", async () => {
    await cascade("measure");
    const de = await say(org.people.anna, "ziele baum", "de-DE");
    expect(de.text).toContain("Zielkaskade – ");
    inOrder(de.text, [COMPANY, AREA, TEAM, MEASURE]);
    const en = await say(org.people.tom, "goals tree", "en-US");
    expect(en.text).toContain("Goal cascade – ");
    inOrder(en.text, [COMPANY, AREA, TEAM, MEASURE]);
  });

  it("answers the cascade verb with the tree of that unit", async () => {
    await cascade("measure");
    const service = await app.kurs.db.prisma.orgUnit.findFirstOrThrow({
      where: { tenantId: org.tenant.id, name: "Service" },
    });
    const { text } = await press(org.people.anna, { verb: "goals.tree", data: { unit: service.id } }, "de-DE");
    expect(text).toContain(`Zielkaskade – ${service.path}`);
    inOrder(text, [COMPANY, AREA, TEAM, MEASURE]);
  });

  it("answers 'Goal chain' with the path up to the company goal (English)", async () => {
    await cascade("measure");
    const { card } = await say(org.people.tom, "goals", "en-US");
    const chain = button(card, "goals.chain", { goal: ids.measure });
    expect(chain.title).toBe("Goal chain");
    const { text } = await press(org.people.tom, chain, "en-US");
    const header = `How “${MEASURE}” contributes to the company goal`;
    expect(text).toContain(header);
    inOrder(text.slice(text.indexOf(header) + header.length), [COMPANY, AREA, TEAM, MEASURE]);
  });

  it("lets the owner check in with the button (English), and everyone then sees the progress", async () => {
    await cascade("measure");
    const { card, text } = await say(org.people.tom, "goals", "en-US");
    expect(text).toContain(TEAM);
    expect(text).toContain("Your measures");
    const checkin = button(card, "goals.checkin", { goal: ids.team });
    expect(checkin.title).toBe("Check in");

    const form = await press(org.people.tom, checkin, "en-US");
    expect(form.text).toContain("Check-in");
    expect(isForm(form.card, "goals.save-checkin")).toBe(true);
    // The form opens on the goal whose button was pressed.
    expect(inputValue(form.card, "item")).toBe(ids.team);

    const before = await checkinCount();
    const saved = await press(
      org.people.tom,
      {
        verb: "goals.save-checkin",
        data: submitData(form.card, "goals.save-checkin", {
          progress: "40",
          status: "at_risk",
          note: "Waiting for the new phone system",
        }),
      },
      "en-US",
    );
    expect(saved.text).toContain(`Check-in saved: **${TEAM}** is at 40 % (at risk).`);
    expect(isForm(saved.card, "goals.save-checkin")).toBe(false);
    expect(await checkinCount()).toBe(before + 1);

    // Anna (German) sees the team goal's new progress in her own goals card.
    const anna = await say(org.people.anna, "ziele", "de-DE");
    expect(anna.text).toContain(TEAM);
    expect(anna.text).toContain("▓▓▓▓░░░░░░ 40 %");
    expect(anna.text).toContain("gefährdet");
    expect(anna.text).toContain("letzter Check-in 01.03.2027");
    // She owns neither, so she gets no check-in button.
    expect(executeActions(anna.card).some((a) => a.verb === "goals.checkin")).toBe(false);
  });

  it("lets the owner check in on a measure, and the tree shows it to everyone", async () => {
    await cascade("measure");
    const { card } = await say(org.people.tom, "goals", "en-US");
    const form = await press(org.people.tom, button(card, "goals.checkin", { goal: ids.measure }), "en-US");
    expect(inputValue(form.card, "item")).toBe(ids.measure);
    const saved = await press(
      org.people.tom,
      {
        verb: "goals.save-checkin",
        data: submitData(form.card, "goals.save-checkin", { progress: "60", status: "on_track" }),
      },
      "en-US",
    );
    expect(saved.text).toContain(`**${MEASURE}** is at 60 % (on track)`);
    const tree = await say(org.people.anna, "ziele baum", "de-DE");
    expect(tree.text).toContain(`${MEASURE}** – 60 % · im Plan · Tom O'Brien`);
  });

  it("'goals checkin' opens the check-in form for what the person owes", async () => {
    await cascade("measure");
    const { card } = await say(org.people.tom, "goals checkin", "en-US");
    const items = (cardInputs(card).get("item")?.choices ?? []) as { value: string }[];
    expect(items.map((c) => c.value)).toEqual([ids.measure, ids.team]);
  });
});

describe("permissions on Teams", () => {
  it("refuses a member who asks for a goal form, naming the team lead", async () => {
    await cascade("measure");
    const de = await say(org.people.anna, "ziele neu", "de-DE");
    expect(de.text).toContain("Teamziele legt die Teamleitung an: Tina Teamleiterin.");
    expect(isForm(de.card, "goals.save-goal")).toBe(false);
    const en = await say(org.people.tom, "goals add", "en-US");
    expect(en.text).toContain("Team goals are created by the team lead: Tina Teamleiterin.");
  });

  it("refuses a member submitting a company-goal form, naming the managing director; nothing is saved", async () => {
    await cascade("measure");
    const { card: bossCompanyForm } = await say(org.people.boss, "ziele neu", "de-DE");
    const before = await goalCount();
    // The director's own form, replayed by members: the level comes from the form, the right from the org.
    const data = submitData(bossCompanyForm, "goals.save-goal", {
      title: "Alles wird anders",
      due: "2027-12-31",
      criterion: "Alle sind begeistert",
    });
    const de = await press(org.people.anna, { verb: "goals.save-goal", data }, "de-DE");
    expect(de.text).toContain("Unternehmensziele legt die Geschäftsführung an: Birgit Becker.");
    expect(isForm(de.card, "goals.save-goal")).toBe(false);
    const en = await press(org.people.tom, { verb: "goals.save-goal", data }, "en-US");
    expect(en.text).toContain("Company goals are created by the managing director: Birgit Becker.");
    expect(await goalCount()).toBe(before);
  });

  it("refuses measures to anyone but the team lead: the area head by message, a member by button", async () => {
    await cascade("measure");
    const lead = await say(org.people.lead, "goals measure", "de-DE");
    expect(lead.text).toContain("Maßnahmen legt die Teamleitung an: Tina Teamleiterin.");
    const before = await goalCount();
    const anna = await press(org.people.anna, { verb: "goals.measure", data: { parent: ids.team } }, "de-DE");
    expect(anna.text).toContain("Maßnahmen legt die Teamleitung an: Tina Teamleiterin.");
    expect(isForm(anna.card, "goals.save-goal")).toBe(false);
    expect(await goalCount()).toBe(before);
  });

  it("tells a member without goals of their own that there is nothing to check in", async () => {
    await cascade("measure");
    const { text } = await press(org.people.anna, { verb: "goals.checkin", data: { goal: ids.team } }, "de-DE");
    expect(text).toContain("Sie haben keine offenen Ziele oder Maßnahmen für einen Check-in.");
  });

  it("does not save a forged check-in on someone else's goal, and says who checks in", async () => {
    await cascade("measure");
    const before = await checkinCount();
    const { card, text } = await press(
      org.people.anna,
      { verb: "goals.save-checkin", data: { item: ids.team, progress: "100", status: "on_track" } },
      "de-DE",
    );
    // Anna owes nothing, so there is no form to return (its picker would be empty): a card says why.
    expect(text).toContain("Check-ins macht, wer das Ziel verantwortet: Tom O'Brien.");
    expect(isForm(card, "goals.save-checkin")).toBe(false);
    expect(await checkinCount()).toBe(before);
  });

  it("shows another tenant's user nothing but 'not set up'", async () => {
    await cascade("measure");
    const { text } = await press(
      org.people.anna,
      { verb: "goals.chain", data: { goal: ids.measure } },
      "de-DE",
      "00000000-0000-0000-0000-00000000dead",
    );
    expect(text).toContain("noch nicht mit Kurs verbunden");
    expect(text).not.toContain(MEASURE);
  });
});

describe("invalid input on Teams", () => {
  it("returns the form with inline errors and everything typed; fixing one field at a time saves it", async () => {
    await cascade("measure");
    await addSalesArea();
    const before = await goalCount();
    const { card } = await say(org.people.tina, "ziele neu", "de-DE");
    const anna = choiceValue(card, "owner", "Anna Schmidt");
    const criterion = "Rückrufe am selben Tag";

    // Round 1: empty title, a past date, a parent from another area, a target that is no number.
    const round1 = await press(
      org.people.tina,
      {
        verb: "goals.save-goal",
        data: submitData(card, "goals.save-goal", {
          title: "",
          parent: ids.otherArea,
          owner: anna,
          due: "2027-02-15",
          criterion,
          kpi: "backlog",
          target: "viel",
        }),
      },
      "de-DE",
    );
    expect(isForm(round1.card, "goals.save-goal")).toBe(true);
    expect(round1.text).toContain("Neues Teamziel");
    expect(fieldErrors(round1.card)).toEqual({
      title: "Bitte geben Sie einen Titel ein.",
      parent: "Dieses Ziel liegt außerhalb Ihres Bereichs; wählen Sie eines aus der Liste.",
      due: "Das Datum liegt in der Vergangenheit.",
      target: "Bitte eine Zahl angeben, z. B. 85 oder 4,5.",
    });
    expect(inputValue(round1.card, "owner")).toBe(anna);
    expect(inputValue(round1.card, "due")).toBe("2027-02-15");
    expect(inputValue(round1.card, "criterion")).toBe(criterion);
    expect(inputValue(round1.card, "kpi")).toBe("backlog");
    expect(inputValue(round1.card, "target")).toBe("viel");
    // The forged parent is not offered, whatever came back.
    const offered = (cardInputs(round1.card).get("parent")?.choices ?? []) as { value: string }[];
    expect(offered.map((c) => c.value)).toEqual([ids.area]);
    expect(await goalCount()).toBe(before);

    // Round 2, typed into the returned card: a title one character too long, the rest fixed.
    const longTitle = "R".repeat(151);
    const round2 = await press(
      org.people.tina,
      {
        verb: "goals.save-goal",
        data: submitData(round1.card, "goals.save-goal", {
          title: longTitle,
          parent: ids.area,
          due: "2027-05-31",
          target: "120",
        }),
      },
      "de-DE",
    );
    expect(fieldErrors(round2.card)).toEqual({ title: "Der Titel ist 151 Zeichen lang; erlaubt sind höchstens 150." });
    expect(inputValue(round2.card, "title")).toBe(longTitle);
    expect(inputValue(round2.card, "parent")).toBe(ids.area);
    expect(inputValue(round2.card, "criterion")).toBe(criterion);
    expect(await goalCount()).toBe(before);

    // Round 3: only the title changes; everything typed in round 1 and 2 is still there and saved.
    const saved = await press(
      org.people.tina,
      { verb: "goals.save-goal", data: submitData(round2.card, "goals.save-goal", { title: "Rückstand abbauen" }) },
      "de-DE",
    );
    expect(saved.text).toContain("Teamziel **Rückstand abbauen** ist angelegt (verantwortlich: Anna Schmidt");
    const goal = await app.kurs.db.prisma.goal.findFirstOrThrow({
      where: { tenantId: org.tenant.id, title: "Rückstand abbauen" },
    });
    expect(goal).toMatchObject({ parentId: ids.area, successCriterion: criterion, kpiKey: "backlog", kpiTarget: 120 });
    expect(goal.dueDate.toISOString().slice(0, 10)).toBe("2027-05-31");
    expect(await goalCount()).toBe(before + 1);
  });

  it("answers in English for an English Teams client: a garbage date and target, a missing criterion", async () => {
    await cascade("measure");
    const before = await goalCount();
    const { card } = await say(org.people.tina, "goals add", "en-GB");
    expect(JSON.stringify(card)).toContain("New team goal");
    const { card: again } = await press(
      org.people.tina,
      {
        verb: "goals.save-goal",
        data: submitData(card, "goals.save-goal", {
          title: "Faster callbacks",
          parent: ids.area,
          due: "31.12.2027",
          criterion: "",
          target: "a lot",
        }),
      },
      "en-GB",
    );
    expect(fieldErrors(again)).toEqual({
      due: "Please enter a date as YYYY-MM-DD.",
      criterion: "Please describe the success criterion.",
      target: "Please enter a number, e.g. 85 or 4.5.",
    });
    expect(inputValue(again, "title")).toBe("Faster callbacks");
    expect(await goalCount()).toBe(before);
  });

  it("answers buttons with unknown or missing payloads with a clear card, not an error", async () => {
    await cascade("measure");
    const forged = await press(org.people.tom, { verb: "goals.chain", data: { goal: "no-such-goal" } }, "en-US");
    expect(forged.text).toContain("This button or form is outdated or invalid. Please run the command again.");
    const gone = await press(org.people.tom, { verb: "goals.chain", data: { goal: randomUUID() } }, "en-US");
    expect(gone.text).toContain("That goal does not exist (any more).");
    const tree = await press(org.people.anna, { verb: "goals.tree", data: { unit: "Nirgendwo" } }, "de-DE");
    expect(tree.text).toContain("Eine Einheit „Nirgendwo“ gibt es nicht.");
    // A measure button without its goal still opens the measure form, with nothing preselected.
    const measure = await press(org.people.tina, { verb: "goals.measure", data: {} }, "de-DE");
    expect(isForm(measure.card, "goals.save-goal")).toBe(true);
    expect(inputValue(measure.card, "parent")).toBeUndefined();
  });

  it("returns the check-in form with errors and the note kept; nothing is saved", async () => {
    await cascade("measure");
    const before = await checkinCount();
    const form = await press(org.people.tom, { verb: "goals.checkin", data: { goal: ids.measure } }, "en-US");
    const note = "Half of the articles are drafted";
    const { card } = await press(
      org.people.tom,
      {
        verb: "goals.save-checkin",
        data: submitData(form.card, "goals.save-checkin", { progress: "150", status: "splendid", note }),
      },
      "en-US",
    );
    expect(isForm(card, "goals.save-checkin")).toBe(true);
    expect(fieldErrors(card)).toEqual({
      progress: "Please enter a whole number from 0 to 100.",
      status: "Please choose a status.",
    });
    expect(inputValue(card, "note")).toBe(note);
    expect(inputValue(card, "progress")).toBe(150);
    expect(inputValue(card, "item")).toBe(ids.measure);
    expect(await checkinCount()).toBe(before);
  });
});

describe("usage and the alignment report on Teams", () => {
  it("answers garbage arguments with a usage hint in the user's language", async () => {
    await cascade("empty");
    const de = await say(org.people.anna, "ziele quatsch", "de-DE");
    expect(de.text).toContain("„quatsch“ versteht /goals nicht");
    expect(de.text).toContain("/goals tree");
    const en = await say(org.people.tom, "goals blah blah", "en-US");
    expect(en.text).toContain("/goals does not understand “blah blah”");
  });

  it("treats 'kurs ziele' like 'ziele'", async () => {
    await cascade("measure");
    const { text } = await say(org.people.anna, "kurs ziele", "de-DE");
    expect(text).toContain(TEAM);
  });

  it("gives the area head the alignment report and refuses members", async () => {
    await cascade("measure");
    const lead = await say(org.people.lead, "ziele bericht", "de-DE");
    expect(lead.text).toContain("Abstimmungsbericht – Service");
    expect(lead.text).toContain("Überfällige Maßnahmen");
    const boss = await say(org.people.boss, "goals report", "en-US");
    expect(boss.text).toContain("Alignment report – ");
    const anna = await say(org.people.anna, "ziele bericht", "de-DE");
    expect(anna.text).toContain("Den Abstimmungsbericht sehen Geschäftsführung und Bereichsleitungen.");
    const tom = await say(org.people.tom, "goals report", "en-US");
    expect(tom.text).toContain("The alignment report is for the managing directors and area heads.");
  });
});

describe("stale forms on Teams", () => {
  it("answers a goal form whose only parent was finished meanwhile with who must add one, not an empty picker", async () => {
    await cascade("measure");
    const { card: stale } = await say(org.people.tina, "ziele neu", "de-DE");
    const { card: leadCard } = await say(org.people.lead, "ziele", "de-DE");
    const form = await press(org.people.lead, button(leadCard, "goals.checkin", { goal: ids.area }), "de-DE");
    const done = await press(
      org.people.lead,
      { verb: "goals.save-checkin", data: submitData(form.card, "goals.save-checkin", { progress: "100" }) },
      "de-DE",
    );
    expect(done.text).toContain(`**${AREA}** steht bei 100 % (erledigt)`);

    const before = await goalCount();
    const { card, text } = await press(
      org.people.tina,
      { verb: "goals.save-goal", data: submitData(stale, "goals.save-goal", { title: "" }) },
      "de-DE",
    );
    expect(isForm(card, "goals.save-goal")).toBe(false);
    expect(text).toContain(
      "Es gibt noch kein Bereichsziel, unter das Sie ein Ziel hängen können. Zuerst legt Lars Lehmann es an.",
    );
    expect(await goalCount()).toBe(before);
  });

  it("answers a second check-in on a finished goal with the reason when nothing else is owed", async () => {
    await cascade("measure");
    // The area head has finished the area goal (the step before shows that through Teams).
    await new PrismaGoalRepository(app.kurs.db.prisma).checkin({
      tenantId: org.tenant.id,
      goalId: ids.area,
      personId: await personId(org.people.lead),
      progress: 100,
      status: "on_track",
      note: null,
      at: clock.now(),
    });
    const { card: leadCard } = await say(org.people.lead, "ziele", "de-DE");
    expect(executeActions(leadCard).some((a) => a.verb === "goals.checkin")).toBe(false);
    const before = await checkinCount();
    const { text } = await press(
      org.people.lead,
      { verb: "goals.save-checkin", data: { item: ids.area, progress: "abc", status: "on_track" } },
      "de-DE",
    );
    expect(text).toContain("Sie haben keine offenen Ziele oder Maßnahmen für einen Check-in.");
    expect(await checkinCount()).toBe(before);
  });
});
