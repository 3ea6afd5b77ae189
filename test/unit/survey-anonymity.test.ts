import { describe, expect, it } from "vitest";
import type { UnitNode } from "../../src/core/org/types.js";
import { effectiveThreshold, groupByUnit, mayShow, mayShowFreeText } from "../../src/core/surveys/anonymity.js";
import { buildReport, freeTexts, renderMarkdown } from "../../src/core/surveys/report.js";
import { surveyCatalogs } from "../../src/core/surveys/survey-text.js";
import { CUSTOMER_TEMPLATE } from "../../src/core/surveys/templates.js";
import type { ResponseData, SurveyView, WaveView } from "../../src/core/surveys/types.js";

const units: UnitNode[] = [
  { id: "co", name: "Firma", path: "Firma", kind: "company", parentId: null },
  { id: "svc", name: "Service", path: "Firma/Service", kind: "area", parentId: "co" },
  { id: "desk", name: "Desk", path: "Firma/Service/Desk", kind: "team", parentId: "svc" },
  { id: "field", name: "Field", path: "Firma/Service/Field", kind: "team", parentId: "svc" },
  { id: "dev", name: "Entwicklung", path: "Firma/Entwicklung", kind: "area", parentId: "co" },
];

function answers(unit: string, count: number): { unit: string }[] {
  return Array.from({ length: count }, () => ({ unit }));
}

function wave(key: string, threshold: number | null = 5): WaveView {
  return {
    id: `w-${key}`,
    surveyId: "s",
    key,
    label: key,
    status: "open",
    anonymityThreshold: threshold,
    createdAt: new Date(),
  };
}

function survey(waves: WaveView[], threshold = 5): SurveyView {
  return {
    id: "s",
    tenantId: "t",
    title: "Test",
    templateKey: "customer",
    audience: "customers",
    anonymous: true,
    anonymityThreshold: threshold,
    criteria: CUSTOMER_TEMPLATE.criteria,
    questions: CUSTOMER_TEMPLATE.questions.map((q) => ({ ...q, id: q.key })),
    waves,
  };
}

function responses(w: WaveView, count: number, text = "Herr Maier am Telefon war unfreundlich"): ResponseData[] {
  return Array.from({ length: count }, (_, i) => ({
    waveId: w.id,
    unitId: null,
    answers: [
      { questionKey: "overall", value: 1 + (i % 5), choice: null, text: null },
      { questionKey: "nps", value: 10 - i, choice: null, text: null },
      { questionKey: "comment", value: null, choice: null, text: `${text} ${i}` },
    ],
  }));
}

describe("anonymity threshold", () => {
  it("is 5 by default, never below 3, and the wave's frozen value wins", () => {
    expect(effectiveThreshold({ anonymityThreshold: 5 })).toBe(5);
    expect(effectiveThreshold({ anonymityThreshold: 1 })).toBe(3);
    expect(effectiveThreshold({ anonymityThreshold: 9 }, wave("a", 6))).toBe(6);
    expect(effectiveThreshold({ anonymityThreshold: 9 }, wave("a", 2))).toBe(3);
    expect([2, 3, 4, 5].map((n) => mayShow(n, 5))).toEqual([false, false, false, true]);
    expect([2, 3, 4, 5].map((n) => mayShow(n, 3))).toEqual([false, true, true, true]);
    expect([2, 3, 4, 5].map((n) => mayShow(n, 1))).toEqual([false, true, true, true]);
    expect([2, 3, 4, 5, 6].map((n) => mayShowFreeText(n, 5))).toEqual([false, false, false, false, true]);
  });

  for (const n of [2, 3, 4, 5]) {
    it(`with ${n} answers in a team (threshold 5) shows the team only at 5, else rolls it up to the area`, () => {
      const items = [...answers("desk", n), ...answers("svc", 5), ...answers("field", 5), ...answers("dev", 5)];
      const groups = groupByUnit(units, items, (i) => i.unit, 5);
      const shown = new Map(groups.map((g) => [g.unitId, g.items.length]));
      if (n >= 5) {
        expect(shown.get("desk")).toBe(n);
        expect(shown.get("svc")).toBe(5);
      } else {
        expect(shown.has("desk")).toBe(false);
        // Desk's answers are not hidden away: they count in the Service area, with nothing to subtract.
        const service = groups.find((g) => g.unitIds.includes("desk"));
        expect(service?.unitId).toBe("svc");
        expect(service?.items.length).toBe(n + 5);
      }
      for (const g of groups) expect(g.items.length).toBeGreaterThanOrEqual(5);
      // Disjoint and complete: every answer in exactly one shown group.
      expect(groups.reduce((sum, g) => sum + g.items.length, 0)).toBe(items.length);
    });

    it(`with ${n} answers in a team (threshold 3) shows it from 3 answers on`, () => {
      const groups = groupByUnit(units, [...answers("desk", n), ...answers("dev", 4)], (i) => i.unit, 3);
      expect(groups.some((g) => g.unitId === "desk")).toBe(n >= 3);
      for (const g of groups) expect(g.items.length).toBeGreaterThanOrEqual(3);
    });

    it(`with ${n} answers in a wave (threshold 5) the report shows figures only at 5, free text never at or below it`, () => {
      const w = wave("baseline", 5);
      const s = survey([w]);
      const data = responses(w, n);
      const report = buildReport(s, data);
      const overall = report.criteria.find((c) => c.key === "overall")?.waves.baseline;
      expect(overall?.n).toBe(n);
      expect(overall?.mean === null).toBe(n < 5);
      expect(report.nps.waves.baseline?.score === null).toBe(n < 5);
      expect(freeTexts(s, data, w)).toEqual([]);
      const md = renderMarkdown(s, report, data, "de");
      expect(md).not.toContain("Herr Maier");
    });
  }

  it("shows free text above the threshold, without any name of a respondent attached", () => {
    const w = wave("baseline", 5);
    const s = survey([w]);
    const data = responses(w, 6, "Bitte schneller zurückrufen");
    expect(freeTexts(s, data, w)).toHaveLength(6);
    const md = renderMarkdown(s, buildReport(s, data), data, "en");
    expect(md).toContain("Bitte schneller zurückrufen 0");
  });

  it("compares two waves only when both reach the threshold", () => {
    const a = wave("baseline", 5);
    const b = wave("follow_up", 5);
    const s = survey([a, b]);
    const small = buildReport(s, [...responses(a, 8), ...responses(b, 4)]);
    expect(small.criteria.every((c) => c.change === null)).toBe(true);
    expect(small.nps.change).toBeNull();
    const enough = buildReport(s, [...responses(a, 8), ...responses(b, 5)]);
    expect(enough.criteria.find((c) => c.key === "overall")?.change).not.toBeNull();
  });

  it("merges a small remainder at the top into the smallest group, so no group can be derived by subtraction", () => {
    const items = [...answers("co", 2), ...answers("desk", 6), ...answers("dev", 7)];
    const groups = groupByUnit(units, items, (i) => i.unit, 5);
    for (const g of groups) expect(g.items.length).toBeGreaterThanOrEqual(5);
    expect(groups.reduce((sum, g) => sum + g.items.length, 0)).toBe(items.length);
    expect(groups.some((g) => g.unitId === "desk")).toBe(false);
  });
});

describe("survey catalogs", () => {
  it("have the same keys in German and English", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
    expect(keys(surveyCatalogs.en).sort()).toEqual(keys(surveyCatalogs.de).sort());
  });
});
