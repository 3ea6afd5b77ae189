import ical from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTeamsApp } from "../../src/chat/teams/create-teams-app.js";
import { FILE_CONSENT_CARD, FILE_INFO_CARD } from "../../src/chat/teams/file-consent.js";
import { PURPOSES } from "../../src/core/feedback/deliveries.js";
import { createServices } from "../../src/db/services.js";
import { TeamsConversationRepository } from "../../src/db/teams-conversation-repository.js";
import { createLogger } from "../../src/logger.js";
import { assertValidAdaptiveCard } from "../helpers/adaptive-card-validate.js";
import { FakeTeamsConnector, messageActivity, postActivity } from "../helpers/fake-teams-connector.js";
import { type RunningKurs, startKurs } from "../helpers/kurs-instance.js";
import { OutboxDriver } from "../helpers/outbox-driver.js";
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

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";
type Json = Record<string, unknown>;

// Tuesday 20 October 2026, 10:00 in Berlin (CEST); clocks go back on Sunday 25 October.
const clock = new TestClock(new Date("2026-10-20T08:00:00Z"));
let outbox: OutboxDriver;
const connector = new FakeTeamsConnector();
let app: RunningKurs;
let org: TestTenant;

beforeAll(async () => {
  await connector.start();
  app = await startKurs({ clock });
  org = await createTestTenant(app.kurs.db);
  const log = createLogger("silent");
  // The outbox's Teams transport as the worker builds it, posting to the fake connector.
  const teams = createTeamsApp(
    {
      enabled: true,
      emulator: true,
      appId: undefined,
      appPassword: undefined,
      appTenantId: undefined,
      appType: "MultiTenant",
      serviceUrl: connector.url,
    },
    log,
  );
  outbox = new OutboxDriver(app.kurs.db, services(), app.slack, {
    clock,
    log,
    teams: {
      adapter: teams.adapter,
      appId: "",
      conversations: new TeamsConversationRepository(app.kurs.db.prisma),
      defaultServiceUrl: connector.url,
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await connector.stop();
});

function asJson(value: unknown): Json {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Json;
}

function services() {
  return createServices(app.kurs.db.prisma, { jobs: app.kurs.producer, clock, defaultLocale: "de" });
}

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
  const attachments = replies[0]?.activity.attachments as { contentType: string; content: unknown }[];
  expect(attachments[0]?.contentType).toBe(ADAPTIVE);
  const card = asJson(attachments[0]?.content);
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card) };
}

async function press(person: TestPerson, action: Pick<ExecuteAction, "verb" | "data">, locale: string) {
  const { status, body } = await postInvoke(
    app.url,
    invokeActivity({
      verb: action.verb,
      data: action.data,
      serviceUrl: connector.url,
      tenantId: org.teamsTenantId,
      aadObjectId: person.aadObjectId,
      locale,
    }),
  );
  expect(status).toBe(200);
  expect(body.type).toBe(ADAPTIVE);
  const card = asJson(body.value);
  assertValidAdaptiveCard(card);
  return { card, text: JSON.stringify(card) };
}

function button(card: unknown, verb: string): ExecuteAction {
  const found = executeActions(card).find((a) => a.verb === verb);
  if (!found) throw new Error(`no ${verb} button in ${JSON.stringify(card).slice(0, 500)}`);
  return found;
}

function choiceValue(card: unknown, inputId: string, title: string): string {
  const choices = (cardInputs(card).get(inputId)?.choices ?? []) as { title: string; value: string }[];
  const choice = choices.find((c) => c.title.includes(title));
  if (!choice) throw new Error(`no choice "${title}" in ${inputId}`);
  return choice.value;
}

function submitOf(card: Json, verb: string, typed: Record<string, string>) {
  return { verb, data: submitData(card, verb, typed) };
}

const KEYS = ["customer-empathy", "solution-orientation", "reliability", "communication", "ticket-ownership"];

