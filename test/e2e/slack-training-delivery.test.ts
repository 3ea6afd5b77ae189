import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identify } from "../../src/core/org/identify.js";
import { PURPOSES } from "../../src/core/trainings/notices.js";
import { enrol, submitSession, submitTraining } from "../../src/core/trainings/service.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import { plannedDeliveries } from "../helpers/planned-deliveries.js";
import { textOf, waitForCalls } from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

// Monday 2 November 2026, 10:00 in Berlin.
const clock = new TestClock(new Date("2026-11-02T09:00:00Z"));
let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  app = await startKurs({ worker: true, clock });
  org = await createTestTenant(app.kurs.db);
  for (const person of Object.values(org.people)) {
    app.slack.addUser({ id: person.slackUserId, email: person.email, locale: "de-DE" });
  }
});

afterAll(async () => {
  await app?.stop();
});

function requester(person: TestPerson) {
  const s = app.kurs.services;
  return identify(
    { tenants: s.tenants, org: s.org, defaultLocale: "de" },
    { kind: "slug", slug: org.tenant.slug },
    { platform: "slack", userId: person.slackUserId },
  );
}

describe("training messages through the outbox and the worker", () => {
  it("an enrolment's confirmation reaches the person as a Slack DM through the worker; reminders wait for their time", async () => {
    const services = app.kurs.services;
    const boss = await requester(org.people.boss);
    expect(
      (await submitTraining(services, boss, { titleDe: "Basistraining", kind: "basic", duration: "240" })).kind,
    ).toBe("saved");
    const [training] = await services.trainings.trainings(org.tenant.id);
    const saved = await submitSession(services, boss, training?.id ?? "", {
      date: "2026-11-24",
      time: "09:00",
      timezone: "Europe/Berlin",
      place: "Raum 2",
      capacity: "15",
    });
    expect(saved.kind).toBe("saved");
    const [session] = await services.trainings.sessions(org.tenant.id);
    await enrol(services, await requester(org.people.anna), session?.id ?? "");
    await waitForCalls(
      app.slack,
      "chat.postMessage",
      (body) => body.channel === org.people.anna.slackUserId && textOf(body).includes("Sie sind angemeldet"),
    );
    // The calendar file follows the confirmation into the same DM: 09:00 Berlin on 24 November.
    await waitForCalls(app.slack, "files.completeUploadExternal", (b) => b.channel_id === org.people.anna.slackUserId);
    const [file] = app.slack.files().filter((f) => f.channel === org.people.anna.slackUserId);
    expect(file?.filename).toBe("training.ics");
    const ics = (file?.bytes.toString("utf8") ?? "").replace(/\r?\n[ \t]/g, "");
    expect(ics).toContain("METHOD:REQUEST");
    expect(ics).toMatch(/DTSTART(;[^:]*)?:20261124T080000Z/);
    const anna = (await services.org.findPersonByEmail(org.tenant.id, org.people.anna.email))?.id ?? "";
    const rows = await plannedDeliveries(app.kurs.db.prisma, org.tenant.id, {
      purpose: PURPOSES.enrolled,
      personId: anna,
    });
    const slackRow = rows.find((r) => r.platform === "slack");
    expect(slackRow?.plan.notBefore.toISOString()).toBe("2026-11-02T09:00:00.000Z");
    // The reminders wait for their time: a week and a day before, 09:00 Berlin.
    const reminders = await plannedDeliveries(app.kurs.db.prisma, org.tenant.id, {
      purpose: PURPOSES.reminder,
      personId: anna,
    });
    expect(reminders.filter((r) => r.platform === "slack").map((r) => r.plan.notBefore.toISOString())).toEqual([
      "2026-11-17T08:00:00.000Z",
      "2026-11-23T08:00:00.000Z",
    ]);
    expect(reminders.every((r) => r.state === "pending")).toBe(true);
  });
});
