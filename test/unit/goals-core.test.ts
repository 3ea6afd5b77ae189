import { describe, expect, it } from "vitest";
import { owedCheckins, validateCheckin } from "../../src/core/goals/checkin-form.js";
import { chainCard, myGoalsCard, reportCard, treeCard } from "../../src/core/goals/goal-cards.js";
import { type GoalFormContext, goalForm, validateGoalForm } from "../../src/core/goals/goal-form.js";
import { OrgScope } from "../../src/core/goals/org-scope.js";
import { mayCreate, parentCandidates } from "../../src/core/goals/permissions.js";
import type { GoalLevel, GoalView } from "../../src/core/goals/types.js";
import type { PersonProfile, PersonRef, Role, UnitNode } from "../../src/core/org/types.js";
import type { Card } from "../../src/core/ui/card.js";
import { translator } from "../../src/core/ui/i18n/index.js";

const units: UnitNode[] = [
  { id: "c", name: "Firma", path: "Firma", kind: "company", parentId: null },
  { id: "a1", name: "Service", path: "Firma/Service", kind: "area", parentId: "c" },
  { id: "t1", name: "Desk", path: "Firma/Service/Desk", kind: "team", parentId: "a1" },
  { id: "t2", name: "Netz", path: "Firma/Service/Netz", kind: "team", parentId: "a1" },
  { id: "a2", name: "Vertrieb", path: "Firma/Vertrieb", kind: "area", parentId: "c" },
  { id: "t3", name: "Key Account", path: "Firma/Vertrieb/Key Account", kind: "team", parentId: "a2" },
];

function ref(id: string, name: string, role: Role, unitId: string): PersonRef {
  return {
    id,
    name,
    email: `${id}@f.de`,
    slackUserId: null,
    teamsAadObjectId: null,
    locale: "de",
    timezone: null,
    roles: [{ role, unitId }],
  };
}
const people = [
  ref("gf", "Gabi Fuchs", "managing_director", "c"),
  ref("bl", "Bernd Lang", "area_head", "a1"),
  ref("vl", "Vera Lux", "area_head", "a2"),
  ref("tl", "Tina Lorenz", "team_lead", "t1"),
  ref("ma", "Max Arndt", "member", "t1"),
  ref("ka", "Kai Alt", "member", "t3"),
];
const scope = new OrgScope(units, people);

function profile(id: string): PersonProfile {
  const p = people.find((x) => x.id === id);
  if (!p) throw new Error(id);
  const unit = units.find((u) => u.id === p.roles[0]?.unitId);
  if (!unit) throw new Error(id);
  return {
    id: p.id,
    tenantId: "x",
    name: p.name,
    email: p.email,
    locale: "de",
    timezone: null,
    slackUserId: null,
    teamsAadObjectId: null,
    roles: [{ role: p.roles[0]?.role ?? "member", unit }],
    manager: null,
  };
}

function goal(
  id: string,
  level: GoalLevel,
  unitId: string,
  parentId: string | null,
  ownerId: string,
  extra: Partial<GoalView> = {},
): GoalView {
  const unit = units.find((u) => u.id === unitId);
  const owner = people.find((p) => p.id === ownerId);
  return {
    id,
    level,
    parentId,
    unit: { id: unitId, name: unit?.name ?? "", path: unit?.path ?? "" },
    focusTopic: null,
    title: `Ziel ${id}`,
    successCriterion: "Kunden sind zufrieden",
    dueDate: "2027-06-30",
    kpiKey: null,
    kpiTarget: null,
    status: "open",
    progress: 0,
    lastCheckinAt: null,
    createdAt: new Date("2026-11-01T00:00:00Z"),
    owners: owner ? [{ id: owner.id, name: owner.name }] : [],
    ...extra,
  };
}

const goals: GoalView[] = [
  goal("g1", "company", "c", null, "gf"),
  goal("g2", "area", "a1", "g1", "bl"),
  goal("g3", "area", "a2", "g1", "vl"),
  goal("g4", "team", "t1", "g2", "tl", { progress: 40, status: "on_track" }),
  goal("m1", "measure", "t1", "g4", "ma", { dueDate: "2026-11-20" }),
  goal("m2", "measure", "t1", "g4", "ma", { status: "done", progress: 100 }),
];

const text = (card: Card) => JSON.stringify(card.blocks);