describe("/feedback on Teams", () => {
  let tomTalkOpen: ExecuteAction;

  it("a managing director publishes the profile (German)", async () => {
    const { card } = await say(org.people.boss, "feedback profile", "de-DE");
    const published = await press(org.people.boss, button(card, "feedback.publish"), "de-DE");
    expect(published.text).toContain("Version 1 ist veröffentlicht");
  });

  it("a team lead schedules across the end of summer time (English); the .ics keeps 10:00 local", async () => {
    const { card } = await say(org.people.tina, "feedback schedule", "en-US");
    const verb = "feedback.schedule-form";
    const tom = choiceValue(card, "person", "Tom");
    const past = await press(
      org.people.tina,
      submitOf(card, verb, { person: tom, date: "2026-10-19", time: "10:00" }),
      "en-US",
    );
    expect(fieldErrors(past.card).date).toBe("That time is in the past.");
    const saved = await press(
      org.people.tina,
      submitOf(card, verb, { person: tom, date: "2026-10-27", time: "10:00", place: "https://teams.example/meet" }),
      "en-US",
    );
    expect(saved.text).toContain("The feedback talk with Tom O'Brien is scheduled");
    const before = connector.sent.length;
    const sent = await outbox.deliverDue(org.tenant.id);
    const invitation = sent.find((m) => m.row.purpose === PURPOSES.invitation && m.row.platform === "teams");
    if (!invitation) throw new Error("no Teams invitation");
    // What the connector received for Tom: the Adaptive Card and the .ics offered on a file-consent card.
    const posted = connector.sent.slice(before).map((a) => a.activity);
    const toTom = posted.find((a) => JSON.stringify(a).includes("invites you to a feedback talk"));
    if (!toTom) throw new Error("the invitation did not reach the Teams connector");
    const attachments = toTom.attachments as { contentType: string; name?: string; content?: Json }[];
    expect(attachments.map((a) => a.contentType)).toEqual([ADAPTIVE, FILE_CONSENT_CARD]);
    const consent = attachments[1]?.content ?? {};
    expect(attachments[1]?.name).toBe("feedback.ics");
    expect(String(consent.description)).toContain("Calendar entry for the feedback talk on Tue 2026-10-27, 10:00");
    // Tom accepts: Teams hands Kurs an upload URL in his OneDrive; Kurs uploads and posts the file card.
    const accepted = await postInvoke(app.url, {
      ...invokeActivity({
        verb: "",
        data: {},
        serviceUrl: connector.url,
        tenantId: org.teamsTenantId,
        aadObjectId: org.people.tom.aadObjectId,
        locale: "en-GB",
      }),
      name: "fileConsent/invoke",
      value: {
        type: "fileUpload",
        action: "accept",
        context: consent.acceptContext,
        uploadInfo: {
          uploadUrl: `${connector.url}/upload/tom-feedback.ics`,
          contentUrl: "https://contoso-my.sharepoint.com/personal/tom/Documents/Applications/Kurs/feedback.ics",
          name: "feedback.ics",
          uniqueId: "1150D938-8870-4044-9F2C-5BBDEBA70C9D",
          fileType: "ics",
        },
      },
    });
    expect(accepted.status).toBe(200);
    const uploaded = connector.uploads.get("tom-feedback.ics");
    if (!uploaded) throw new Error("nothing was uploaded to Tom's OneDrive");
    expect(uploaded.contentRange).toBe(`bytes 0-${uploaded.bytes.length - 1}/${uploaded.bytes.length}`);
    const fileCard = connector.sent
      .map((a) => a.activity)
      .flatMap((a) => (Array.isArray(a.attachments) ? (a.attachments as { contentType: string; name?: string }[]) : []))
      .find((a) => a.contentType === FILE_INFO_CARD);
    expect(fileCard?.name).toBe("feedback.ics");
    const ics = uploaded.bytes.toString("utf8");
    expect(ics).toContain("DTSTART;TZID=Europe/Berlin:20261027T100000");
    const event = Object.values(ical.sync.parseICS(ics)).find((c) => c?.type === "VEVENT");
    if (event?.type !== "VEVENT") throw new Error("no VEVENT");
    // 10:00 CET after the change is 09:00 UTC (it was UTC+2 when the talk was booked).
    expect(new Date(event.start).toISOString()).toBe("2026-10-27T09:00:00.000Z");
    // An overlapping booking is refused.
    const clash = await say(org.people.tina, `feedback schedule ${org.people.anna.email} 2026-10-27 10:30`, "en-US");
    expect(clash.text).toContain("overlaps another feedback talk");
  });

  it("a declined or malformed file consent uploads nothing", async () => {
    const base = invokeActivity({
      verb: "",
      data: {},
      serviceUrl: connector.url,
      tenantId: org.teamsTenantId,
      aadObjectId: org.people.tom.aadObjectId,
      locale: "en-GB",
    });
    const uploadInfo = {
      uploadUrl: `${connector.url}/upload/should-not-exist.ics`,
      contentUrl: "https://contoso-my.sharepoint.com/x.ics",
      name: "x.ics",
      uniqueId: "u-1",
      fileType: "ics",
    };
    const declined = await postInvoke(app.url, {
      ...base,
      name: "fileConsent/invoke",
      value: { type: "fileUpload", action: "decline", context: { kurs: "file", filename: "feedback.ics" } },
    });
    expect(declined.status).toBe(200);
    for (const value of [
      { type: "fileUpload", action: "accept", context: { kurs: "nope" }, uploadInfo },
      { type: "fileUpload", action: "accept", context: "garbage", uploadInfo },
      { type: "fileUpload", action: "accept", context: { kurs: "file", filename: "a", mediaType: "b", content: "c" } },
      {
        type: "fileUpload",
        action: "accept",
        context: { kurs: "file", filename: "a", mediaType: "b", content: "c" },
        uploadInfo: { ...uploadInfo, uploadUrl: "file:///etc/passwd" },
      },
      "not an object",
    ]) {
      const refused = await postInvoke(app.url, { ...base, name: "fileConsent/invoke", value });
      expect(refused.status, JSON.stringify(value)).toBe(400);
    }
    expect(connector.uploads.has("should-not-exist.ics")).toBe(false);
  });

  it("the employee assesses himself, the leader records, the employee confirms (English)", async () => {
    const list = await say(org.people.tom, "feedback", "en-GB");
    tomTalkOpen = button(list.card, "feedback.open");
    const talk = await press(org.people.tom, tomTalkOpen, "en-GB");
    const selfForm = await press(org.people.tom, button(talk.card, "feedback.self"), "en-GB");
    const self: Record<string, string> = {};
    for (const key of KEYS) self[`level_${key}`] = "3";
    expect((await press(org.people.tom, submitOf(selfForm.card, "feedback.self-form", self), "en-GB")).text).toContain(
      "Your self-assessment is saved",
    );

    const tinaList = await say(org.people.tina, "feedback", "en-US");
    const tinaTalk = await press(org.people.tina, button(tinaList.card, "feedback.open"), "en-US");
    const recordForm = await press(org.people.tina, button(tinaTalk.card, "feedback.record"), "en-US");
    expect(recordForm.text).toContain("Self: Communication");
    const record: Record<string, string> = {
      need1: choiceValue(recordForm.card, "need1", "Ownership"),
      priority1: "medium",
      agreements: "Shadow second-level support for two days.",
    };
    for (const key of KEYS) record[`level_${key}`] = "3";
    record["level_ticket-ownership"] = "2";
    const bad = await press(
      org.people.tina,
      submitOf(recordForm.card, "feedback.record-form", { ...record, followUp: "someday" }),
      "en-US",
    );
    expect(Object.keys(fieldErrors(bad.card))).toEqual(["followUp"]);
    const saved = await press(org.people.tina, submitOf(recordForm.card, "feedback.record-form", record), "en-US");
    expect(saved.text).toContain("sent to Tom O'Brien for confirmation");

    const again = await press(org.people.tom, tomTalkOpen, "en-GB");
    expect(again.text).toContain("Shadow second-level support for two days.");
    const confirmed = await press(org.people.tom, button(again.card, "feedback.confirm"), "en-GB");
    expect(confirmed.text).toContain("confirmed and final");
    const tinaView = await press(org.people.tina, button(tinaList.card, "feedback.open"), "en-US");
    expect(tinaView.text).toContain("Shadow second-level support for two days.");
    expect(tinaView.text).toContain("done");
  });

  it("coverage for the area head, nothing for anyone else", async () => {
    const status = await say(org.people.lead, "feedback status", "de-DE");
    expect(status.text).toContain("Abgeschlossene Gespräche je Einheit");
    expect(status.text).not.toContain("Tom");
    for (const who of [org.people.lead, org.people.boss, org.people.anna]) {
      const shown = await press(who, tomTalkOpen, "de-DE");
      expect(shown.text).toContain("nicht daran beteiligt");
      expect(shown.text).not.toContain("Shadow second-level");
    }
  });
});
