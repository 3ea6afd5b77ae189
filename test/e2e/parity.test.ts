import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registry } from "../../src/core/features.js";
import { COMMAND_NAMES, COMMAND_WORDS } from "../../src/core/programme/commands.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  blockActionsPayload,
  newTriggerId,
  postCommand,
  postInteraction,
  textOf,
  viewSubmissionPayload,
} from "../helpers/slack-interactions.js";
import { invokeActivity, postInvoke, submitData } from "../helpers/teams-invoke.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

type Json = Record<string, unknown>;

const OUTDATED_DE = "veraltet oder ungültig";
const INTERNAL_DE = "hat leider nicht geklappt";
const INTERNAL_EN = "didn't work";

const clock = new TestClock(new Date("2027-03-01T09:00:00Z"));
const connector = new FakeTeamsConnector();
let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  await connector.start();
  app = await startKurs({ clock });
  org = await createTestTenant(app.kurs.db);
  for (const person of Object.values(org.people)) {
    app.slack.addUser({ id: person.slackUserId, email: person.email, locale: "de-DE" });
  }
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A Slack slash command; resolves with the modal it opened or the first ephemeral answer. */
async function slackCommand(
  person: TestPerson,
  command: string,
  text: string,
): Promise<{ modal?: Json; text: string }> {
  const triggerId = newTriggerId();
  const responseId = `cmd-${randomUUID()}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command,
    text,
    teamId: org.slackTeamId,
    userId: person.slackUserId,
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  expect(res.status).toBe(200);
  return until(`${command} ${text}`, () => {
    const opened = app.slack.callsOf("views.open").find((c) => c.body.trigger_id === triggerId);
    if (opened && isRecord(opened.body.view)) return { modal: opened.body.view, text: textOf(opened.body.view) };
    const answer = app.slack.responses.find((r) => r.id === responseId);
    return answer ? { text: textOf(answer.body) } : undefined;
  });
}

/** A Teams message; resolves with the one card Kurs replied with. */
async function teamsSay(person: TestPerson, text: string): Promise<Json> {
  const before = connector.sent.length;
  const res = await postActivity(
    app.url,
    messageActivity({ text, serviceUrl: connector.url, tenantId: org.teamsTenantId, aadObjectId: person.aadObjectId }),
  );
  expect(res.status).toBeLessThan(300);
  const reply = connector.sent.slice(before)[0];
  const attachments = reply?.activity.attachments as { content: unknown }[] | undefined;
  const card = attachments?.[0]?.content;
  if (!isRecord(card)) throw new Error(`no card in reply to "${text}"`);
  assertValidAdaptiveCard(card);
  return card;
}

async function teamsPress(person: TestPerson, verb: string, data: Json): Promise<Json> {
  const { status, body } = await postInvoke(
    app.url,
    invokeActivity({
      verb,
      data,
      serviceUrl: connector.url,
      tenantId: org.teamsTenantId,
      aadObjectId: person.aadObjectId,
    }),
  );
  expect(status).toBe(200);
  if (!isRecord(body.value)) throw new Error(`invoke ${verb} answered without a card`);
  assertValidAdaptiveCard(body.value);
  return body.value;
}

/** A Slack button press in a message; resolves with what came back (a modal, or a reply to the message). */
async function slackPress(person: TestPerson, actionId: string, value: string | undefined): Promise<string> {
  const triggerId = newTriggerId();
  const responseId = `btn-${randomUUID()}`;
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    blockActionsPayload({
      teamId: org.slackTeamId,
      userId: person.slackUserId,
      triggerId,
      button: { action_id: actionId, block_id: "b", text: "x", ...(value === undefined ? {} : { value }) },
      container: { type: "message", responseUrl: app.slack.responseUrl(responseId) },
    }),
  );
  expect(res.status).toBe(200);
  return until(`button ${actionId}`, () => {
    const opened = app.slack.callsOf("views.open").find((c) => c.body.trigger_id === triggerId);
    if (opened) return textOf(opened.body.view);
    const answer = app.slack.responses.find((r) => r.id === responseId);
    return answer ? textOf(answer.body) : undefined;
  });
}

/** A payload for an action's schema: a fresh id for every field (ids of nothing, which handlers must answer). */
function samplePayload(id: string): Json {
  const decl = registry.action(id);
  const shape: unknown = decl ? Reflect.get(decl.ref.schema, "shape") : undefined;
  return Object.fromEntries(Object.keys(isRecord(shape) ? shape : {}).map((key) => [key, randomUUID()]));
}

const actionIds = registry.features.flatMap((f) => (f.actions ?? []).map((a) => a.ref.id));
const formIds = registry.features.flatMap((f) => (f.forms ?? []).map((d) => d.id));

describe("every action, form and command works on Slack and on Teams (parity)", () => {
  it.each(actionIds)("handles the button %s on both platforms", async (id) => {
    const payload = samplePayload(id);
    const slack = await slackPress(org.people.boss, `${id}#0`, JSON.stringify(payload));
    for (const bad of [OUTDATED_DE, INTERNAL_DE]) expect(slack).not.toContain(bad);
    const teams = JSON.stringify(await teamsPress(org.people.boss, id, payload));
    for (const bad of [OUTDATED_DE, INTERNAL_DE]) expect(teams).not.toContain(bad);
  });

  it.each(formIds)("answers a submit of the form %s on both platforms", async (id) => {
    const view = { type: "modal", callback_id: id, title: { type: "plain_text", text: "T" }, blocks: [] };
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      viewSubmissionPayload({ teamId: org.slackTeamId, userId: org.people.boss.slackUserId }, view, {}),
    );
    expect(res.status).toBe(200);
    const slack = await res.text();
    for (const bad of [OUTDATED_DE, INTERNAL_DE]) expect(slack).not.toContain(bad);
    const teams = JSON.stringify(await teamsPress(org.people.boss, id, {}));
    for (const bad of [OUTDATED_DE, INTERNAL_DE]) expect(teams).not.toContain(bad);
  });

  it.each(COMMAND_NAMES.flatMap((name) => COMMAND_WORDS[name].map((word) => [name, word] as const)))(
    "answers /%s and the word “%s” alike",
    async (name, word) => {
      const slack = await slackCommand(org.people.tina, `/${name}`, "");
      const teams = JSON.stringify(await teamsSay(org.people.tina, word));
      for (const bad of [INTERNAL_DE, INTERNAL_EN]) {
        expect(slack.text).not.toContain(bad);
        expect(teams).not.toContain(bad);
      }
    },
  );

  it("opens the goal form for /kurs goals add on Slack and kurs goals add on Teams", async () => {
    const slack = await slackCommand(org.people.boss, "/kurs", "goals add");
    expect(slack.modal?.callback_id).toBe("goals.save-goal");
    const teams = await teamsSay(org.people.boss, "kurs ziele add");
    expect(JSON.stringify(teams)).toContain('"verb":"goals.save-goal"');
  });
});