describe("goal permissions", () => {
  it("lets each role create its level and refuses others, naming who may", () => {
    expect(mayCreate(profile("gf"), "company", scope)).toEqual({ ok: true, unitId: "c" });
    expect(mayCreate(profile("bl"), "area", scope)).toEqual({ ok: true, unitId: "a1" });
    expect(mayCreate(profile("tl"), "measure", scope)).toEqual({ ok: true, unitId: "t1" });
    expect(mayCreate(profile("ma"), "company", scope)).toMatchObject({ ok: false, allowed: [{ name: "Gabi Fuchs" }] });
    expect(mayCreate(profile("ma"), "team", scope)).toMatchObject({ ok: false, allowed: [{ name: "Tina Lorenz" }] });
    expect(mayCreate(profile("tl"), "area", scope)).toMatchObject({ ok: false, allowed: [{ name: "Bernd Lang" }] });
  });

  it("offers only parents inside the creator's area", () => {
    expect(parentCandidates("area", "a1", goals, scope).map((g) => g.id)).toEqual(["g1"]);
    expect(parentCandidates("team", "t1", goals, scope).map((g) => g.id)).toEqual(["g2"]);
    expect(parentCandidates("measure", "t1", goals, scope).map((g) => g.id)).toEqual(["g4"]);
    expect(parentCandidates("team", "t3", goals, scope).map((g) => g.id)).toEqual(["g3"]);
  });
});

describe("goal form validation", () => {
  const ctx = (locale: "de" | "en"): GoalFormContext => ({
    t: translator(locale),
    person: profile("tl"),
    level: "team",
    unitId: "t1",
    scope,
    goals,
    focusTopics: [],
    today: "2026-11-27",
  });

  it("accepts a valid team goal with a KPI and a German decimal target", () => {
    const result = validateGoalForm(ctx("de"), {
      title: " Schneller antworten ",
      parent: "g2",
      owner: "ma",
      due: "2027-03-31",
      criterion: "Erstreaktion unter 4 h",
      kpi: "processing_time",
      target: "4,5",
    });
    expect(result).toEqual({
      ok: true,
      goal: {
        level: "team",
        parentId: "g2",
        unitId: "t1",
        focusTopicId: null,
        title: "Schneller antworten",
        successCriterion: "Erstreaktion unter 4 h",
        dueDate: "2027-03-31",
        kpiKey: "processing_time",
        kpiTarget: 4.5,
        ownerIds: ["ma"],
      },
    });
  });

  it("reports every bad field at once, in German and English", () => {
    const bad = {
      title: "x".repeat(151),
      parent: "g3",
      owner: "ka",
      due: "2026-11-26",
      criterion: "",
      kpi: "nonsense",
      target: "viel",
    };
    const de = validateGoalForm(ctx("de"), bad);
    const en = validateGoalForm(ctx("en"), bad);
    if (de.ok || en.ok) throw new Error("expected errors");
    expect(Object.keys(de.errors).sort()).toEqual(["criterion", "due", "kpi", "owner", "parent", "target", "title"]);
    expect(de.errors.title).toContain("151 Zeichen");
    expect(de.errors.parent).toContain("außerhalb Ihres Bereichs");
    expect(de.errors.due).toBe("Das Datum liegt in der Vergangenheit.");
    expect(en.errors.owner).toBe("The owner must be someone in Firma/Service/Desk.");
    expect(en.errors.target).toContain("Please enter a number");
    expect(validateGoalForm(ctx("en"), { ...bad, title: "   " }).ok).toBe(false);
    const invalidDate = validateGoalForm(ctx("de"), {
      title: "T",
      parent: "g2",
      owner: "ma",
      due: "2027-02-30",
      criterion: "c",
    });
    if (invalidDate.ok) throw new Error("expected errors");
    expect(invalidDate.errors.due).toContain("JJJJ-MM-TT");
  });

  it("keeps what was typed when the form comes back with errors", () => {
    const form = goalForm(ctx("de"), { title: "Entwurf", due: "2027-01-01" }, { criterion: "fehlt" });
    const title = form.inputs.find((i) => i.id === "title");
    expect(title && "initial" in title ? title.initial : undefined).toBe("Entwurf");
    expect(form.errors).toEqual({ criterion: "fehlt" });
    expect(form.title).toBe("Neues Teamziel");
  });
});

describe("check-ins", () => {
  it("lists what a person owns and validates the check-in", () => {
    const t = translator("en");
    expect(owedCheckins(profile("ma"), goals).map((g) => g.id)).toEqual(["m1"]);
    expect(
      validateCheckin(t, profile("ma"), goals, { item: "m1", progress: "55", status: "at_risk", note: " " }),
    ).toEqual({
      ok: true,
      goalId: "m1",
      progress: 55,
      status: "at_risk",
      note: null,
    });
    const notOwner = validateCheckin(t, profile("tl"), goals, { item: "m1", progress: "101", status: "great" });
    if (notOwner.ok) throw new Error("expected errors");
    expect(notOwner.errors).toEqual({
      item: "Check-ins are done by the owner: Max Arndt.",
      progress: "Please enter a whole number from 0 to 100.",
      status: "Please choose a status.",
    });
  });
});

