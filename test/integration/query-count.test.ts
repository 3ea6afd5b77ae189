import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningKurs, SIGNING_SECRET, startKurs } from "../helpers/kurs-instance.js";
import {
  blockActionsPayload,
  findButton,
  newTriggerId,
  postCommand,
  postInteraction,
  viewSubmissionPayload,
} from "../helpers/slack-interactions.js";
import { createTestTenant, type TestPerson, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

type Json = Record<string, unknown>;

/**
 * Every command and submit costs the same number of SQL statements in a tenant of 5 people as in
 * one of 5,000 people and 2,000 goals: nothing is loaded per person, per goal or per unit. Counted,
 * not timed, at the pg driver every Prisma query goes through.
 */
let statements = 0;
const originalQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof pg.Client.prototype.query;

const clock = new TestClock(new Date("2027-03-01T09:00:00Z"));
let app: RunningKurs;

beforeAll(async () => {
  app = await startKurs({ clock });
});

afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await app?.stop();
});

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until no statement has run for a moment: the post-ack work of the request is over. */
async function quiet(): Promise<void> {
  let last = -1;
  while (last !== statements) {
    last = statements;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

interface Seeded {
  readonly org: TestTenant;
  readonly measureId: string;
  readonly teamGoalId: string;
  readonly tinaId: string;
}

/** The test org plus `extraPeople` members of the desk and `extraGoals` measures owned by them. */
async function seed(extraPeople: number, extraGoals: number): Promise<Seeded> {
  const org = await createTestTenant(app.kurs.db);
  for (const person of Object.values(org.people))
    app.slack.addUser({ id: person.slackUserId, email: person.email, locale: "de-DE" });
  const prisma = app.kurs.db.prisma;
  const tenantId = org.tenant.id;
  const desk = await prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "team" } });
  const area = await prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "area" } });
  const company = await prisma.orgUnit.findFirstOrThrow({ where: { tenantId, kind: "company" } });
  const byEmail = async (p: TestPerson) =>
    (await prisma.person.findFirstOrThrow({ where: { tenantId, email: p.email } })).id;
  const boss = await byEmail(org.people.boss);
  const lead = await byEmail(org.people.lead);
  const tina = await byEmail(org.people.tina);
  const tom = await byEmail(org.people.tom);
  const people = Array.from({ length: extraPeople }, (_, i) => ({
    id: randomUUID(),
    tenantId,
    email: `p${i}.${tenantId.slice(0, 8)}@example.com`,
    name: `Person ${i}`,
    managerId: tina,
  }));
  await prisma.person.createMany({ data: people });
  await prisma.roleAssignment.createMany({
    data: people.map((p) => ({ tenantId, personId: p.id, unitId: desk.id, role: "member" as const })),
  });
  const goal = (
    level: "company" | "area" | "team" | "measure",
    unitId: string,
    parentId: string | null,
    by: string,
  ) => ({
    id: randomUUID(),
    tenantId,
    level,
    unitId,
    parentId,
    title: `${level} ${randomUUID().slice(0, 4)}`,
    successCriterion: "messbar",
    dueDate: new Date("2027-12-31"),
    createdById: by,
  });
  const c = goal("company", company.id, null, boss);
  const a = goal("area", area.id, c.id, lead);
  const t = goal("team", desk.id, a.id, tina);
  const mine = goal("measure", desk.id, t.id, tina);
  const measures = Array.from({ length: extraGoals }, () => goal("measure", desk.id, t.id, tina));
  await prisma.goal.createMany({ data: [c, a, t, mine, ...measures] });
  await prisma.goalOwner.createMany({
    data: [
      { tenantId, goalId: c.id, personId: boss },
      { tenantId, goalId: a.id, personId: lead },
      { tenantId, goalId: t.id, personId: tina },
      { tenantId, goalId: mine.id, personId: tom },
      ...measures.map((m, i) => ({
        tenantId,
        goalId: m.id,
        personId: people[i % Math.max(1, people.length)]?.id ?? tina,
      })),
    ],
  });
  return { org, measureId: mine.id, teamGoalId: t.id, tinaId: tina };
}

