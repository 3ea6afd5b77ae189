import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { goalFormMetadata } from "../../src/core/goals/goal-form.js";
import { type GoalDeps, submitCheckin, submitGoal } from "../../src/core/goals/goal-service.js";
import type { GoalLevel } from "../../src/core/goals/types.js";
import { identify } from "../../src/core/org/identify.js";
import type { FormValues } from "../../src/core/ui/card.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  appHomeOpenedEvent,
  blockActionsPayload,
  type FoundButton,
  findButton,
  type ModalInput,
  newTriggerId,
  postCommand,
  postEvent,
  postInteraction,
  textOf,
  viewSubmissionPayload,
  waitForCalls,
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

type Json = Record<string, unknown>;

// Monday 2 March 2026, 10:00 in Berlin: due dates before this day are in the past.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
const DUE = "2026-12-31";

let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  app = await startKurs({ clock });
  org = await createTestTenant(app.kurs.db);
  registerSlackUsers(org);
});

afterAll(async () => {
  await app?.stop();
});

/** Slack's client languages: Lars and Tom use Slack in English, everyone else in German. */
function registerSlackUsers(o: TestTenant): void {
  const locales: Record<keyof TestTenant["people"], string> = {
    boss: "de-DE",
    lead: "en-US",
    tina: "de-DE",
    anna: "de-DE",
    tom: "en-GB",
  };
  for (const [key, person] of Object.entries(o.people)) {
    app.slack.addUser({
      id: person.slackUserId,
      email: person.email,
      locale: locales[key as keyof TestTenant["people"]],
    });
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

type Outcome =
  | { kind: "modal"; view: Json; triggerId: string; responseId: string }
  | { kind: "messages"; messages: Json[]; responseId: string };

/** Waits for what a command or button led to: a modal opened with its trigger_id, or ephemeral replies. */
async function outcome(triggerId: string, responseId: string): Promise<Outcome> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const opened = app.slack.callsOf("views.open").find((c) => c.body.trigger_id === triggerId);
    if (opened && isRecord(opened.body.view)) {
      assertBlockKitWithinLimits(opened.body.view, "modal");
      return { kind: "modal", view: opened.body.view, triggerId, responseId };
    }
    const messages = responsesTo(responseId);
    if (messages.length > 0) {
      // A long card arrives as several messages: a test that needs all of them waits for the
      // content it expects (responsesUntil), never for a quiet moment.
      return { kind: "messages", messages, responseId };
    }
    if (Date.now() > deadline) throw new Error(`nothing came of trigger ${triggerId} / response ${responseId}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function responsesTo(responseId: string): Json[] {
  const messages = app.slack.responses.filter((r) => r.id === responseId).map((r) => r.body);
  for (const m of messages) assertBlockKitWithinLimits(m, "message");
  return messages;
}

/** The replies to a response_url once they satisfy `done` (all expected content has arrived). */
async function responsesUntil(responseId: string, done: (messages: Json[]) => boolean): Promise<Json[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const messages = responsesTo(responseId);
    if (done(messages)) return messages;
    if (Date.now() > deadline) throw new Error(`replies to ${responseId} never became complete: ${textOf(messages)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function goals(o: TestTenant, person: TestPerson, text = ""): Promise<Outcome> {
  const triggerId = newTriggerId();
  const responseId = `goals-${randomUUID()}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command: "/goals",
    text,
    teamId: o.slackTeamId,
    userId: person.slackUserId,
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  expect(res.status).toBe(200);
  return outcome(triggerId, responseId);
}

async function modal(o: TestTenant, person: TestPerson, text: string): Promise<Json> {
  const result = await goals(o, person, text);
  if (result.kind !== "modal") throw new Error(`expected a modal for /goals ${text}, got ${textOf(result)}`);
  return result.view;
}

async function messages(o: TestTenant, person: TestPerson, text = ""): Promise<Json[]> {
  const result = await goals(o, person, text);
  if (result.kind !== "messages") throw new Error(`expected messages for /goals ${text}, got a modal`);
  return result.messages;
}

/** Presses a button that sat in an ephemeral message. */
async function clickInMessage(o: TestTenant, person: TestPerson, button: FoundButton): Promise<Outcome> {
  const triggerId = newTriggerId();
  const responseId = `click-${randomUUID()}`;
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    blockActionsPayload({
      teamId: o.slackTeamId,
      userId: person.slackUserId,
      button,
      triggerId,
      container: { type: "message", responseUrl: app.slack.responseUrl(responseId) },
    }),
  );
  expect(res.status).toBe(200);
  return outcome(triggerId, responseId);
}

interface Ack {
  readonly status: number;
  readonly body: Json | null;
}

async function submit(o: TestTenant, person: TestPerson, view: Json, input: ModalInput): Promise<Ack> {
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    viewSubmissionPayload({ teamId: o.slackTeamId, userId: person.slackUserId }, view, input),
  );
  const raw = await res.text();
  return { status: res.status, body: raw === "" ? null : (JSON.parse(raw) as Json) };
}

/** The value of the option whose label contains `label`, in the select with this block id. */
function optionValue(view: Json, blockId: string, label: string): string {
  const blocks = Array.isArray(view.blocks) ? view.blocks : [];
  const block = blocks.find((b) => isRecord(b) && b.block_id === blockId);
  const element = isRecord(block) && isRecord(block.element) ? block.element : {};
  const options = Array.isArray(element.options) ? element.options : [];
  const option = options.find((o) => isRecord(o) && isRecord(o.text) && String(o.text.text).includes(label));
  if (!isRecord(option)) throw new Error(`no option "${label}" in ${blockId}: ${textOf(options)}`);
  return String(option.value);
}

/** Calls of `method` made after `mark` (an index into FakeSlack's call log) that match. */
function callsSince(mark: number, method: string, match: (body: Json) => boolean): Json[] {
  return app.slack.calls
    .slice(mark)
    .filter((c) => c.method === method && match(c.body))
    .map((c) => c.body);
}

async function waitSince(mark: number, method: string, match: (body: Json) => boolean, count = 1): Promise<Json[]> {
  await waitForCalls(app.slack, method, () => callsSince(mark, method, match).length >= count);
  return callsSince(mark, method, match);
}

/** The DM Kurs sent a person after `mark`, checked against Slack's limits. */
async function dmTo(mark: number, person: TestPerson): Promise<Json> {
  const [dm] = await waitSince(mark, "chat.postMessage", (b) => b.channel === person.slackUserId);
  if (!dm) throw new Error("no DM");
  assertBlockKitWithinLimits(dm, "message");
  return dm;
}

/** The App Home Kurs published for a person after `mark`, checked against Slack's limits. */
async function homeOf(mark: number, person: TestPerson): Promise<Json> {
  const calls = await waitSince(mark, "views.publish", (b) => b.user_id === person.slackUserId);
  const view = calls.at(-1)?.view;
  if (!isRecord(view)) throw new Error("views.publish without a view");
  assertBlockKitWithinLimits(view, "home");
  return view;
}

async function personId(o: TestTenant, person: TestPerson): Promise<string> {
  const row = await app.kurs.db.prisma.person.findFirstOrThrow({
    where: { tenantId: o.tenant.id, email: person.email },
  });
  return row.id;
}

function goalCount(o: TestTenant): Promise<number> {
  return app.kurs.db.prisma.goal.count({ where: { tenantId: o.tenant.id } });
}

/** Seeding through core (not HTTP) for the tests that need a lot of goals in place first. */
function coreDeps(): { goals: GoalDeps; identifyDeps: Parameters<typeof identify>[0] } {
  const org = new PrismaOrgRepository(app.kurs.db.prisma);
  return {
    goals: { goals: new PrismaGoalRepository(app.kurs.db.prisma), org, clock },
    identifyDeps: { tenants: new PrismaTenantRepository(app.kurs.db.prisma), org, defaultLocale: "de" },
  };
}

async function seedGoal(o: TestTenant, slackUserId: string, level: GoalLevel, values: FormValues): Promise<string> {
  const deps = coreDeps();
  const requester = await identify(
    deps.identifyDeps,
    { kind: "slug", slug: o.tenant.slug },
    { platform: "slack", userId: slackUserId },
  );
  const result = await submitGoal(deps.goals, requester, goalFormMetadata(level, ""), {
    due: DUE,
    criterion: "Messbar",
    owner: requester.person?.id,
    ...values,
  });
  if (result.kind !== "saved") throw new Error(`seeding failed: ${textOf(result)}`);
  return result.goal.id;
}

/** A second area (Vertrieb) with its own head, for "outside my area" cases. */
async function addSalesArea(o: TestTenant): Promise<{ slackUserId: string }> {
  const prisma = app.kurs.db.prisma;
  const company = await prisma.orgUnit.findFirstOrThrow({ where: { tenantId: o.tenant.id, kind: "company" } });
  const area = await prisma.orgUnit.create({
    data: {
      tenantId: o.tenant.id,
      parentId: company.id,
      name: "Vertrieb",
      path: `${company.path}/Vertrieb`,
      kind: "area",
    },
  });
  const slackUserId = `UVERA${o.slackTeamId}`;
  const vera = await prisma.person.create({
    data: {
      tenantId: o.tenant.id,
      email: `vera.${o.slackTeamId.toLowerCase()}@example.com`,
      name: "Vera Vogel",
      locale: "de",
      slackUserId,
    },
  });
  await prisma.roleAssignment.create({
    data: { tenantId: o.tenant.id, personId: vera.id, unitId: area.id, role: "area_head" },
  });
  return { slackUserId };
}

const COMPANY = "Kundenzufriedenheit deutlich steigern";
const AREA = "Service responds within one working day";
const TEAM = "Erstlösungsquote am Desk erhöhen";
const MEASURE = "Rückrufliste täglich abarbeiten";

type Stage = "empty" | "company" | "area" | "team" | "measure" | "checkin";
const STAGES: readonly Stage[] = ["empty", "company", "area", "team", "measure", "checkin"];

/**
 * A tenant of its own with the cascade the Done-when steps build, seeded through core up to
 * `stage`: each test creates what it needs, so any order (or a single test) works. The step a
 * test is about is always done through Slack itself.
 */
async function cascade(stage: Stage): Promise<TestTenant> {
  const o = await createTestTenant(app.kurs.db);
  registerSlackUsers(o);
  const upTo = (s: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(s);
  if (!upTo("company")) return o;
  const company = await seedGoal(o, o.people.boss.slackUserId, "company", { title: COMPANY, criterion: "NPS über 40" });
  if (!upTo("area")) return o;
  const area = await seedGoal(o, o.people.lead.slackUserId, "area", {
    title: AREA,
    parent: company,
    criterion: "95 % of tickets answered within 8 hours",
    kpi: "deadline_compliance",
    target: "95",
  });
  if (!upTo("team")) return o;
  const team = await seedGoal(o, o.people.tina.slackUserId, "team", {
    title: TEAM,
    parent: area,
    owner: await personId(o, o.people.tom),
    criterion: "Erstlösungsquote 70 %",
  });
  if (!upTo("measure")) return o;
  await seedGoal(o, o.people.tina.slackUserId, "measure", {
    title: MEASURE,
    parent: team,
    owner: await personId(o, o.people.anna),
    due: "2026-06-30",
    criterion: "Keine Rückrufe älter als 24 Stunden",
  });
  if (!upTo("checkin")) return o;
  const deps = coreDeps();
  const tom = await identify(
    deps.identifyDeps,
    { kind: "slug", slug: o.tenant.slug },
    { platform: "slack", userId: o.people.tom.slackUserId },
  );
  const checkin = await submitCheckin(deps.goals, tom, {
    item: team,
    progress: "60",
    status: "at_risk",
    note: "Two people on leave",
  });
  if (checkin.kind !== "saved") throw new Error(`seeding the check-in failed: ${textOf(checkin)}`);
  return o;
}

describe("/goals cascade through Slack modals (Done when)", () => {
  it("lets the managing director add a company goal through the modal (German)", async () => {
    const org = await cascade("empty");
    const { boss } = org.people;
    const view = await modal(org, boss, "add");
    expect(view.callback_id).toBe("goals.save-goal");
    expect(textOf(view.title)).toContain("Neues Unternehmensziel");
    const before = await goalCount(org);
    const mark = app.slack.calls.length;
    // Owner stays at its initial value: the director herself.
    const ack = await submit(org, boss, view, { title: COMPANY, due: DUE, criterion: "NPS über 40" });
    expect(ack).toEqual({ status: 200, body: null });
    expect(await goalCount(org)).toBe(before + 1);
    const dm = await dmTo(mark, boss);
    expect(textOf(dm)).toContain(COMPANY);
    expect(textOf(dm)).toContain("ist angelegt");
    expect(textOf(await homeOf(mark, boss))).toContain(COMPANY);
  });

  it("lets the area head add an area goal under it, with a KPI and target (English)", async () => {
    const org = await cascade("company");
    const { lead } = org.people;
    const view = await modal(org, lead, "add");
    expect(textOf(view.title)).toContain("New area goal");
    const mark = app.slack.calls.length;
    const ack = await submit(org, lead, view, {
      title: AREA,
      parent: optionValue(view, "parent", COMPANY),
      due: DUE,
      criterion: "95 % of tickets answered within 8 hours",
      kpi: "deadline_compliance",
      target: "95",
    });
    expect(ack).toEqual({ status: 200, body: null });
    const dm = await dmTo(mark, lead);
    expect(textOf(dm)).toContain(AREA);
    expect(textOf(dm)).toContain("is created");
    const saved = await app.kurs.db.prisma.goal.findFirstOrThrow({ where: { tenantId: org.tenant.id, title: AREA } });
    expect(saved).toMatchObject({ level: "area", kpiKey: "deadline_compliance", kpiTarget: 95 });
  });

  it("lets the team lead add a team goal owned by Tom; Tom's App Home is refreshed", async () => {
    const org = await cascade("area");
    const { tina, tom } = org.people;
    const teamGoalModal = await modal(org, tina, "add");
    expect(textOf(teamGoalModal.title)).toContain("Neues Teamziel");
    const mark = app.slack.calls.length;
    const ack = await submit(org, tina, teamGoalModal, {
      title: TEAM,
      parent: optionValue(teamGoalModal, "parent", AREA),
      owner: await personId(org, tom),
      due: DUE,
      criterion: "Erstlösungsquote 70 %",
    });
    expect(ack).toEqual({ status: 200, body: null });
    expect(textOf(await dmTo(mark, tina))).toContain(TEAM);
    // Everyone the goal concerns gets a fresh Home: the author and the owner, each in their language.
    const home = await homeOf(mark, tom);
    expect(textOf(home)).toContain(TEAM);
    expect(textOf(home)).toContain("Due this week");
  });

  it("adds a measure through the team goal's “Add measure” button, parent preselected", async () => {
    const org = await cascade("team");
    const { tina, anna } = org.people;
    const [message] = await messages(org, tina);
    const button = findButton(message?.blocks, "goals.measure");
    const opened = await clickInMessage(org, tina, button);
    if (opened.kind !== "modal") throw new Error("expected the measure modal");
    expect(textOf(opened.view.title)).toContain("Neue Maßnahme");
    expect(textOf(opened.view.blocks)).toContain(`"initial_option":{"text":{"type":"plain_text","text":"${TEAM}"`);
    const before = await goalCount(org);
    const mark = app.slack.calls.length;
    const ack = await submit(org, tina, opened.view, {
      title: MEASURE,
      owner: await personId(org, anna),
      due: "2026-06-30",
      criterion: "Keine Rückrufe älter als 24 Stunden",
    });
    expect(ack).toEqual({ status: 200, body: null });
    expect(await goalCount(org)).toBe(before + 1);
    const measure = await app.kurs.db.prisma.goal.findFirstOrThrow({
      where: { tenantId: org.tenant.id, title: MEASURE },
      include: { parent: true },
    });
    expect(measure.level).toBe("measure");
    expect(measure.parent?.title).toBe(TEAM);
    expect(textOf(await homeOf(mark, anna))).toContain(MEASURE);
  });

  it("shows the whole chain in /goals tree", async () => {
    const org = await cascade("measure");
    const all = await messages(org, org.people.anna, "tree");
    const text = textOf(all);
    expect(text).toContain("Zielkaskade");
    for (const title of [COMPANY, AREA, TEAM, MEASURE]) expect(text).toContain(title);
    // Top down: company goal, area goal, team goal, measure.
    const positions = [COMPANY, AREA, TEAM, MEASURE].map((t) => text.indexOf(t));
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("rejects a check-in outside 0–100 inline, then saves the owner's check-in from the button", async () => {
    const org = await cascade("measure");
    const { tom } = org.people;
    const [message] = await messages(org, tom);
    expect(textOf(message)).toContain("Check in");
    const opened = await clickInMessage(org, tom, findButton(message?.blocks, "goals.checkin"));
    if (opened.kind !== "modal") throw new Error("expected the check-in modal");
    expect(opened.view.callback_id).toBe("goals.save-checkin");
    expect(textOf(opened.view.blocks)).toContain(`team goal: ${TEAM}`);

    const invalid = await submit(org, tom, opened.view, { progress: "150" });
    expect(invalid.body).toEqual({
      response_action: "errors",
      errors: { progress: "Please enter a whole number from 0 to 100." },
    });

    const mark = app.slack.calls.length;
    const ack = await submit(org, tom, opened.view, { progress: "60", status: "at_risk", note: "Two people on leave" });
    expect(ack).toEqual({ status: 200, body: null });
    const dm = await dmTo(mark, tom);
    expect(textOf(dm)).toContain("Check-in saved");
    expect(textOf(dm)).toContain("60 %");
    const home = await homeOf(mark, tom);
    expect(textOf(home)).toContain("60 %");
    expect(textOf(home)).toContain("at risk");
    // The message Tom clicked "Check in" in is replaced with the current view.
    const [refreshed] = await app.slack.waitForResponses(opened.responseId);
    expect(refreshed?.replace_original).toBe(true);
    expect(textOf(refreshed)).toContain("60 %");
    assertBlockKitWithinLimits(refreshed ?? {}, "message");
  });

  it("shows Tom's progress to Anna in /goals and in the tree (German)", async () => {
    const org = await cascade("checkin");
    const [message] = await messages(org, org.people.anna);
    const text = textOf(message);
    expect(text).toContain(TEAM);
    expect(text).toContain("60 %");
    expect(text).toContain("gefährdet");
    expect(text).toContain("letzter Check-in 02.03.2026");
    expect(textOf(await messages(org, org.people.anna, "tree"))).toContain(`${TEAM}* – 60 % · gefährdet · Tom O'Brien`);
  });

  it("publishes the App Home on app_home_opened and answers its buttons by DM", async () => {
    const org = await cascade("checkin");
    const { anna } = org.people;
    const mark = app.slack.calls.length;
    const res = await postEvent(
      app.url,
      SIGNING_SECRET,
      { teamId: org.slackTeamId, userId: anna.slackUserId },
      appHomeOpenedEvent(anna.slackUserId),
    );
    expect(res.status).toBe(200);
    const home = await homeOf(mark, anna);
    expect(home.type).toBe("home");
    const text = textOf(home);
    expect(text).toContain("Diese Woche fällig");
    expect(text).toContain(MEASURE);

    // The Home tab has no response_url: the chain comes as a DM.
    const chain = findButton(home.blocks, "goals.chain", "");
    const clickMark = app.slack.calls.length;
    const click = await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        teamId: org.slackTeamId,
        userId: anna.slackUserId,
        button: chain,
        triggerId: newTriggerId(),
        container: { type: "view", viewId: "VHOME" },
      }),
    );
    expect(click.status).toBe(200);
    const dm = await dmTo(clickMark, anna);
    expect(textOf(dm)).toContain("zum Unternehmensziel beiträgt");
    expect(textOf(dm)).toContain(COMPANY);
  });

  it("ignores the Messages tab", async () => {
    const org = await cascade("team");
    const { tom } = org.people;
    const mark = app.slack.calls.length;
    const res = await postEvent(
      app.url,
      SIGNING_SECRET,
      { teamId: org.slackTeamId, userId: tom.slackUserId },
      { ...appHomeOpenedEvent(tom.slackUserId), tab: "messages" },
    );
    expect(res.status).toBe(200);
    // The positive signal: Tom then opens the Home tab, and its publish arrives. The Messages-tab
    // event came first through the same listener, so had it published, that call would be here too.
    const home = await postEvent(
      app.url,
      SIGNING_SECRET,
      { teamId: org.slackTeamId, userId: tom.slackUserId },
      appHomeOpenedEvent(tom.slackUserId),
    );
    expect(home.status).toBe(200);
    await homeOf(mark, tom);
    expect(callsSince(mark, "views.publish", (b) => b.user_id === tom.slackUserId)).toHaveLength(1);
  });

  it("answers the cascade button with the unit's tree, ephemerally", async () => {
    const org = await cascade("measure");
    const unit = await app.kurs.db.prisma.orgUnit.findFirstOrThrow({
      where: { tenantId: org.tenant.id, name: "Service" },
    });
    const result = await clickInMessage(org, org.people.tom, {
      action_id: "goals.tree#0",
      block_id: "b0",
      text: "Goal cascade",
      value: JSON.stringify({ unit: unit.id }),
    });
    if (result.kind !== "messages") throw new Error("expected a message");
    expect(result.messages[0]?.response_type).toBe("ephemeral");
    expect(result.messages[0]?.replace_original).toBe(false);
    expect(textOf(result.messages)).toContain("Goal cascade");
    expect(textOf(result.messages)).toContain(MEASURE);
  });

  it("refuses a member's /goals add, naming the team lead, and saves nothing (German and English)", async () => {
    const org = await cascade("measure");
    const before = await goalCount(org);
    const de = await goals(org, org.people.anna, "add");
    expect(de.kind).toBe("messages");
    expect(textOf(de)).toContain("Teamziele legt die Teamleitung an: Tina Teamleiterin");
    const en = await goals(org, org.people.tom, "add");
    expect(textOf(en)).toContain("Team goals are created by the team lead: Tina Teamleiterin");
    expect(await goalCount(org)).toBe(before);
  });

  it("turns a member's forged goal submission into the refusal inside the modal, saving nothing", async () => {
    const org = await cascade("area");
    const teamGoalModal = await modal(org, org.people.tina, "add");
    const before = await goalCount(org);
    const ack = await submit(org, org.people.anna, teamGoalModal, {
      title: "Heimlich angelegt",
      parent: optionValue(teamGoalModal, "parent", AREA),
      due: DUE,
      criterion: "x",
    });
    expect(ack.status).toBe(200);
    expect(ack.body?.response_action).toBe("update");
    const view = ack.body?.view;
    if (!isRecord(view)) throw new Error("no view in the ack");
    assertBlockKitWithinLimits(view, "modal");
    expect(view.submit).toBeUndefined();
    expect(textOf(view)).toContain("Tina Teamleiterin");

    // A member posing as a director: company goals are the managing directors' (Birgit).
    const company = await submit(
      org,
      org.people.anna,
      { ...teamGoalModal, private_metadata: goalFormMetadata("company", "") },
      { title: "Firmenziel von Anna", due: DUE, criterion: "x" },
    );
    expect(textOf(company.body)).toContain("Unternehmensziele legt die Geschäftsführung an: Birgit Becker");
    expect(await goalCount(org)).toBe(before);
  });

  it("opens the check-in modal from /goals checkin when something is owed", async () => {
    const org = await cascade("measure");
    const view = await modal(org, org.people.anna, "checkin");
    expect(view.callback_id).toBe("goals.save-checkin");
    expect(textOf(view.blocks)).toContain(MEASURE);
  });

  it("gives a usage hint for garbage arguments in the user's language", async () => {
    const org = await cascade("empty");
    const de = textOf(await messages(org, org.people.anna, "frobnicate 42"));
    expect(de).toContain("„frobnicate 42“ versteht /goals nicht");
    expect(de).toContain("/goals add");
    const en = textOf(await messages(org, org.people.tom, "frobnicate 42"));
    expect(en).toContain("/goals does not understand “frobnicate 42”");
    expect(en).toContain("/goals tree");
  });

  it("shows the alignment report to the area head and refuses it to a member", async () => {
    const org = await cascade("checkin");
    const report = textOf(await messages(org, org.people.lead, "report"));
    expect(report).toContain("Alignment report – Service");
    expect(report).toContain("Check-ins in the last 7 days per unit");
    const refused = textOf(await messages(org, org.people.anna, "report"));
    expect(refused).toContain("Den Abstimmungsbericht sehen Geschäftsführung und Bereichsleitungen.");
  });

  it("rejects interactions with a bad signature", async () => {
    const org = await cascade("area");
    const teamGoalModal = await modal(org, org.people.tina, "add");
    const mark = app.slack.calls.length;
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      viewSubmissionPayload({ teamId: org.slackTeamId, userId: org.people.tina.slackUserId }, teamGoalModal, {
        title: "Gefälscht",
      }),
      { signatureSecret: "wrong-secret" },
    );
    expect(res.status).toBe(401);
    // A 401 is answered before dispatch. A signed request that follows and gets its answer is the
    // positive signal that the forged one, had it been dispatched, would have been handled by now.
    await messages(org, org.people.tina);
    expect(JSON.stringify(app.slack.calls.slice(mark))).not.toContain("Gefälscht");
    expect(await app.kurs.db.prisma.goal.count({ where: { tenantId: org.tenant.id, title: "Gefälscht" } })).toBe(0);
  });
});

