import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  blockActionsPayload,
  findButton,
  type ModalInput,
  newTriggerId,
  openedView,
  postCommand,
  postInteraction,
  textOf,
  viewSubmissionPayload,
  waitForCalls,
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

type Json = Record<string, unknown>;

/** What Slack turns into a channel ping, a mention or a link that hides its address. */
const ATTACK = "<!channel> <!here> <@U123> <https://example.org|click>";
const evil = (what: string) => `${what} ${ATTACK}`;
/** Slack control sequences that only user text could have put there. */
const SLACK_CONTROL = /<[!@#]|<https?:\/\/example\.org/;

// Monday 2 March 2026, 10:00 in Berlin.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));

let app: RunningKurs;
let org: TestTenant;
/** Every answer Kurs gave in the HTTP response itself (view_submission acks). */
const acks: Json[] = [];

beforeAll(async () => {
  app = await startKurs({ worker: true, clock });
  org = await createTestTenant(app.kurs.db);
  for (const person of Object.values(org.people)) {
    app.slack.addUser({
      id: person.slackUserId,
      email: person.email,
      locale: person === org.people.tom ? "en-GB" : "de-DE",
    });
  }
  // Every person's name carries the attack too: names appear in refusals, owners and notices.
  for (const person of Object.values(org.people)) {
    await app.kurs.db.prisma.person.updateMany({
      where: { tenantId: org.tenant.id, email: person.email },
      data: { name: evil(person.name) },
    });
  }
});

afterAll(async () => {
  await app?.stop();
});

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const caller = (person: TestPerson) => ({ teamId: org.slackTeamId, userId: person.slackUserId });

async function command(person: TestPerson, name: "/goals" | "/kurs", text: string) {
  const triggerId = newTriggerId();
  const responseId = `safety-${randomUUID()}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command: name,
    text,
    ...caller(person),
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  expect(res.status).toBe(200);
  return { triggerId, responseId };
}

async function submit(person: TestPerson, view: Json, input: ModalInput): Promise<void> {
  const res = await postInteraction(app.url, SIGNING_SECRET, viewSubmissionPayload(caller(person), view, input));
  expect(res.status).toBe(200);
  const raw = await res.text();
  if (raw !== "") {
    const body = JSON.parse(raw) as Json;
    acks.push(body);
    expect(body.response_action, raw).not.toBe("errors");
  }
}

/** The next DM to `person` after call index `mark` that matches. */
async function dmSince(mark: number, person: TestPerson, match: (body: Json) => boolean = () => true): Promise<Json> {
  const since = (b: Json) => b.channel === person.slackUserId && match(b);
  await waitForCalls(
    app.slack,
    "chat.postMessage",
    (b) => app.slack.calls.slice(mark).some((c) => c.body === b) && since(b),
  );
  const call = app.slack.calls.slice(mark).find((c) => c.method === "chat.postMessage" && since(c.body));
  if (!call) throw new Error("no DM");
  return call.body;
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

/** The strings Slack parses for mentions and links: top-level text and every mrkdwn object. */
function parsedStrings(body: unknown): string[] {
  const out: string[] = [];
  if (isRecord(body) && typeof body.text === "string") out.push(body.text);
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) for (const v of value) walk(v);
    else if (isRecord(value)) {
      if (value.type === "mrkdwn" && typeof value.text === "string") out.push(value.text);
      for (const v of Object.values(value)) walk(v);
    }
  };
  walk(body);
  return out;
}

describe("user text on its way to Slack (through the Bolt receiver to the Slack API)", () => {
  it("focus topic, goal title, success criterion, check-in note, statement, comment and names never reach Slack unescaped", async () => {
    const { boss, tom } = org.people;

    // Focus topic (managing director).
    let mark = app.slack.calls.length;
    const focus = await command(boss, "/goals", "focus");
    const focusView = await openedView(app.slack, focus.triggerId);
    await submit(boss, focusView, { title: evil("Fokus"), description: evil("Beschreibung") });
    await dmSince(mark, boss, (b) => textOf(b).includes("Fokus"));

    // Company goal with a title, success criterion and focus topic from the user.
    mark = app.slack.calls.length;
    const add = await command(boss, "/goals", "add");
    const goalView = await openedView(app.slack, add.triggerId);
    // The option label shows the focus topic exactly as typed (plain text, never markup).
    expect(optionValue(goalView, "focus", evil("Fokus").slice(0, 60))).not.toBe("");
    await submit(boss, goalView, {
      title: evil("Ziel"),
      criterion: evil("Erfolgskriterium"),
      due: "2026-12-31",
      focus: optionValue(goalView, "focus", "Fokus"),
    });
    await dmSince(mark, boss, (b) => textOf(b).includes("Ziel "));

    // Check-in with a note.
    mark = app.slack.calls.length;
    const checkin = await command(boss, "/goals", "checkin");
    const checkinView = await openedView(app.slack, checkin.triggerId);
    await submit(boss, checkinView, { progress: "30", status: "on_track", note: evil("Notiz") });
    await dmSince(mark, boss, (b) => textOf(b).includes("30 %"));

    // The goal everywhere it is shown: /goals, the tree and the report.
    for (const text of ["", "tree", "report"]) {
      const { responseId } = await command(boss, "/goals", text);
      await app.slack.waitForResponses(responseId);
    }
    // An area goal under it; its chain shows the success criterion.
    const { lead } = org.people;
    mark = app.slack.calls.length;
    const addArea = await command(lead, "/goals", "add");
    const areaView = await openedView(app.slack, addArea.triggerId);
    await submit(lead, areaView, {
      title: evil("Bereichsziel"),
      parent: optionValue(areaView, "parent", "Ziel "),
      criterion: evil("Kriterium"),
      due: "2026-12-31",
    });
    await dmSince(mark, lead, (b) => textOf(b).includes("Bereichsziel "));
    const mine = await command(lead, "/goals", "");
    const [mineReply] = await app.slack.waitForResponses(mine.responseId);
    const chainId = `chain-${randomUUID()}`;
    const chainClick = await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        ...caller(lead),
        button: findButton(mineReply?.blocks, "goals.chain"),
        triggerId: newTriggerId(),
        container: { type: "message", responseUrl: app.slack.responseUrl(chainId) },
      }),
    );
    expect(chainClick.status).toBe(200);
    expect(textOf(await app.slack.waitForResponses(chainId))).toContain("Kriterium");

    // A statement fanned out to everyone by the worker.
    mark = app.slack.calls.length;
    const statement = await command(boss, "/kurs", "statement");
    const statementView = await openedView(app.slack, statement.triggerId);
    await submit(boss, statementView, {
      title_de: evil("Titel"),
      body_de: `${evil("Absatz")}\n\n${evil("Zweiter Absatz")}`,
      title_en: evil("Title"),
      body_en: evil("Body"),
    });
    const tomsCopy = await dmSince(mark, tom, (b) => textOf(b).includes("statements.comment"));

    // Tom comments; the author gets a notice with his name and text.
    mark = app.slack.calls.length;
    const triggerId = newTriggerId();
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        ...caller(tom),
        button: findButton(tomsCopy.blocks, "statements.comment"),
        triggerId,
        container: { type: "message", responseUrl: app.slack.responseUrl(`c-${triggerId}`), channelId: "DTOM" },
      }),
    );
    expect(res.status).toBe(200);
    const commentView = await openedView(app.slack, triggerId);
    await submit(tom, commentView, { comment: evil("Kommentar") });
    const notice = await dmSince(mark, boss, (b) => textOf(b).includes("Kommentar"));
    expect(String(notice.text)).toContain("&lt;!channel&gt;");

    // Now everything Kurs sent: API calls, response_url messages and acks.
    const sent: { where: string; body: Json }[] = [
      ...app.slack.calls.map((c) => ({ where: c.method, body: c.body })),
      ...app.slack.responses.map((r) => ({ where: `response_url ${r.id}`, body: r.body })),
      ...acks.map((body) => ({ where: "ack", body })),
    ];
    let escapedSeen = 0;
    for (const { where, body } of sent) {
      for (const s of parsedStrings(body)) {
        expect(s, where).not.toMatch(SLACK_CONTROL);
        if (s.includes("&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &lt;https://example.org|click&gt;"))
          escapedSeen += 1;
      }
    }
    // The attack did travel: user text reached Slack many times, always escaped.
    expect(escapedSeen).toBeGreaterThan(20);
    for (const what of ["Fokus", "Ziel", "Kriterium", "Titel", "Absatz", "Kommentar", "Birgit Becker"]) {
      const escaped = `${what} &lt;!channel&gt;`;
      expect(
        sent.some(({ body }) => parsedStrings(body).some((s) => s.includes(escaped))),
        what,
      ).toBe(true);
    }
    // Top-level fallback texts in particular (where Slack used to ping the channel).
    const fallbacks = app.slack.callsOf("chat.postMessage").map((c) => String(c.body.text));
    expect(fallbacks.some((t) => t.includes(evil("Titel").replaceAll("<", "&lt;").replaceAll(">", "&gt;")))).toBe(true);
  });
});
