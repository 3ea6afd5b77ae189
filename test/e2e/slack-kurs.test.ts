import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { postSlashCommand } from "../helpers/slack-signing.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  app = await startKurs();
  org = await createTestTenant(app.kurs.db);
  app.slack.addUser({ id: org.people.anna.slackUserId, email: org.people.anna.email, locale: "de-DE" });
  app.slack.addUser({ id: org.people.tom.slackUserId, email: org.people.tom.email, locale: "en-GB" });
});

afterAll(async () => {
  await app?.stop();
});

function textOf(message: Record<string, unknown>): string {
  return JSON.stringify(message.blocks ?? []) + String(message.text ?? "");
}

async function kurs(userId: string, text = "", responseId = `${userId}-${Math.random()}`) {
  const res = await postSlashCommand(app.url, SIGNING_SECRET, {
    command: "/kurs",
    text,
    teamId: org.slackTeamId,
    userId,
    responseUrl: app.slack.responseUrl(responseId),
  });
  expect(res.status).toBe(200);
  const [message] = await app.slack.waitForResponses(responseId);
  if (!message) throw new Error("no response");
  assertBlockKitWithinLimits(message as { blocks: unknown[] }, "message");
  return message;
}

describe("/kurs over the real Bolt receiver", () => {
  it("answers a German user in German with their unit, role and manager", async () => {
    const message = await kurs(org.people.anna.slackUserId);
    expect(message.response_type).toBe("ephemeral");
    const text = textOf(message);
    expect(text).toContain("Anna Schmidt");
    expect(text).toContain("Ihr Platz in der Organisation");
    expect(text).toContain("/Service/Desk");
    expect(text).toContain("Mitarbeiter/in");
    expect(text).toContain("Lars Lehmann");
    expect(text).toContain("/kurs");
  });

  it("answers an English user in English", async () => {
    const message = await kurs(org.people.tom.slackUserId);
    const text = textOf(message);
    expect(text).toContain("Your place in the organisation");
    expect(text).toContain("Team member");
    expect(text).toContain("Lars Lehmann");
    expect(text).not.toContain("Ihr Platz");
  });

  it("explains an unknown subcommand and lists what exists", async () => {
    const message = await kurs(org.people.anna.slackUserId, "frobnicate now");
    const text = textOf(message);
    expect(text).toContain("frobnicate now");
    expect(text).toContain("kennt Kurs nicht");
    expect(text).toContain("/kurs");
  });

  it("rejects a bad signature and a stale timestamp without answering", async () => {
    const bad = await postSlashCommand(
      app.url,
      SIGNING_SECRET,
      {
        command: "/kurs",
        teamId: org.slackTeamId,
        userId: org.people.anna.slackUserId,
        responseUrl: app.slack.responseUrl("bad"),
      },
      { signatureSecret: "wrong-secret" },
    );
    expect(bad.status).toBe(401);
    const stale = await postSlashCommand(
      app.url,
      SIGNING_SECRET,
      {
        command: "/kurs",
        teamId: org.slackTeamId,
        userId: org.people.anna.slackUserId,
        responseUrl: app.slack.responseUrl("stale"),
      },
      { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 },
    );
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(app.slack.responses.filter((r) => r.id === "bad" || r.id === "stale")).toHaveLength(0);
  });
});
