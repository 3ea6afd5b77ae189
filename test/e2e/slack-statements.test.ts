import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitOrigin } from "../../handlers/slack/modal-origin.js";
import { deliveryJobs } from "../../jobs/definitions.js";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderSlackModal } from "../../src/chat/slack/render-block-kit.js";
import { statementForm } from "../../src/core/statements/statement-form.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  blockActionsPayload,
  buttonsIn,
  findButton,
  type ModalInput,
  newTriggerId,
  openedView,
  postCommand,
  postInteraction,
  textOf,
  viewSubmissionPayload,
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";

type Json = Record<string, unknown>;

let app: RunningKurs;
let org: TestTenant;
let everyone: TestPerson[];

beforeAll(async () => {
  app = await startKurs({ worker: true });
});

/**
 * Gives the test a tenant of its own (the module's `org` and `everyone` point at it; tests in a
 * file run one after another), so each test creates what it needs and any order works.
 */
async function freshTenant(): Promise<void> {
  org = await createTestTenant(app.kurs.db);
  const { boss, lead, tina, anna, tom } = org.people;
  everyone = [boss, lead, tina, anna, tom];
  for (const person of everyone) {
    app.slack.addUser({ id: person.slackUserId, email: person.email, locale: person === tom ? "en-GB" : "de-DE" });
  }
}

/** A fresh tenant whose managing director has published validStatement through Slack, delivered to all. */
async function published(): Promise<string> {
  await freshTenant();
  const { triggerId } = await kurs(org.people.boss, "statement");
  const res = await submit(org.people.boss, await openedView(app.slack, triggerId), validStatement);
  expect(res.status).toBe(200);
  const saved = await app.kurs.db.prisma.statement.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
  await until("a DM for everyone", () => (statementDms(saved.id).size === everyone.length ? true : undefined));
  return saved.id;
}

/** Anna presses "Gelesen" in her DM; resolves with the message that replaced it. */
async function annaReads(statementId: string, responseId: string): Promise<Json> {
  const dm = statementDms(statementId).get(org.people.anna.slackUserId)?.[0]?.body ?? {};
  const button = findButton(dm.blocks, "statements.ack", statementId);
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    blockActionsPayload({
      ...caller(org.people.anna),
      button,
      triggerId: newTriggerId(),
      container: { type: "message", responseUrl: app.slack.responseUrl(responseId), channelId: "DANNA" },
    }),
  );
  expect(res.status).toBe(200);
  return reply(responseId);
}

afterAll(async () => {
  await app?.stop();
});