describe("/goals modal validation over Slack", () => {
  let other: TestTenant;
  let salesGoal: string;

  beforeAll(async () => {
    other = await createTestTenant(app.kurs.db);
    registerSlackUsers(other);
    const vera = await addSalesArea(other);
    const company = await seedGoal(other, other.people.boss.slackUserId, "company", { title: "Firmenziel" });
    await seedGoal(other, other.people.lead.slackUserId, "area", { title: "Servicebereichsziel", parent: company });
    salesGoal = await seedGoal(other, vera.slackUserId, "area", { title: "Vertriebsziel", parent: company });
  });

  it("returns every field error at once, inline and in English, and saves nothing", async () => {
    const { lead, boss } = other.people;
    const view = await modal(other, lead, "add");
    const before = await goalCount(other);
    const ack = await submit(other, lead, view, {
      title: null,
      parent: optionValue(view, "parent", "Firmenziel"),
      owner: await personId(other, boss),
      due: "2026-03-01",
      criterion: "Something measurable",
      target: "a lot",
    });
    expect(ack.status).toBe(200);
    expect(ack.body?.response_action).toBe("errors");
    const errors = isRecord(ack.body?.errors) ? ack.body.errors : {};
    expect(Object.keys(errors).sort()).toEqual(["due", "owner", "target", "title"]);
    expect(errors.title).toBe("Please enter a title.");
    expect(errors.due).toBe("That date is in the past.");
    expect(errors.owner).toContain("The owner must be someone in");
    expect(errors.owner).toContain("/Service");
    expect(errors.target).toBe("Please enter a number, e.g. 85 or 4.5.");
    expect(await goalCount(other)).toBe(before);
  });

  it("rejects a 151-character title and a parent from another area, in German", async () => {
    const { tina } = other.people;
    const view = await modal(other, tina, "add");
    const before = await goalCount(other);
    const ack = await submit(other, tina, view, {
      title: "x".repeat(151),
      // Forged: Vertrieb's goal is not among the options Tina was offered.
      parent: salesGoal,
      due: DUE,
      criterion: "Messbar",
    });
    expect(ack.body).toEqual({
      response_action: "errors",
      errors: {
        title: "Der Titel ist 151 Zeichen lang; erlaubt sind höchstens 150.",
        parent: "Dieses Ziel liegt außerhalb Ihres Bereichs; wählen Sie eines aus der Liste.",
      },
    });
    expect(await goalCount(other)).toBe(before);
  });

  it("re-renders an outdated modal that lacks a field instead of sending errors Slack would reject", async () => {
    const { tina } = other.people;
    const view = await modal(other, tina, "add");
    const blocks = Array.isArray(view.blocks) ? view.blocks : [];
    const outdated = { ...view, blocks: blocks.filter((b) => !(isRecord(b) && b.block_id === "due")) };
    const before = await goalCount(other);
    const ack = await submit(other, tina, outdated, {
      title: "Ohne Datum",
      parent: optionValue(view, "parent", "Servicebereichsziel"),
      criterion: "Messbar",
    });
    expect(ack.body?.response_action).toBe("update");
    const updated = ack.body?.view;
    if (!isRecord(updated)) throw new Error("no view in the ack");
    assertBlockKitWithinLimits(updated, "modal");
    expect(textOf(updated)).toContain("Bitte geben Sie ein Fälligkeitsdatum an.");
    // What was typed is still there.
    expect(textOf(updated)).toContain("Ohne Datum");
    expect(await goalCount(other)).toBe(before);
  });

  it("tells people who own nothing that no check-in is owed, without opening a modal", async () => {
    const de = await goals(other, other.people.anna, "checkin");
    expect(de.kind).toBe("messages");
    expect(textOf(de)).toContain("Sie haben keine offenen Ziele oder Maßnahmen für einen Check-in.");
    const en = await goals(other, other.people.tom, "checkin");
    expect(textOf(en)).toContain("You have no open goals or measures to check in on.");
  });
});

