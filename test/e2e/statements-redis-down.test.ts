import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  newTriggerId,
  openedView,
  postCommand,
  postInteraction,
  textOf,
  viewSubmissionPayload,
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";

let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  // Redis has never been reachable since start: nothing listens on port 1.
  app = await startKurs({ env: { REDIS_URL: "redis://127.0.0.1:1" } });
  org = await createTestTenant(app.kurs.db);
  app.slack.addUser({ id: org.people.boss.slackUserId, email: org.people.boss.email, locale: "de-DE" });
});

afterAll(async () => {
  await app?.stop();
});

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("publishing a statement while Redis is down", () => {
  it("saves the statement with its deliveries and tells the author that delivery is delayed, not failed", async () => {
    const caller = { teamId: org.slackTeamId, userId: org.people.boss.slackUserId };
    const triggerId = newTriggerId();
    await postCommand(app.url, SIGNING_SECRET, {
      command: "/kurs",
      text: "statement",
      ...caller,
      responseUrl: app.slack.responseUrl(`r-${triggerId}`),
      triggerId,
    });
    const view = await openedView(app.slack, triggerId);
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      viewSubmissionPayload(caller, view, {
        title_de: "Trotz Ausfall",
        body_de: "Kommt an, sobald die Warteschlange läuft.",
      }),
    );
    expect(res.status).toBe(200);

    const notice = await until("the author's DM", () =>
      app.slack
        .callsOf("chat.postMessage")
        .find((c) => c.body.channel === org.people.boss.slackUserId && textOf(c.body).includes("Trotz Ausfall")),
    );
    expect(textOf(notice.body)).toContain("Der Versand verzögert sich");
    expect(textOf(notice.body)).not.toContain("Administration");

    const statement = await app.kurs.db.prisma.statement.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    const rows = await app.kurs.db.prisma.delivery.findMany({
      where: { tenantId: org.tenant.id, subject: statement.id },
    });
    // Five people on Slack and Teams: every row waits in the outbox for the sweep.
    expect(rows).toHaveLength(10);
    expect(rows.every((r) => r.state === "pending")).toBe(true);
  });
});
