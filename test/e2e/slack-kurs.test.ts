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
    expect(text).toContain("Tina Teamleiterin");
    expect(text).toContain("/kurs");
  });

  it("lists /kurs statement for managing directors only", async () => {
    app.slack.addUser({ id: org.people.boss.slackUserId, email: org.people.boss.email, locale: "de-DE" });
    expect(textOf(await kurs(org.people.boss.slackUserId))).toContain("/kurs statement");
    expect(textOf(await kurs(org.people.anna.slackUserId))).not.toContain("/kurs statement");
  });

  it("answers an English user in English", async () => {
    const message = await kurs(org.people.tom.slackUserId);
    const text = textOf(message);
    expect(text).toContain("Your place in the organisation");
    expect(text).toContain("Team member");
    expect(text).toContain("Tina Teamleiterin");
    expect(text).not.toContain("Ihr Platz");
  });

  it("explains an unknown subcommand and lists what exists", async () => {
    const message = await kurs(org.people.anna.slackUserId, "frobnicate now");
    const text = textOf(message);
    expect(text).toContain("frobnicate now");
    expect(text).toContain("kennt Kurs nicht");
    expect(text).toContain("/kurs");
  });

  it("asks Slack for a user's locale once and then uses the cache", async () => {
    const before = app.slack.callsOf("users.info").filter((c) => c.body.user === org.people.lead.slackUserId).length;
    app.slack.addUser({ id: org.people.lead.slackUserId, email: org.people.lead.email, locale: "de-DE" });
    await kurs(org.people.lead.slackUserId);
    await kurs(org.people.lead.slackUserId, "hilfe");
    const after = app.slack.callsOf("users.info").filter((c) => c.body.user === org.people.lead.slackUserId).length;
    expect(after - before).toBe(1);
  });

  it("answers in the person's imported language when Slack does not tell one, and never fails for it", async () => {
    // Tom's Slack account is unknown to users.info here; the org import says "en".
    const other = await createTestTenant(app.kurs.db);
    const res = await postSlashCommand(app.url, SIGNING_SECRET, {
      command: "/kurs",
      teamId: other.slackTeamId,
      userId: other.people.tom.slackUserId,
      responseUrl: app.slack.responseUrl("tom-no-info"),
    });
    expect(res.status).toBe(200);
    const [message] = await app.slack.waitForResponses("tom-no-info");
    expect(textOf(message ?? {})).toContain("Your place in the organisation");
  });

  it("resolves the tenant of an Enterprise Grid workspace by its enterprise id", async () => {
    await app.kurs.db.prisma.tenant.update({
      where: { id: org.tenant.id },
      data: { slackEnterpriseId: `E${org.slackTeamId}` },
    });
    const res = await postSlashCommand(app.url, SIGNING_SECRET, {
      command: "/kurs",
      teamId: "TOTHERWORKSPACE",
      enterpriseId: `E${org.slackTeamId}`,
      userId: org.people.anna.slackUserId,
      responseUrl: app.slack.responseUrl("grid"),
    });
    expect(res.status).toBe(200);
    const [message] = await app.slack.waitForResponses("grid");
    expect(textOf(message ?? {})).toContain("Anna Schmidt");
  });

  it("answers the commands that are not switched on yet with what is available, in both languages", async () => {
    for (const [command, user, expected] of [
      ["/survey", org.people.anna.slackUserId, "noch nicht freigeschaltet"],
      // /kpi is switched on (test/e2e/kpi-chat.test.ts); /survey is not yet in chat.
      ["/survey", org.people.tom.slackUserId, "not switched on in this version yet"],
    ] as const) {
      const id = `${command}-${user}`;
      await postSlashCommand(app.url, SIGNING_SECRET, {
        command,
        text: "garbage %$§ arguments",
        teamId: org.slackTeamId,
        userId: user,
        responseUrl: app.slack.responseUrl(id),
      });
      const [message] = await app.slack.waitForResponses(id);
      const text = textOf(message ?? {});
      expect(text).toContain(expected);
      expect(text).toContain(command);
      expect(text).toContain("/kurs");
    }
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
    // Both were refused before dispatch; the answer to a later, valid command is the positive
    // signal that anything dispatched before it has been handled.
    const after = await postSlashCommand(app.url, SIGNING_SECRET, {
      command: "/kurs",
      teamId: org.slackTeamId,
      userId: org.people.anna.slackUserId,
      responseUrl: app.slack.responseUrl("after-refused"),
    });
    expect(after.status).toBe(200);
    await app.slack.waitForResponses("after-refused");
    expect(app.slack.responses.filter((r) => r.id === "bad" || r.id === "stale")).toHaveLength(0);
  });
});