describe("goal cards", () => {
  const ctx = (id: string, locale: "de" | "en" = "de") => ({
    t: translator(locale),
    person: profile(id),
    scope,
    goals,
    today: "2026-11-27",
  });

  it("shows a member their team's goals with progress and their own measures with a check-in button", () => {
    const card = myGoalsCard(ctx("ma"));
    const blocks = text(card);
    expect(blocks).toContain("Ziel g4");
    expect(card.blocks).toContainEqual({ type: "progress", label: "im Plan", percent: 40, note: "noch kein Check-in" });
    expect(blocks).toContain('"goals.checkin"');
    expect(blocks).toContain('"goal":"m1"');
    // The team goal lists its measures for everyone; a finished one gets no check-in button.
    expect(card.blocks).toContainEqual({
      type: "list",
      items: ["▸ **Ziel m1** – 0 % · offen · Max Arndt", "▸ **Ziel m2** – 100 % · erledigt · Max Arndt"],
    });
    expect(blocks).not.toContain('"goal":"m2"');
  });

  it("offers the team lead 'add measure' on their team goal", () => {
    expect(text(myGoalsCard(ctx("tl")))).toContain('"goals.measure"');
    expect(text(myGoalsCard(ctx("ma")))).not.toContain('"goals.measure"');
  });

  it("draws the cascade of an area from the company goal down to measures, and leaves other areas out", () => {
    const lines = treeCard(ctx("ma"), "a1")
      .blocks.filter((b) => b.type === "text")
      .map((b) => ("text" in b ? b.text : ""));
    expect(lines.map((l) => l.match(/Ziel (\w+)/)?.[1])).toEqual(["g1", "g2", "g4", "m1", "m2"]);
    expect(lines.join()).not.toContain("Ziel g3");
  });

  it("shows the chain of a measure up to the company goal", () => {
    const m1 = goals.find((g) => g.id === "m1");
    if (!m1) throw new Error("m1");
    const lines = chainCard(ctx("ma", "en"), m1).blocks.filter((b) => b.type === "text");
    expect(lines).toHaveLength(4);
  });

  it("reports units without goals, overdue measures and check-in freshness", () => {
    const card = reportCard(ctx("gf"), "c", new Date("2026-11-27T10:00:00Z"));
    const blocks = text(card);
    expect(blocks).toContain("Firma/Service/Netz");
    expect(blocks).toContain("Firma/Vertrieb/Key Account");
    expect(blocks).toContain("Ziel m1 (Desk)");
    expect(blocks).toContain("Firma/Service/Desk: 0 von 1 Maßnahme aktuell");
  });
});

describe("focus topics and the home view", () => {
  it("validates a focus topic and refuses duplicates", async () => {
    const { validateFocusTopic, mayRecordFocusTopics } = await import("../../src/core/goals/focus-topics.js");
    const t = translator("de");
    const topics = [{ id: "f1", title: "Erreichbarkeit", description: null }];
    expect(validateFocusTopic(t, topics, { title: " Termintreue ", description: "" })).toEqual({
      ok: true,
      title: "Termintreue",
      description: null,
    });
    expect(validateFocusTopic(t, topics, { title: "erreichbarkeit" })).toEqual({
      ok: false,
      errors: { title: "Dieses Thema gibt es schon." },
    });
    expect(mayRecordFocusTopics(profile("bl"))).toBe(true);
    expect(mayRecordFocusTopics(profile("tl"))).toBe(false);
  });

  it("puts what is due this week and stale check-ins first", async () => {
    const { homeGoalsCard } = await import("../../src/core/goals/goal-cards.js");
    const card = homeGoalsCard(
      { t: translator("en"), person: profile("ma"), scope, goals, today: "2026-11-17" },
      new Date("2026-11-17T10:00:00Z"),
    );
    const [dueHeader, dueList, staleHeader, staleList] = card.blocks;
    expect(dueHeader).toEqual({ type: "text", text: "**Due this week**" });
    expect(dueList).toEqual({ type: "list", items: ["Ziel m1 – 20 Nov 2026"] });
    expect(staleHeader).toEqual({ type: "text", text: "**Open check-ins (none for 7 days)**" });
    expect(staleList).toEqual({ type: "list", items: ["Ziel m1 – 20 Nov 2026"] });
  });
});
