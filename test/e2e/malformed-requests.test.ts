import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeTeamsConnector, messageActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { LEVEL, LogLines } from "../helpers/log-lines.js";
import { postSlashCommand, slackHeaders } from "../helpers/slack-signing.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

let app: RunningKurs;
let org: TestTenant;
const logs = new LogLines();
const connector = new FakeTeamsConnector();

beforeAll(async () => {
  await connector.start();
  app = await startKurs({ log: logs.logger });
  org = await createTestTenant(app.kurs.db);
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

const now = () => Math.floor(Date.now() / 1000);

async function postSlack(body: string, contentType: string, options: { timestamp?: number; secret?: string } = {}) {
  const headers = slackHeaders(options.secret ?? SIGNING_SECRET, body, options.timestamp);
  return fetch(`${app.url}/slack/events`, {
    method: "POST",
    headers: { ...headers, "content-type": contentType },
    body,
  });
}

const form = (payload: string) => new URLSearchParams({ payload }).toString();

/** A signed /kurs from Anna whose reply goes to the given response id. */
function kurs(responseId: string, timestamp?: number) {
  return postSlashCommand(
    app.url,
    SIGNING_SECRET,
    {
      command: "/kurs",
      teamId: org.slackTeamId,
      userId: org.people.anna.slackUserId,
      responseUrl: app.slack.responseUrl(responseId),
    },
    { timestamp },
  );
}

/** The request's one log line: a warn with the reason, never an error, never a stack. */
function expectOneWarnWithoutStack(mark: number, reason: RegExp) {
  const lines = logs.since(mark);
  expect(lines.filter((l) => l.level >= LEVEL.error)).toEqual([]);
  const warns = lines.filter((l) => l.level === LEVEL.warn);
  expect(warns).toHaveLength(1);
  expect(String(warns[0]?.reason)).toMatch(reason);
  expect(JSON.stringify(warns[0])).not.toMatch(/stack|"err"/);
}

describe("Slack request timestamps", () => {
  it("refuses a request signed 10 minutes in the future or in the past, and serves one 4 minutes off", async () => {
    const future = await kurs("future", now() + 10 * 60);
    expect(future.status).toBe(401);
    const past = await kurs("past", now() - 10 * 60);
    expect(past.status).toBe(401);
    // Clocks drift: within five minutes either way is Slack's own window.
    const skewed = await kurs("skewed", now() + 4 * 60);
    expect(skewed.status).toBe(200);
    expect(await app.slack.waitForResponses("skewed")).toHaveLength(1);
    // The refused ones were refused before dispatch, so nothing can answer them later: the reply to
    // a later, valid request is the signal that everything before it has been handled.
    await kurs("after-refused");
    await app.slack.waitForResponses("after-refused");
    expect(app.slack.responses.filter((r) => r.id === "future" || r.id === "past")).toEqual([]);
  });

  it("logs why a timestamp was refused, as a warning", async () => {
    const mark = logs.lines.length;
    expect((await kurs("future-log", now() + 10 * 60)).status).toBe(401);
    expectOneWarnWithoutStack(mark, /future/);
  });
});

describe("malformed Slack requests", () => {
  const signed: [string, string, string, RegExp][] = [
    ["payload=null", form("null"), "application/x-www-form-urlencoded", /not a JSON object/],
    ["payload={}", form("{}"), "application/x-www-form-urlencoded", /without type/],
    ["payload that is no JSON", form("{type: block_actions"), "application/x-www-form-urlencoded", /not a JSON object/],
    [
      "block_actions without actions",
      form(JSON.stringify({ type: "block_actions", team: { id: "T1" }, user: { id: "U1" } })),
      "application/x-www-form-urlencoded",
      /without actions/,
    ],
    [
      "a block action without action_id",
      form(JSON.stringify({ type: "block_actions", actions: [{ value: "x" }] })),
      "application/x-www-form-urlencoded",
      /without action_id/,
    ],
    [
      "view_submission without a view",
      form(JSON.stringify({ type: "view_submission" })),
      "application/x-www-form-urlencoded",
      /callback_id/,
    ],
    ["a form that is neither command nor interaction", "foo=bar", "application/x-www-form-urlencoded", /form without/],
    ["an event body that is no JSON", "{not json", "application/json", /not a JSON object/],
    ["an event without type", JSON.stringify({ event: {} }), "application/json", /without type/],
  ];

  it.each(signed)("answers a signed %s with 400 at once and one warn line", async (_name, body, type, reason) => {
    const mark = logs.lines.length;
    const res = await postSlack(body, type);
    expect(res.status).toBe(400);
    expectOneWarnWithoutStack(mark, reason);
  });

  it("checks the signature first: an unsigned malformed body is a 401, its content is not judged", async () => {
    const res = await postSlack(form("null"), "application/x-www-form-urlencoded", { secret: "wrong-secret" });
    expect(res.status).toBe(401);
  });

  it("still serves well-formed requests after the guard: slash commands and url_verification", async () => {
    expect((await kurs("well-formed")).status).toBe(200);
    expect(await app.slack.waitForResponses("well-formed")).toHaveLength(1);
    const challenge = await postSlack(
      JSON.stringify({ type: "url_verification", challenge: "abc123", token: "x" }),
      "application/json",
    );
    expect(challenge.status).toBe(200);
    expect(await challenge.text()).toContain("abc123");
  });
});

describe("malformed Teams requests", () => {
  async function postTeams(body: string) {
    return fetch(`${app.url}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
  }

  const cases: [string, string, RegExp][] = [
    ["malformed JSON", '{"type": "message", ', /JSON/],
    [
      "an activity without type",
      JSON.stringify({ ...messageActivity(activityInput()), type: undefined }),
      /without type/,
    ],
    [
      "an activity with an empty type",
      JSON.stringify({ ...messageActivity(activityInput()), type: "" }),
      /without type/,
    ],
    ["a JSON array", "[]", /not a JSON object/],
  ];

  function activityInput() {
    return { text: "hilfe", serviceUrl: connector.url, aadObjectId: "00000000-0000-4000-8000-0000000000aa" };
  }

  it.each(cases)("answers %s with 400 and one warn line without a stack", async (_name, body, reason) => {
    const mark = logs.lines.length;
    const sent = connector.sent.length;
    const res = await postTeams(body);
    expect(res.status).toBe(400);
    expectOneWarnWithoutStack(mark, reason);
    expect(connector.sent.length).toBe(sent);
  });

  it("still answers a well-formed activity", async () => {
    const res = await postTeams(
      JSON.stringify(
        messageActivity({
          text: "hilfe",
          serviceUrl: connector.url,
          tenantId: org.teamsTenantId,
          aadObjectId: org.people.anna.aadObjectId,
        }),
      ),
    );
    expect(res.status).toBeLessThan(300);
  });
});
