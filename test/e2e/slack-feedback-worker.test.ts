import { randomUUID } from "node:crypto";
import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_CRITERIA } from "../../src/core/feedback/builtin-profile.js";
import { PURPOSES } from "../../src/core/feedback/deliveries.js";
import { PrismaFeedbackRepository } from "../../src/db/feedback-repository.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import { newTriggerId, postCommand, waitForCalls } from "../helpers/slack-interactions.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

// Monday 2 March 2026, 10:00 in Berlin (CET); summer time starts on Sunday 29 March.
const clock = new TestClock(new Date("2026-03-02T09:00:00Z"));
let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  // With the worker: the booking's outbox rows go through the fast path (BullMQ) to the fake Slack API.
  app = await startKurs({ clock, worker: true });
  org = await createTestTenant(app.kurs.db);
  const feedback = new PrismaFeedbackRepository(app.kurs.db.prisma);
  await feedback.seedDraft(org.tenant.id, BUILTIN_CRITERIA);
  const boss = await app.kurs.db.prisma.person.findFirstOrThrow({
    where: { tenantId: org.tenant.id, email: org.people.boss.email },
  });
  await feedback.publish(org.tenant.id, await feedback.draft(org.tenant.id), boss.id);
});

/** Polls until `probe` yields a value; the deadline only stops a hung test. */
async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out waiting for the outbox");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

afterAll(async () => {
  await app?.stop();
});

describe("/feedback schedule through the worker", () => {
  it("the invitation and its .ics reach the employee's Slack DM; the row is sent once", async () => {
    const anna = org.people.anna;
    const res = await postCommand(app.url, SIGNING_SECRET, {
      command: "/feedback",
      text: `schedule <@${anna.slackUserId}|anna> 31.03.2026 10:00 Raum 2.14`,
      teamId: org.slackTeamId,
      userId: org.people.tina.slackUserId,
      responseUrl: app.slack.responseUrl(`worker-${randomUUID()}`),
      triggerId: newTriggerId(),
    });
    expect(res.status).toBe(200);
    // The upload is the last step of the send: once it is complete, the message went before it.
    const [complete] = await waitForCalls(
      app.slack,
      "files.completeUploadExternal",
      (b) => b.channel_id === anna.slackUserId,
    );
    expect(complete).toBeDefined();
    const posted = app.slack
      .callsOf("chat.postMessage")
      .filter((c) => c.body.channel === anna.slackUserId)
      .map((c) => JSON.stringify(c.body));
    expect(posted.join("\n")).toContain("Di 31.03.2026, 10:00 MESZ");
    const [file] = app.slack.files().filter((f) => f.channel === anna.slackUserId);
    expect(file?.filename).toBe("feedback.ics");
    const ics = file?.bytes.toString("utf8") ?? "";
    const event = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === "VEVENT");
    if (event?.type !== "VEVENT") throw new Error("no VEVENT in the uploaded file");
    // 10:00 summer time in Berlin, although it was winter time when the talk was booked.
    expect(new Date(event.start).toISOString()).toBe("2026-03-31T08:00:00.000Z");
    expect(event.location).toBe("Raum 2.14");
    // The row is marked sent right after the upload; wait for that (a positive signal, bounded).
    const slackRow = await until(async () => {
      const row = await app.kurs.db.prisma.delivery.findFirst({
        where: { tenantId: org.tenant.id, purpose: PURPOSES.invitation, platform: "slack" },
      });
      return row?.state === "sent" ? row : undefined;
    });
    expect(slackRow.channel).toBe(anna.slackUserId);
    expect(app.slack.files().filter((f) => f.channel === anna.slackUserId)).toHaveLength(1);
    // Reminders and the self-assessment prompt wait in the outbox for their time.
    const waiting = await app.kurs.db.prisma.delivery.findMany({
      where: { tenantId: org.tenant.id, purpose: { in: [PURPOSES.reminder, PURPOSES.selfPrompt] } },
    });
    expect(new Set(waiting.map((r) => r.state))).toEqual(new Set(["pending"]));
    expect(waiting.map((r) => r.notBefore.toISOString())).toContain("2026-03-30T08:00:00.000Z");
  });
});
