import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../src/core/ports.js";
import { REMINDER_PURPOSE, renderPrompt } from "../../src/core/surveys/pulse.js";
import { buildReport, renderMarkdown } from "../../src/core/surveys/report.js";
import { CUSTOMER_TEMPLATE } from "../../src/core/surveys/templates.js";
import { createServices } from "../../src/db/services.js";
import { PrismaSurveyRepository } from "../../src/db/survey-repository.js";
import { assertBlockKitWithinLimits } from "../helpers/block-kit-limits.js";
import type { RecordedCall } from "../helpers/fake-slack.js";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  blockActionsPayload,
  buttonsIn,
  type FoundButton,
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

afterAll(async () => {
  await app?.stop();
});

async function freshTenant(): Promise<void> {
  org = await createTestTenant(app.kurs.db);
  const { boss, lead, tina, anna, tom } = org.people;
  everyone = [boss, lead, tina, anna, tom];
  for (const person of everyone)
    app.slack.addUser({ id: person.slackUserId, email: person.email, locale: person === tom ? "en-GB" : "de-DE" });
}

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

async function survey(person: TestPerson, text: string) {
  const triggerId = newTriggerId();
  const responseId = `r-${triggerId}`;
  const res = await postCommand(app.url, SIGNING_SECRET, {
    command: "/survey",
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

async function submit(person: TestPerson, view: Json, input: ModalInput) {
  const res = await postInteraction(app.url, SIGNING_SECRET, viewSubmissionPayload(caller(person), view, input));
  return { status: res.status, body: await res.text() };
}

function today(): string {
  return DateTime.now().setZone("Europe/Berlin").toISODate() ?? "";
}

function inDays(days: number): string {
  return DateTime.now().setZone("Europe/Berlin").plus({ days }).toISODate() ?? "";
}

async function companyUnit(): Promise<string> {
  const unit = await app.kurs.db.prisma.orgUnit.findFirstOrThrow({
    where: { tenantId: org.tenant.id, parentId: null },
  });
  return unit.id;
}

/** Survey prompts (cards with scale buttons) Slack accepted, per DM channel (the person's user id). */
function prompts(title: string): Map<string, RecordedCall[]> {
  const byUser = new Map<string, RecordedCall[]>();
  for (const call of app.slack.callsOf("chat.postMessage")) {
    if (call.rateLimited || !textOf(call.body.blocks).includes(title)) continue;
    if (!buttonsIn(call.body.blocks).some((b) => b.action_id.startsWith("surveys.pick#"))) continue;
    const channel = String(call.body.channel);
    byUser.set(channel, [...(byUser.get(channel) ?? []), call]);
  }
  return byUser;
}

/** The button for value `v` of the n-th scale question (each question's buttons are one actions block). */
function scaleButton(blocks: unknown, question: number, v: number): FoundButton {
  const picks = buttonsIn(blocks).filter((b) => b.action_id.startsWith("surveys.pick#"));
  const blockIds = [...new Set(picks.map((b) => b.block_id))];
  const button = picks.find((b) => b.block_id === blockIds[question] && b.text.replace("✓ ", "") === String(v));
  if (!button) throw new Error(`no button ${v} for question ${question}`);
  return button;
}

function buttonOf(blocks: unknown, id: string): FoundButton {
  const button = buttonsIn(blocks).find((b) => b.action_id.startsWith(`${id}#`));
  if (!button) throw new Error(`no ${id} button`);
  return button;
}

async function press(person: TestPerson, button: FoundButton): Promise<Json> {
  const responseId = `press-${newTriggerId()}`;
  const res = await postInteraction(
    app.url,
    SIGNING_SECRET,
    blockActionsPayload({
      ...caller(person),
      button,
      triggerId: newTriggerId(),
      container: {
        type: "message",
        responseUrl: app.slack.responseUrl(responseId),
        channelId: `D${person.slackUserId}`,
      },
    }),
  );
  expect(res.status).toBe(200);
  return reply(responseId);
}

/** Creates a pulse through the modal as Birgit; returns the survey's title. */
async function createPulse(title: string, threshold = "3"): Promise<string> {
  const { triggerId } = await survey(org.people.boss, "new");
  const view = await openedView(app.slack, triggerId);
  assertBlockKitWithinLimits(view, "modal");
  const res = await submit(org.people.boss, view, {
    template: "pulse",
    title,
    unit: await companyUnit(),
    anonymous: "yes",
    opens: today(),
    closes: inDays(10),
    threshold,
  });
  expect(res.status).toBe(200);
  return title;
}

/** Answers the pulse in the DM: one tap per scale question, then "Submit". */
async function answer(person: TestPerson, title: string, values: readonly number[]): Promise<Json> {
  let blocks = (await until("the prompt", () => prompts(title).get(person.slackUserId)?.[0]))?.body.blocks;
  for (const [q, v] of values.entries()) {
    const updated = await press(person, scaleButton(blocks, q, v));
    expect(updated.replace_original).toBe(true);
    expect(textOf(updated)).toContain(`✓ ${v}`);
    blocks = updated.blocks;
  }
  return press(person, buttonOf(blocks, "surveys.finish"));
}

describe("employee pulses on Slack", () => {
  it("refuses members, answers garbage with the usage, and refuses invalid fields inline", async () => {
    await freshTenant();
    const garbage = textOf(await reply((await survey(org.people.anna, 'frobnicate "unbalanced')).responseId));
    expect(garbage).toContain("Unbekannter Befehl");
    const refused = textOf(await reply((await survey(org.people.anna, "new")).responseId));
    expect(refused).toContain("Geschäftsführung und Bereichsleitungen");

    const { triggerId } = await survey(org.people.boss, "new");
    const view = await openedView(app.slack, triggerId);
    const res = await submit(org.people.boss, view, {
      template: "pulse",
      title: "",
      unit: "not-a-unit",
      anonymous: "yes",
      opens: "2020-01-01",
      closes: "kaputt",
      threshold: "2",
    });
    const body = JSON.parse(res.body) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    expect(Object.keys(body.errors).sort()).toEqual(["closes", "opens", "threshold", "title", "unit"]);
    expect(await app.kurs.db.prisma.survey.count({ where: { tenantId: org.tenant.id } })).toBe(0);
  });

  it("prompts everyone once by DM; German and English answers by tap; anonymous; reminders skip who answered", async () => {
    await freshTenant();
    const title = await createPulse("Puls März");
    const dms = await until("a prompt for everyone", () => {
      const p = prompts(title);
      return everyone.every((person) => p.has(person.slackUserId)) ? p : undefined;
    });
    for (const person of everyone) expect(dms.get(person.slackUserId)).toHaveLength(1);
    expect(textOf(dms.get(org.people.anna.slackUserId)?.[0]?.body.blocks)).toContain("Arbeitslast");
    expect(textOf(dms.get(org.people.tom.slackUserId)?.[0]?.body.blocks)).toContain("workload");

    const annaDone = await answer(org.people.anna, title, [4, 5, 3, 9]);
    expect(textOf(annaDone)).toContain("Danke");
    const tomDone = await answer(org.people.tom, title, [2, 3, 4, 6]);
    expect(textOf(tomDone)).toContain("Thank you");

    // A second answer is refused: the old prompt's buttons say "answered already".
    const again = await press(
      org.people.anna,
      buttonOf(dms.get(org.people.anna.slackUserId)?.[0]?.body.blocks, "surveys.finish"),
    );
    expect(textOf(again)).toContain("schon beantwortet");

    const wave = await app.kurs.db.prisma.surveyWave.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    const responses = await app.kurs.db.prisma.surveyResponse.findMany({ where: { tenantId: org.tenant.id } });
    expect(responses).toHaveLength(2);
    expect(responses.every((r) => r.personId === null)).toBe(true);
    expect(await app.kurs.db.prisma.surveyParticipation.count({ where: { waveId: wave.id } })).toBe(2);

    // Reminders on day 3 and day 5 were planned with the wave, for everyone; their renderer skips who answered.
    const reminders = await app.kurs.db.prisma.delivery.findMany({
      where: { tenantId: org.tenant.id, purpose: REMINDER_PURPOSE, platform: "slack" },
    });
    expect(new Set(reminders.map((r) => r.subject))).toEqual(new Set([`${wave.id}:3`, `${wave.id}:5`]));
    for (const row of reminders) {
      expect(DateTime.fromJSDate(row.notBefore, { zone: "Europe/Berlin" }).hour).toBe(9);
      expect(DateTime.fromJSDate(row.notBefore, { zone: "Europe/Berlin" }).weekday).toBeLessThan(6);
    }
    // The renderer as the worker runs it, on the same database; it enqueues nothing.
    const services = createServices(app.kurs.db.prisma, {
      jobs: app.kurs.producer,
      clock: systemClock,
      defaultLocale: "de",
    });
    const rendered = new Map<string, string>();
    for (const row of reminders.filter((r) => r.subject.endsWith(":3"))) {
      const out = await renderPrompt(services, {
        tenantId: row.tenantId,
        deliveryId: row.id,
        purpose: row.purpose,
        subject: row.subject,
        personId: row.personId ?? "",
        platform: "slack",
        notBefore: row.notBefore,
        payload: null,
      });
      rendered.set(row.personId ?? "", out.kind);
    }
    const people = await app.kurs.db.prisma.person.findMany({ where: { tenantId: org.tenant.id } });
    const idOf = (p: TestPerson) => people.find((x) => x.email === p.email)?.id ?? "";
    expect(rendered.get(idOf(org.people.anna))).toBe("cancel");
    expect(rendered.get(idOf(org.people.tom))).toBe("cancel");
    expect(rendered.get(idOf(org.people.tina))).toBe("message");

    // `/survey` lists the open survey for Tina but not for Anna, who answered.
    expect(textOf(await reply((await survey(org.people.tina, "")).responseId))).toContain(title);
    expect(textOf(await reply((await survey(org.people.anna, "")).responseId))).not.toContain(title);

    // Two answers are below the threshold of 3: no figures, no comments.
    const surveyRow = await app.kurs.db.prisma.survey.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    const hidden = textOf(await reply((await survey(org.people.boss, `results ${surveyRow.id}`)).responseId));
    expect(hidden).toContain("Zu wenige Antworten");
    expect(hidden).not.toContain("von 5");
    const member = textOf(await reply((await survey(org.people.anna, `results ${surveyRow.id}`)).responseId));
    expect(member).toContain("Ergebnisse sehen die Geschäftsführung");

    // Tina answers with a comment: the modal, then her prompt turns into "answered".
    let tinaBlocks = prompts(title).get(org.people.tina.slackUserId)?.[0]?.body.blocks;
    for (const [q, v] of [5, 5, 5, 10].entries())
      tinaBlocks = (await press(org.people.tina, scaleButton(tinaBlocks, q, v))).blocks;
    const promptId = `prompt-${newTriggerId()}`;
    const commentTrigger = newTriggerId();
    await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        ...caller(org.people.tina),
        button: buttonOf(tinaBlocks, "surveys.comment"),
        triggerId: commentTrigger,
        container: { type: "message", responseUrl: app.slack.responseUrl(promptId), channelId: "DTINA" },
      }),
    );
    const modal = await openedView(app.slack, commentTrigger);
    const tooLong = await submit(org.people.tina, modal, { comment: "x".repeat(4001) });
    expect(tooLong.body).toContain("response_action");
    const saved = await submit(org.people.tina, modal, { comment: "Mehr Zeit für Schulungen" });
    expect(saved.status).toBe(200);
    const [replaced] = await app.slack.waitForResponses(promptId);
    expect(replaced?.replace_original).toBe(true);
    expect(textOf(replaced)).toContain("Antwort ist gespeichert");
    expect(buttonsIn(replaced?.blocks)).toEqual([]);
    const shown = textOf(await reply((await survey(org.people.boss, `results ${surveyRow.id}`)).responseId));
    expect(shown).toContain("Klarheit: 3,7 von 5");

    // Closing sends the result to the creator.
    const closed = textOf(await reply((await survey(org.people.boss, `close ${surveyRow.id}`)).responseId));
    expect(closed).toContain("geschlossen");
    await until("the result DM", () =>
      app.slack
        .callsOf("chat.postMessage")
        .find(
          (c) =>
            c.body.channel === org.people.boss.slackUserId && textOf(c.body.blocks).includes("Ergebnis: Puls März"),
        ),
    );
  });

  it("records interviews from a modal (bad fields inline first); their themes join the report and the chat results", async () => {
    await freshTenant();
    expect(textOf(await reply((await survey(org.people.tina, "interview")).responseId))).toContain(
      "noch keine Umfrage",
    );
    const surveys = new PrismaSurveyRepository(app.kurs.db.prisma);
    const boss = await app.kurs.db.prisma.person.findFirstOrThrow({
      where: { tenantId: org.tenant.id, email: org.people.boss.email },
    });
    const customer = await surveys.create({
      tenantId: org.tenant.id,
      title: "Kundenbefragung",
      templateKey: "customer",
      createdById: boss.id,
      anonymityThreshold: 5,
      instrument: CUSTOMER_TEMPLATE,
    });
    const baseline = await surveys.addWave(org.tenant.id, customer.id, "baseline", "Ausgangsmessung");
    const followUp = await surveys.addWave(org.tenant.id, customer.id, "follow_up", "Nachmessung");
    for (const wave of [baseline, followUp]) await surveys.openWave(org.tenant.id, wave.id, 5, new Date());
    // Response time rises from 2 to 4 across six written answers per wave.
    const written = (value: number) =>
      Array.from({ length: 6 }, (_, i) => ({
        source: "import" as const,
        locale: null,
        unitId: null,
        personId: null,
        answers: [{ questionKey: "response_time", value: i < 3 ? value : value + 1, choice: null, text: null }],
      }));
    await surveys.addResponses(org.tenant.id, baseline.id, written(2), new Date());
    await surveys.addResponses(org.tenant.id, followUp.id, written(4), new Date());
    expect(textOf(await reply((await survey(org.people.tina, "interview not-an-id")).responseId))).toContain(
      "gibt es nicht",
    );

    const { triggerId } = await survey(org.people.tina, `interview ${customer.id}`);
    const view = await openedView(app.slack, triggerId);
    assertBlockKitWithinLimits(view, "modal");
    const bad = await submit(org.people.tina, view, {
      customer: "",
      date: "2999-01-01",
      interviewer: "UNOBODY",
      notes: "",
      positive: "response_time",
      negative: "response_time",
    });
    const errors = (JSON.parse(bad.body) as { errors: Record<string, string> }).errors;
    expect(Object.keys(errors).sort()).toEqual(["customer", "date", "interviewer", "negative", "notes"]);
    expect(await app.kurs.db.prisma.surveyInterview.count({ where: { tenantId: org.tenant.id } })).toBe(0);

    for (const [name, positive, negative] of [
      ["Müller GmbH", "friendliness,response_time", "deadline_reliability"],
      ["Schmidt AG", "friendliness", "response_time"],
    ] as const) {
      const { triggerId: t2 } = await survey(org.people.tina, `interview ${customer.id}`);
      const ok = await submit(org.people.tina, await openedView(app.slack, t2), {
        customer: name,
        date: today(),
        interviewer: org.people.tina.slackUserId,
        notes: "Schnelle Hilfe, aber Termine rutschen.",
        positive,
        negative,
      });
      expect(ok.status).toBe(200);
      expect(ok.body).toBe("");
    }
    expect(await app.kurs.db.prisma.surveyInterview.count({ where: { tenantId: org.tenant.id } })).toBe(2);

    const themes = await surveys.interviewThemes(org.tenant.id, customer.id);
    const full = await surveys.get(org.tenant.id, customer.id);
    if (!full) throw new Error("no survey");
    const md = renderMarkdown(full, buildReport(full, []), [], "de", { themes });
    expect(md).toContain("## Themen aus 2 Interviews");
    expect(md).toContain("- Reaktionszeit: 1 positiv, 1 negativ");
    expect(md).toContain("- Freundlichkeit: 2 positiv, 0 negativ");
    expect(md).toContain("- Termintreue: 0 positiv, 1 negativ");
    const chat = textOf(await reply((await survey(org.people.boss, `results ${customer.id}`)).responseId));
    expect(chat).toContain("Themen aus 2 Interviews");
    expect(chat).toContain("Freundlichkeit: 2 positiv, 0 negativ");
    expect(chat).toContain("Vergleich Ausgangsmessung → Nachmessung");
    expect(chat).toContain("Reaktionszeit: +2,0");
    expect(chat).toContain("deutlich besser");
    expect(chat).toContain("Erreichbarkeit: zu wenige Antworten");
  });

  it("live poll in the channel: votes changeable and counted once per person; the quiz answer shows at the close", async () => {
    await freshTenant();
    for (const [args, expected] of [
      ['"Nur eine Frage" "Eine Antwort"', "mindestens zwei Antworten"],
      ['"Offene Frage "A" "B"', "nicht geschlossen"],
      ['"Frage" "A" "B" --quiz Z', "Nach --quiz"],
      ['"Frage" "A" "a"', "gleich"],
      ["", "Bitte geben Sie eine Frage"],
    ] as const) {
      const { responseId } = await survey(org.people.boss, `poll ${args}`);
      const [message] = await app.slack.waitForResponses(responseId);
      expect(message?.response_type).toBe("ephemeral");
      expect(textOf(message)).toContain(expected);
    }
    expect(await app.kurs.db.prisma.surveyPoll.count({ where: { tenantId: org.tenant.id } })).toBe(0);

    const { responseId } = await survey(
      org.people.boss,
      'poll „Was ist unser Kern?" "Preis" "Verlässlichkeit" "Größe" --quiz B',
    );
    const [posted] = await app.slack.waitForResponses(responseId);
    expect(posted?.response_type).toBe("in_channel");
    expect(textOf(posted)).toContain("Was ist unser Kern?");
    const poll = await app.kurs.db.prisma.surveyPoll.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    expect(poll.channel).toBe("C0TEST");
    const vote = (blocks: unknown, letter: string) =>
      buttonsIn(blocks).find((b) => b.action_id.startsWith("surveys.vote#") && b.text === letter);
    const pressIn = async (person: TestPerson, button: FoundButton | undefined) => {
      if (!button) throw new Error("no button");
      return press(person, button);
    };
    await pressIn(org.people.anna, vote(posted?.blocks, "A"));
    await pressIn(org.people.tom, vote(posted?.blocks, "B"));
    // Anna changes her mind, twice: still one vote.
    await pressIn(org.people.anna, vote(posted?.blocks, "C"));
    const latest = await pressIn(org.people.anna, vote(posted?.blocks, "B"));
    expect(latest.replace_original).toBe(true);
    expect(textOf(latest)).toContain("2 Stimmen bisher");
    expect(await app.kurs.db.prisma.surveyPollVote.count({ where: { pollId: poll.id } })).toBe(2);
    expect(textOf(latest)).not.toContain("Richtige Antwort");

    // Only the host closes; then the quiz answer shows and the vote buttons are gone.
    const close = buttonsIn(latest.blocks).find((b) => b.action_id.startsWith("surveys.pollclose#"));
    const refused = await pressIn(org.people.tom, close);
    expect(refused.response_type).toBe("ephemeral");
    expect(textOf(refused)).toContain("Only whoever started the poll");
    const closed = await pressIn(org.people.boss, close);
    expect(textOf(closed)).toContain("Richtige Antwort");
    expect(textOf(closed)).toContain("Verlässlichkeit");
    expect(buttonsIn(closed.blocks).filter((b) => b.action_id.startsWith("surveys.vote#"))).toEqual([]);
    // A late vote on the old message counts nothing.
    await pressIn(org.people.tina, vote(posted?.blocks, "A"));
    expect(await app.kurs.db.prisma.surveyPollVote.count({ where: { pollId: poll.id } })).toBe(2);
  });
});