const caller = (person: TestPerson) => ({ teamId: org.slackTeamId, userId: person.slackUserId });

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** `/kurs <text>`: the modal it opened, or the ephemeral reply it sent. */
async function kurs(person: TestPerson, text: string) {
  const triggerId = newTriggerId();
  const responseId = `r-${triggerId}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command: "/kurs",
    text,
    ...caller(person),
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  expect(res.status).toBe(200);
  return { triggerId, responseId };
}

async function reply(responseId: string): Promise<Json> {
  const [message] = await app.slack.waitForResponses(responseId);
  if (!message) throw new Error("no reply");
  assertBlockKitWithinLimits(message, "message");
  return message;
}

async function submit(person: TestPerson, view: Json, input: ModalInput): Promise<{ status: number; body: string }> {
  const res = await postInteraction(app.url, SIGNING_SECRET, viewSubmissionPayload(caller(person), view, input));
  return { status: res.status, body: await res.text() };
}

function statementCount(): Promise<number> {
  return app.kurs.db.prisma.statement.count({ where: { tenantId: org.tenant.id } });
}

/** Statement DMs that Slack accepted (429-answered attempts excluded), per recipient. */
function statementDms(statementId: string): Map<string, RecordedCall[]> {
  const byUser = new Map<string, RecordedCall[]>();
  for (const call of app.slack.callsOf("chat.postMessage")) {
    if (call.rateLimited || !textOf(call.body.blocks).includes(statementId)) continue;
    const channel = String(call.body.channel);
    byUser.set(channel, [...(byUser.get(channel) ?? []), call]);
  }
  return byUser;
}

/** Delivery jobs are removed once completed (so a row put back to pending can be enqueued again). */
async function jobDone(jobId: string): Promise<true> {
  return until(`job ${jobId}`, async () => {
    const job = await app.kurs.producer.queue.getJob(jobId);
    if (!job) return true;
    if ((await job.getState()) === "failed") throw new Error(`job ${jobId} failed: ${job.failedReason}`);
    return undefined;
  });
}

function slackRows(statementId: string) {
  return app.kurs.db.prisma.delivery.findMany({
    where: { tenantId: org.tenant.id, subject: statementId, platform: "slack" },
  });
}

const validStatement: ModalInput = {
  title_de: "Kunden zuerst",
  body_de: "Wir messen uns daran, wie schnell und verlässlich wir Anliegen lösen.\n\nJede Rückfrage zählt.",
  title_en: "Customers first",
  body_en: "We measure ourselves by how fast and reliably we solve requests.",
};

describe("statements on Slack", () => {
  it("refuses a member, names the managing directors, and saves nothing, not even from a forged modal", async () => {
    await freshTenant();
    const before = await statementCount();
    const { triggerId, responseId } = await kurs(org.people.anna, "statement");
    const text = textOf(await reply(responseId));
    expect(text).toContain("Geschäftsführung");
    expect(text).toContain("Birgit Becker");
    expect(app.slack.callsOf("views.open").some((c) => c.body.trigger_id === triggerId)).toBe(false);

    const forged = renderSlackModal(statementForm(translator("de")), renderOptionsFor("de")) as unknown as Json;
    const res = await submit(org.people.anna, forged, validStatement);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ response_action: "update" });
    expect(res.body).toContain("Birgit Becker");
    expect(await statementCount()).toBe(before);
  });

  it("opens the modal for a managing director and answers invalid fields inline, saving nothing", async () => {
    await freshTenant();
    const before = await statementCount();
    const { triggerId } = await kurs(org.people.boss, "statement");
    const view = await openedView(app.slack, triggerId);
    assertBlockKitWithinLimits(view, "modal");
    expect(view.callback_id).toBe("statements.save");
    expect(textOf(view)).toContain("Titel (Deutsch)");

    const res = await submit(org.people.boss, view, {
      title_de: "",
      body_de: "Text",
      title_en: "Only a title",
      body_en: "",
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(body.errors.title_de).toBe("Bitte geben Sie einen Titel ein.");
    expect(body.errors.body_en).toContain("englische Fassung braucht Titel und Text");
    expect(Object.keys(body.errors).sort()).toEqual(["body_en", "title_de"]);
    expect(await statementCount()).toBe(before);
  });

  it("publishes: everyone gets exactly one DM in their language, through 429s and duplicate jobs", async () => {
    await freshTenant();
    // Slack answers the next chat.postMessage calls with 429 + Retry-After: 1; nothing may be dropped.
    app.slack.rateLimit("chat.postMessage", 4, 1);
    const { triggerId } = await kurs(org.people.boss, "statement");
    const view = await openedView(app.slack, triggerId);
    const res = await submit(org.people.boss, view, validStatement);
    expect(res.status).toBe(200);
    expect(res.body).toBe("");

    const saved = await app.kurs.db.prisma.statement.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    const statementId = saved.id;
    expect(saved).toMatchObject({ version: 1, titleDe: "Kunden zuerst", titleEn: "Customers first" });

    // The same rows enqueued again (say the sweep racing the fast path) collapse onto their jobs or
    // find the rows sent; stray copies for Anna and Tom under other ids must find the rows sent.
    await app.kurs.producer.enqueueDeliveries(
      (await slackRows(statementId)).map((r) => ({ tenantId: org.tenant.id, deliveryId: r.id })),
    );
    await until("a DM for everyone", () => (statementDms(statementId).size === everyone.length ? true : undefined));
    await until("every Slack row sent", async () =>
      (await slackRows(statementId)).every((r) => r.state === "sent") ? true : undefined,
    );
    for (const row of (await slackRows(statementId)).slice(0, 2)) {
      const jobId = `delivery.send-again:${org.tenant.id}:${row.id}`;
      await app.kurs.producer.enqueue(
        deliveryJobs.send.name,
        { tenantId: org.tenant.id, deliveryId: row.id },
        { jobId },
      );
      await jobDone(jobId);
    }

    const dms = statementDms(statementId);
    for (const person of everyone) expect(dms.get(person.slackUserId), person.name).toHaveLength(1);
    const limited = app.slack.callsOf("chat.postMessage").filter((c) => c.rateLimited);
    expect(limited).toHaveLength(4);
    expect(limited.some((c) => textOf(c.body.blocks).includes(statementId))).toBe(true);

    const anna = dms.get(org.people.anna.slackUserId)?.[0]?.body ?? {};
    assertBlockKitWithinLimits(anna, "message");
    expect(textOf(anna)).toContain("Kunden zuerst");
    expect(textOf(anna)).toContain("Gelesen");
    expect(textOf(anna)).toContain("Von Birgit Becker · Version 1");
    expect(buttonsIn(anna.blocks).map((b) => b.text)).toEqual(["Gelesen", "Kommentieren"]);
    const tom = dms.get(org.people.tom.slackUserId)?.[0]?.body ?? {};
    expect(textOf(tom)).toContain("Customers first");
    expect(textOf(tom)).toContain("We measure ourselves");
    expect(textOf(tom)).not.toContain("Kunden zuerst");
    expect(buttonsIn(tom.blocks).map((b) => b.text)).toEqual(["Read", "Comment"]);
    // Directors may revise; the button is theirs alone.
    const boss = dms.get(org.people.boss.slackUserId)?.[0]?.body ?? {};
    expect(buttonsIn(boss.blocks).map((b) => b.text)).toEqual(["Gelesen", "Kommentieren", "Überarbeiten"]);

    const rows = await slackRows(statementId);
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => r.state === "sent" && r.sentAt !== null && r.messageId)).toBe(true);
  });

  it("records Anna's 'Gelesen' once and replaces her DM with the read receipt", async () => {
    const statementId = await published();
    const first = await annaReads(statementId, `ack-anna-1-${statementId}`);
    expect(first.replace_original).toBe(true);
    expect(textOf(first)).toMatch(/✓ gelesen am \d{2}\.\d{2}\.\d{4}/);
    expect(buttonsIn(first.blocks).map((b) => b.text)).toEqual(["Kommentieren"]);

    // A second click (an old copy of the message) changes nothing.
    const second = await annaReads(statementId, `ack-anna-2-${statementId}`);
    expect(textOf(second)).toContain("gelesen am");
    const acks = await app.kurs.db.prisma.statementAck.findMany({ where: { statementId } });
    expect(acks.map((a) => a.personId)).toEqual([await personIdOrThrow(org.people.anna)]);
  });

  it("shows the acknowledgement report per unit to directors and area heads only", async () => {
    const statementId = await published();
    await annaReads(statementId, `ack-${statementId}`);
    const boss = await kurs(org.people.boss, "statement report");
    const report = await reply(boss.responseId);
    const text = textOf(report);
    expect(text).toContain("Lesebestätigungen – Kunden zuerst");
    expect(text).toContain("1 von 5 gelesen");
    const lines = text.split("\\n");
    expect(lines.find((l) => l.includes("Service/Desk"))).toContain("1 von 3 gelesen");
    expect(lines.find((l) => l.includes("*Service*"))).toContain("1 von 4 gelesen");
    expect(text).not.toContain("Anna");

    const lead = await reply((await kurs(org.people.lead, "statement report")).responseId);
    expect(textOf(lead)).toContain("1 von 4 gelesen");
    expect(textOf(lead)).toContain("Service/Desk");

    const member = await reply((await kurs(org.people.anna, "statement report")).responseId);
    expect(textOf(member)).toContain("sehen Geschäftsführung und Bereichsleitungen");
  });

  it("lets Tom comment: inline error when empty, then a confirmation for him and a notice for the author", async () => {
    const statementId = await published();
    const dm = statementDms(statementId).get(org.people.tom.slackUserId)?.[0]?.body ?? {};
    const triggerId = newTriggerId();
    await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        ...caller(org.people.tom),
        button: findButton(dm.blocks, "statements.comment", statementId),
        triggerId,
        container: { type: "message", responseUrl: app.slack.responseUrl("comment-tom"), channelId: "DTOM" },
      }),
    );
    const view = await openedView(app.slack, triggerId);
    assertBlockKitWithinLimits(view, "modal");
    expect(view.callback_id).toBe("statements.save-comment");
    // Core's metadata (the statement id) travels with the DM's response_url (handlers/slack/modal-origin.ts).
    expect(splitOrigin(String(view.private_metadata)).metadata).toBe(statementId);
    expect(textOf(view)).toContain("Birgit Becker receives your comment with your name");

    const empty = await submit(org.people.tom, view, { comment: "" });
    expect(JSON.parse(empty.body)).toEqual({
      response_action: "errors",
      errors: { comment: "Please write your comment." },
    });

    const sent = await submit(org.people.tom, view, { comment: "What does this mean for *weekend* shifts?" });
    expect(sent.body).toBe("");
    const confirmation = await until("Tom's confirmation", () =>
      app.slack
        .callsOf("chat.postMessage")
        .find((c) => c.body.channel === org.people.tom.slackUserId && textOf(c.body).includes("Your comment on")),
    );
    expect(textOf(confirmation.body)).toContain("goes to Birgit Becker");
    const notice = await until("the author's notice", () =>
      app.slack
        .callsOf("chat.postMessage")
        .find((c) => c.body.channel === org.people.boss.slackUserId && textOf(c.body).includes("kommentiert")),
    );
    expect(textOf(notice.body)).toContain("Tom O'Brien");
    expect(textOf(notice.body)).toContain("kommentiert Ihr Statement");
    expect(textOf(notice.body)).toContain("weekend");
    const comments = await app.kurs.db.prisma.statementComment.findMany({ where: { statementId } });
    expect(comments.map((c) => c.text)).toEqual(["What does this mean for *weekend* shifts?"]);
  });

  it("publishes a revision as version 2 of the same series, delivered to everyone again", async () => {
    const statementId = await published();
    const dm = statementDms(statementId).get(org.people.boss.slackUserId)?.[0]?.body ?? {};
    const triggerId = newTriggerId();
    await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        ...caller(org.people.boss),
        button: findButton(dm.blocks, "statements.revise", statementId),
        triggerId,
        container: { type: "message", responseUrl: app.slack.responseUrl("revise-boss"), channelId: "DBOSS" },
      }),
    );
    const view = await openedView(app.slack, triggerId);
    expect(textOf(view)).toContain("Version 2 ersetzt Version 1");
    const res = await submit(org.people.boss, view, { body_de: "Neu: Jede Rückfrage zählt doppelt." });
    expect(res.body).toBe("");
    const versions = await app.kurs.db.prisma.statement.findMany({
      where: { tenantId: org.tenant.id },
      orderBy: { version: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]?.seriesId).toBe(versions[0]?.seriesId);
    expect(versions[1]?.titleDe).toBe("Kunden zuerst");
    const v2 = versions[1]?.id ?? "";
    await until("version 2 for everyone", () => (statementDms(v2).size === everyone.length ? true : undefined));
    expect(textOf(statementDms(v2).get(org.people.anna.slackUserId)?.[0]?.body)).toContain("Version 2");
  });
});

async function personIdOrThrow(person: TestPerson): Promise<string> {
  const row = await app.kurs.db.prisma.person.findFirst({
    where: { tenantId: org.tenant.id, email: person.email },
    select: { id: true },
  });
  if (!row) throw new Error(`no person ${person.email}`);
  return row.id;
}
