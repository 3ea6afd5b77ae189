import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  addWave,
  createFromTemplate,
  ensureOpen,
  findWave,
  issueInvitations,
  type SurveyDeps,
} from "../../src/core/surveys/survey-service.js";
import { CUSTOMER_TEMPLATE } from "../../src/core/surveys/templates.js";
import { hashToken } from "../../src/core/surveys/tokens.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaSurveyRepository } from "../../src/db/survey-repository.js";
import { createTestTenant, type TestTenant } from "../helpers/tenant-fixture.js";
import { TestClock } from "../helpers/test-clock.js";

let db: Database;
let org: TestTenant;
let other: TestTenant;
let deps: SurveyDeps;
const clock = new TestClock(new Date("2026-11-28T10:00:00Z"));

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  org = await createTestTenant(db, { name: "Survey model" });
  other = await createTestTenant(db, { name: "Survey model, other tenant" });
  deps = { surveys: new PrismaSurveyRepository(db.prisma), clock };
});

afterAll(async () => {
  await db?.close();
});

describe("survey model", () => {
  it("copies the built-in customer template with exactly the issue's keys, in German and English", async () => {
    const survey = await createFromTemplate(deps, {
      tenantId: org.tenant.id,
      template: "customer",
      title: "Baseline 2026",
    });
    expect(survey.criteria.map((c) => c.key)).toEqual([
      "reachability",
      "response_time",
      "solution_competence",
      "deadline_reliability",
      "friendliness",
      "communication",
      "overall",
    ]);
    expect(survey.questions.map((q) => [q.key, q.kind])).toEqual([
      ["reachability", "likert5"],
      ["response_time", "likert5"],
      ["solution_competence", "likert5"],
      ["deadline_reliability", "likert5"],
      ["friendliness", "likert5"],
      ["communication", "likert5"],
      ["overall", "likert5"],
      ["nps", "nps"],
      ["comment", "free_text"],
    ]);
    for (const q of survey.questions) {
      expect(q.textDe).not.toBe(q.textEn);
      expect(q.textDe.length).toBeGreaterThan(10);
    }
    expect(survey.anonymityThreshold).toBe(5);
    expect(CUSTOMER_TEMPLATE.titleDe).toBe("Kundenzufriedenheit IT-Dienstleister");
    expect(CUSTOMER_TEMPLATE.titleEn).toBe("Customer satisfaction for IT service providers");
  });

  it("refuses a threshold below 3 in core and in the database, and freezes it when a wave opens", async () => {
    await expect(
      createFromTemplate(deps, { tenantId: org.tenant.id, template: "customer", title: "x", anonymityThreshold: 2 }),
    ).rejects.toMatchObject({ code: "THRESHOLD_INVALID" });
    const survey = await createFromTemplate(deps, { tenantId: org.tenant.id, template: "customer", title: "Frozen" });
    await expect(
      db.prisma.survey.update({ where: { id: survey.id }, data: { anonymityThreshold: 2 } }),
    ).rejects.toThrow(/anonymityThreshold_check|check constraint/i);
    await deps.surveys.setThreshold(org.tenant.id, survey.id, 7);
    await addWave(deps, org.tenant.id, survey.id, "baseline", "Baseline");
    const fresh = await deps.surveys.get(org.tenant.id, survey.id);
    if (!fresh) throw new Error("survey missing");
    const opened = await ensureOpen(deps, fresh, findWave(fresh, "baseline"));
    expect(opened).toMatchObject({ status: "open", anonymityThreshold: 7 });
    await expect(deps.surveys.setThreshold(org.tenant.id, survey.id, 9)).rejects.toMatchObject({
      code: "THRESHOLD_FROZEN",
    });
    // Opening again leaves the frozen threshold alone.
    expect((await deps.surveys.openWave(org.tenant.id, opened.id, 3, clock.now())).anonymityThreshold).toBe(7);
  });

  it("rejects duplicate and malformed wave keys", async () => {
    const survey = await createFromTemplate(deps, { tenantId: org.tenant.id, template: "customer", title: "Waves" });
    await addWave(deps, org.tenant.id, survey.id, "baseline", "Baseline");
    await expect(addWave(deps, org.tenant.id, survey.id, "baseline", "Again")).rejects.toMatchObject({
      code: "WAVE_EXISTS",
    });
    await expect(addWave(deps, org.tenant.id, survey.id, "Follow Up", "x")).rejects.toMatchObject({
      code: "WAVE_KEY_INVALID",
    });
  });

  it("stores invitation tokens only as sha256, one per recipient, and no person on anonymous answers", async () => {
    const survey = await createFromTemplate(deps, { tenantId: org.tenant.id, template: "customer", title: "Links" });
    const wave = await addWave(deps, org.tenant.id, survey.id, "baseline", "Baseline");
    const recipients = [
      { line: 2, email: "a@kunde.de", name: "A", company: "Kunde AG", locale: "de" as const },
      { line: 3, email: "b@client.com", name: null, company: null, locale: "en" as const },
    ];
    const first = await issueInvitations(deps, survey, wave, recipients, { expiresInDays: 30, renewUnsent: false });
    expect(first.issued).toHaveLength(2);
    const again = await issueInvitations(deps, survey, wave, recipients, { expiresInDays: 30, renewUnsent: false });
    expect(again).toMatchObject({ issued: [], skipped: 2 });
    const rows = await db.prisma.surveyInvitation.findMany({ where: { waveId: wave.id }, orderBy: { email: "asc" } });
    expect(rows).toHaveLength(2);
    for (const link of first.issued) {
      expect(Buffer.from(link.token, "base64url").length).toBeGreaterThanOrEqual(16);
      const row = rows.find((r) => r.email === link.invitation.email);
      expect(row?.tokenHash).toBe(hashToken(link.token));
      expect(JSON.stringify(row)).not.toContain(link.token);
    }
    expect(rows.map((r) => r.locale)).toEqual(["de", "en"]);

    const token = first.issued[0]?.token ?? "";
    const answers = [{ questionKey: "overall", value: 4, choice: null, text: null }];
    const person = await db.prisma.person.findFirstOrThrow({ where: { tenantId: org.tenant.id } });
    const at = new Date("2026-11-28T10:17:43Z");
    expect(
      await deps.surveys.submitInvited(
        hashToken(token),
        { source: "web", locale: "de", unitId: null, personId: person.id, answers },
        at,
      ),
    ).toBe(true);
    expect(
      await deps.surveys.submitInvited(
        hashToken(token),
        { source: "web", locale: "de", unitId: null, personId: null, answers },
        at,
      ),
    ).toBe(false);
    const responses = await db.prisma.surveyResponse.findMany({ where: { waveId: wave.id } });
    expect(responses).toHaveLength(1);
    // An anonymous survey keeps no person and only the day, so answers cannot be matched to the link.
    expect(responses[0]?.personId).toBeNull();
    expect(responses[0]?.submittedOn.toISOString()).toBe("2026-11-28T00:00:00.000Z");
    expect(Object.keys(responses[0] ?? {})).not.toContain("invitationId");
  });

  it("lets PostgreSQL reject an answer that points at another tenant's question", async () => {
    const mine = await createFromTemplate(deps, { tenantId: org.tenant.id, template: "customer", title: "Mine" });
    const theirs = await createFromTemplate(deps, { tenantId: other.tenant.id, template: "customer", title: "Theirs" });
    const wave = await addWave(deps, org.tenant.id, mine.id, "baseline", "Baseline");
    const response = await db.prisma.surveyResponse.create({
      data: { tenantId: org.tenant.id, waveId: wave.id, source: "import", submittedOn: new Date("2026-11-28") },
    });
    const foreignQuestion = theirs.questions[0]?.id ?? "";
    await expect(
      db.prisma.surveyAnswer.create({
        data: { tenantId: org.tenant.id, responseId: response.id, questionId: foreignQuestion, value: 3 },
      }),
    ).rejects.toThrow();
    await expect(
      db.prisma.surveyWave.create({ data: { tenantId: org.tenant.id, surveyId: theirs.id, key: "x", label: "x" } }),
    ).rejects.toThrow();
  });
});