/** The statements one request costs, from the request until its post-ack work is done. */
async function cost(run: () => Promise<void>): Promise<number> {
  await quiet();
  const before = statements;
  await run();
  await quiet();
  return statements - before;
}

async function command(
  s: Seeded,
  person: TestPerson,
  name: string,
  text: string,
): Promise<{ view?: Json; reply?: Json }> {
  const triggerId = newTriggerId();
  const responseId = `q-${randomUUID()}`;
  await postCommand(app.url, SIGNING_SECRET, {
    command: name,
    text,
    teamId: s.org.slackTeamId,
    userId: person.slackUserId,
    responseUrl: app.slack.responseUrl(responseId),
    triggerId,
  });
  return until(`${name} ${text}`, () => {
    const opened = app.slack.callsOf("views.open").find((c) => c.body.trigger_id === triggerId);
    if (opened && isRecord(opened.body.view)) return { view: opened.body.view };
    const answer = app.slack.responses.find((r) => r.id === responseId);
    return answer ? { reply: answer.body } : undefined;
  });
}

/** The statement counts of the scenario in one tenant. */
async function scenario(s: Seeded): Promise<Record<string, number>> {
  const { tom, tina, boss } = s.org.people;
  const counts: Record<string, number> = {};
  counts["/kurs"] = await cost(async () => void (await command(s, tom, "/kurs", "")));
  counts["/goals"] = await cost(async () => void (await command(s, tom, "/goals", "")));
  counts["/goals tree"] = await cost(async () => void (await command(s, boss, "/goals", "tree")));
  counts["/goals report"] = await cost(async () => void (await command(s, boss, "/goals", "report")));
  let checkinView: Json | undefined;
  counts["check-in button"] = await cost(async () => {
    const { reply } = await command(s, tom, "/goals", "");
    const button = findButton(reply?.blocks, "goals.checkin", s.measureId);
    const triggerId = newTriggerId();
    await postInteraction(
      app.url,
      SIGNING_SECRET,
      blockActionsPayload({
        teamId: s.org.slackTeamId,
        userId: tom.slackUserId,
        button,
        triggerId,
        container: { type: "message", responseUrl: app.slack.responseUrl(`q-${randomUUID()}`) },
      }),
    );
    checkinView = await until("check-in modal", () => {
      const view = app.slack.callsOf("views.open").find((c) => c.body.trigger_id === triggerId)?.body.view;
      return isRecord(view) ? view : undefined;
    });
  });
  counts["check-in submit"] = await cost(async () => {
    if (!checkinView) throw new Error("no check-in modal");
    const mark = app.slack.calls.length;
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      viewSubmissionPayload({ teamId: s.org.slackTeamId, userId: tom.slackUserId }, checkinView, {
        progress: "40",
        status: "on_track",
      }),
    );
    expect(await res.text()).toBe("");
    await until("home refresh", () =>
      app.slack.calls.slice(mark).find((c) => c.method === "views.publish" && c.body.user_id === tom.slackUserId),
    );
  });
  counts["goal submit"] = await cost(async () => {
    const { view } = await command(s, tina, "/goals", "measure");
    if (!view) throw new Error("no measure modal");
    const mark = app.slack.calls.length;
    const res = await postInteraction(
      app.url,
      SIGNING_SECRET,
      viewSubmissionPayload({ teamId: s.org.slackTeamId, userId: tina.slackUserId }, view, {
        title: "Neue Maßnahme",
        parent: s.teamGoalId,
        owner: s.tinaId,
        due: "2027-12-31",
        criterion: "erledigt",
      }),
    );
    expect(await res.text()).toBe("");
    await until("home refresh", () =>
      app.slack.calls.slice(mark).find((c) => c.method === "views.publish" && c.body.user_id === tina.slackUserId),
    );
  });
  return counts;
}

describe("SQL statements per command do not grow with the organisation", () => {
  it("costs the same for 5 people as for 5,000 people and 2,000 goals", async () => {
    const small = await scenario(await seed(0, 0));
    const large = await scenario(await seed(5_000, 2_000));
    expect(large).toEqual(small);
    // The figures themselves, for the record (bench/README.md keeps them next to the goal).
    console.info("SQL statements per request", small);
  }, 300_000);
});