describe("/goals tree with a long cascade", () => {
  /** A tenant of its own whose team goal has `count` measures, so each test stands alone. */
  async function bigCascade(count: number): Promise<TestTenant> {
    const big = await createTestTenant(app.kurs.db);
    registerSlackUsers(big);
    const company = await seedGoal(big, big.people.boss.slackUserId, "company", { title: "Großes Firmenziel" });
    const area = await seedGoal(big, big.people.lead.slackUserId, "area", { title: "Bereichsziel", parent: company });
    const team = await seedGoal(big, big.people.tina.slackUserId, "team", { title: "Teamziel", parent: area });
    const parent = await app.kurs.db.prisma.goal.findFirstOrThrow({ where: { id: team } });
    const start = Date.now();
    await app.kurs.db.prisma.goal.createMany({
      data: Array.from({ length: count }, (_, k) => ({
        tenantId: big.tenant.id,
        level: "measure" as const,
        parentId: team,
        unitId: parent.unitId,
        title: measureTitle(k + 1),
        successCriterion: "Messbar",
        dueDate: new Date(`${DUE}T00:00:00Z`),
        createdById: parent.createdById,
        // Goals list by due date, then creation: distinct times keep the order of the titles.
        createdAt: new Date(start + k),
      })),
    });
    return big;
  }

  function measureTitle(i: number): string {
    return `Maßnahme Nummer ${String(i).padStart(3, "0")}`;
  }

  it("splits 70 measures across several messages, each within Block Kit limits", async () => {
    const big = await bigCascade(70);
    const first = await goals(big, big.people.tina, "tree");
    if (first.kind !== "messages") throw new Error("expected messages");
    const all = await responsesUntil(first.responseId, (m) => textOf(m).includes(measureTitle(70)));
    expect(all.length).toBeGreaterThan(1);
    expect(all.length).toBeLessThanOrEqual(5);
    const text = textOf(all);
    for (let i = 1; i <= 70; i += 1) expect(text).toContain(measureTitle(i));
    expect(textOf(all[0])).toContain("Zielkaskade");
  });

  it("sends a cascade longer than five replies as a DM, whole and in order, with a note", async () => {
    // Slack takes at most five messages per response_url; 270 lines need six.
    const big = await bigCascade(270);
    const mark = app.slack.calls.length;
    const first = await goals(big, big.people.tina, "tree");
    if (first.kind !== "messages") throw new Error("expected messages");
    const toTina = (b: Json) => b.channel === big.people.tina.slackUserId;
    // The last measure in a DM is the signal that the whole cascade has been sent.
    await waitForCalls(app.slack, "chat.postMessage", (b) => toTina(b) && textOf(b).includes(measureTitle(270)));
    const replies = responsesTo(first.responseId);
    expect(replies).toHaveLength(1);
    expect(textOf(replies)).toContain("Das ist zu lang für eine Antwort hier; Kurs hat es Ihnen als Direktnachricht");
    const dms = callsSince(mark, "chat.postMessage", toTina);
    expect(dms.length).toBeGreaterThan(5);
    for (const dm of dms) assertBlockKitWithinLimits(dm, "message");
    const text = textOf(dms);
    const positions = Array.from({ length: 270 }, (_, k) => text.indexOf(measureTitle(k + 1)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });
});