describe("malformed, forged and outdated interactions", () => {
  it("answers an unknown action id and a forged payload with a clear message on Slack", async () => {
    for (const [actionId, value] of [
      ["nosuch.thing#0", undefined],
      ["goals.chain#0", '{"goal":"../../etc"}'],
      ["goals.chain#0", "not json"],
      ["statements.ack#3", '{"statement":42}'],
      ["no-dot-at-all", undefined],
    ] as const) {
      expect(await slackPress(org.people.anna, actionId, value)).toContain(OUTDATED_DE);
    }
  });

  it("answers an unknown verb and a forged payload with a clear card on Teams", async () => {
    expect(JSON.stringify(await teamsPress(org.people.anna, "nosuch.thing", {}))).toContain(OUTDATED_DE);
    expect(JSON.stringify(await teamsPress(org.people.anna, "statements.ack", { statement: "1 OR 1=1" }))).toContain(
      OUTDATED_DE,
    );
  });

  it("turns a modal with an unknown callback into a notice instead of an error", async () => {
    const view = { type: "modal", callback_id: "nosuch.form", title: { type: "plain_text", text: "T" }, blocks: [] };
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      viewSubmissionPayload({ teamId: org.slackTeamId, userId: org.people.anna.slackUserId }, view, {}),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as Json;
    expect(body.response_action).toBe("update");
    expect(textOf(body.view)).toContain(OUTDATED_DE);
  });
});

describe("one submission saves once", () => {
  const goalCount = () => app.kurs.db.prisma.goal.count({ where: { tenantId: org.tenant.id } });

  it("saves a Slack modal once when the same view is submitted twice and then 20 times at once", async () => {
    const { modal } = await slackCommand(org.people.boss, "/goals", "add");
    if (!modal) throw new Error("no goal modal");
    const payload = viewSubmissionPayload({ teamId: org.slackTeamId, userId: org.people.boss.slackUserId }, modal, {
      title: `Einmal ${randomUUID().slice(0, 6)}`,
      due: "2027-12-31",
      criterion: "Zählbar",
    });
    const before = await goalCount();
    const first = await postInteraction(app.url, SIGNING_SECRET, payload);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe("");
    expect(await goalCount()).toBe(before + 1);
    const again = await Promise.all(
      Array.from({ length: 20 }, () => postInteraction(app.url, SIGNING_SECRET, payload)),
    );
    for (const res of again) {
      expect(res.status).toBe(200);
      // The repeat closes the modal like the first did: no error for a double click.
      expect(await res.text()).toBe("");
    }
    expect(await goalCount()).toBe(before + 1);
  });

  it("saves a Teams form once on a double click, and the second click hears it is saved", async () => {
    const form = await teamsSay(org.people.boss, "ziele add");
    const data = submitData(form, "goals.save-goal", {
      title: `Doppelklick ${randomUUID().slice(0, 6)}`,
      due: "2027-12-31",
      criterion: "Zählbar",
    });
    const before = await goalCount();
    // Sent first with a field left empty: the form comes back with the error, and the same form
    // instance, corrected, can still be saved (a submit that saved nothing does not use it up).
    const invalid = await teamsPress(org.people.boss, "goals.save-goal", { ...data, title: "" });
    expect(JSON.stringify(invalid)).toContain('"verb":"goals.save-goal"');
    const [a, b] = await Promise.all([
      teamsPress(org.people.boss, "goals.save-goal", data),
      teamsPress(org.people.boss, "goals.save-goal", data),
    ]);
    expect(await goalCount()).toBe(before + 1);
    const texts = [JSON.stringify(a), JSON.stringify(b)];
    expect(texts.filter((t) => t.includes("bereits gespeichert"))).toHaveLength(1);
  });
});
