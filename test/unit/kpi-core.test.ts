import { describe, expect, it } from "vitest";
import { arrow, biggestMovers, kpiDigestCard } from "../../src/core/kpis/digest-card.js";
import {
  baselineWeeks,
  emptyAggregate,
  figuresOf,
  type KpiFigures,
  meanFigures,
  unitScopes,
  weeklyFigures,
} from "../../src/core/kpis/kpis.js";
import { parseKpiSettings } from "../../src/core/kpis/settings.js";
import { parseIsoTime } from "../../src/core/kpis/ticket-fields.js";
import { parseWeekKey, weekOf } from "../../src/core/kpis/weeks.js";
import type { UnitNode } from "../../src/core/org/types.js";
import { translator } from "../../src/core/ui/i18n/index.js";

const TZ = "Europe/Berlin";

const figures = (over: Partial<KpiFigures>): KpiFigures => ({
  created: 50,
  resolved: 40,
  processing_time_hours: { median: 20, p90: 60 },
  first_response_hours: { median: 2 },
  deadline_compliance: 0.8,
  resolution_rate: 0.8,
  first_time_resolution: 0.9,
  backlog: 30,
  enough_data: true,
  ...over,
});

describe("ISO weeks in the tenant's time zone", () => {
  it("run Monday 00:00 to Monday 00:00 local time, 167 hours in the March change and 169 in October", () => {
    const march = parseWeekKey("2026-W13", TZ);
    expect(march?.start.toISOString()).toBe("2026-03-22T23:00:00.000Z");
    expect(march?.end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    const october = parseWeekKey("2026-W43", TZ);
    expect(october && (october.end.getTime() - october.start.getTime()) / 3_600_000).toBe(169);
    expect(weekOf(new Date("2026-03-29T22:30:00Z"), TZ).key).toBe("2026-W14");
    expect(weekOf(new Date("2021-01-03T12:00:00Z"), TZ).key).toBe("2020-W53");
  });

  it("refuse what is not an ISO week", () => {
    for (const bad of ["2026-W00", "2026-W54", "2025-W53", "2026W05", "2026-05", ""]) {
      expect(parseWeekKey(bad, TZ)).toBeNull();
    }
    expect(parseWeekKey("2020-W53", TZ)?.key).toBe("2020-W53");
  });

  it("put the baseline in the N weeks before the week of the programme start", () => {
    const weeks = baselineWeeks({ programmeStart: "2026-03-11", baselineWeeks: 3 }, TZ);
    expect(weeks?.map((w) => w.key)).toEqual(["2026-W08", "2026-W09", "2026-W10"]);
    expect(baselineWeeks({ programmeStart: null, baselineWeeks: 12 }, TZ)).toBeNull();
  });
});

describe("ticket times", () => {
  it("read offsets, Z and local times, and refuse impossible dates", () => {
    expect(parseIsoTime("2026-03-02T08:00:00+01:00", TZ)?.toISOString()).toBe("2026-03-02T07:00:00.000Z");
    expect(parseIsoTime("2026-07-02T08:00:00", TZ)?.toISOString()).toBe("2026-07-02T06:00:00.000Z");
    expect(parseIsoTime("2026-07-02 08:00:00.250Z", TZ)?.toISOString()).toBe("2026-07-02T08:00:00.250Z");
    expect(parseIsoTime("2024-02-29T00:00:00Z", TZ)).not.toBeNull();
    for (const bad of ["2026-02-29T00:00:00Z", "2026-13-01T00:00Z", "2026-01-01T24:00Z", "01.01.2026", "2026-01-01"]) {
      expect(parseIsoTime(bad, TZ)).toBeNull();
    }
  });
});

describe("KPI figures", () => {
  it("withhold rates and times below five resolved tickets, and keep the counts", () => {
    const four = figuresOf({ ...emptyAggregate("u", "2026-W10"), created: 6, resolved: 4, processingMedian: 3 }, 2);
    expect(four).toMatchObject({ created: 6, resolved: 4, backlog: 2, enough_data: false, resolution_rate: null });
    expect(four.processing_time_hours).toEqual({ median: null, p90: null });
    const five = figuresOf(
      { ...emptyAggregate("u", "2026-W10"), created: 0, resolved: 5, resolvedFirstTime: 4, resolvedWithDue: 0 },
      0,
    );
    // Nothing created: no resolution rate; no due dates: no deadline compliance.
    expect(five).toMatchObject({ enough_data: true, resolution_rate: null, deadline_compliance: null });
    expect(five.first_time_resolution).toBe(0.8);
  });

  it("carry the backlog through empty weeks", () => {
    const weeks = ["2026-W10", "2026-W11", "2026-W12"].map((k) => parseWeekKey(k, TZ)).filter((w) => w !== null);
    const result = weeklyFigures(
      {
        weeks: [
          { ...emptyAggregate("u", "2026-W10"), created: 3, resolved: 1 },
          { ...emptyAggregate("u", "2026-W12"), created: 0, resolved: 2 },
        ],
        before: [{ unitId: "u", createdBefore: 10, resolvedBefore: 8 }],
      },
      ["u"],
      weeks,
    );
    expect([...(result.get("u")?.values() ?? [])].map((f) => f.backlog)).toEqual([4, 4, 2]);
  });

  it("average the baseline: counts over every week, rates over weeks with enough data", () => {
    const mean = meanFigures([
      figures({ created: 10, deadline_compliance: 0.5 }),
      figures({ created: 20, deadline_compliance: null, enough_data: false }),
    ]);
    expect(mean.created).toBe(15);
    expect(mean.deadline_compliance).toBe(0.5);
    expect(mean.enough_data).toBe(true);
  });

  it("roll every unit up with all units below it", () => {
    const units: UnitNode[] = [
      { id: "c", name: "C", path: "C", kind: "company", parentId: null },
      { id: "a", name: "A", path: "C/A", kind: "area", parentId: "c" },
      { id: "t1", name: "T1", path: "C/A/T1", kind: "team", parentId: "a" },
      { id: "t2", name: "T2", path: "C/A/T2", kind: "team", parentId: "a" },
    ];
    const scopes = new Map(unitScopes(units).map((s) => [s.unitId, [...s.memberIds].sort()]));
    expect(scopes.get("c")).toEqual(["a", "c", "t1", "t2"]);
    expect(scopes.get("a")).toEqual(["a", "t1", "t2"]);
    expect(scopes.get("t1")).toEqual(["t1"]);
  });
});

describe("kurs tenant's KPI options", () => {
  it("are checked together and every problem is named", () => {
    const bad = parseKpiSettings({
      programmeStart: "2026-02-30",
      baselineWeeks: "x",
      webhookSecret: "short",
      mapGroup: ["=A"],
    });
    expect(bad.ok ? [] : bad.problems.map((p) => p.code)).toEqual([
      "programmeStart",
      "baselineWeeks",
      "webhookSecret",
      "mapGroup",
    ]);
    const good = parseKpiSettings({ programmeStart: "none", baselineWeeks: "8", mapGroup: ["2nd Level=C/A/T1"] });
    expect(good).toMatchObject({
      ok: true,
      empty: false,
      patch: { settings: { programmeStart: null, baselineWeeks: 8 }, groups: [{ group: "2nd Level", path: "C/A/T1" }] },
    });
  });
});

describe("the KPI digest card", () => {
  const current = figures({
    processing_time_hours: { median: 15, p90: 50 },
    deadline_compliance: 0.85,
    backlog: 24,
  });
  const previous = figures({});
  const baseline = figures({ processing_time_hours: { median: 30, p90: 90 }, deadline_compliance: 0.6, backlog: 40 });

  it("finds the three biggest movers against last week, relative to where they were", () => {
    const movers = biggestMovers(current, previous);
    expect(movers.map((m) => [m.metric, Math.round(m.change * 100), m.improved])).toEqual([
      ["processing_time_median", -25, true],
      ["backlog", -20, true],
      ["processing_time_p90", -17, true],
    ]);
    expect(biggestMovers(figures({}), figures({}))).toEqual([]);
    expect([arrow(1, 2), arrow(2, 1), arrow(1, 1), arrow(null, 1)]).toEqual(["↑", "↓", "→", "→"]);
  });

  it("shows every KPI with arrows and deltas against last week and the baseline, in German", () => {
    const card = kpiDigestCard(translator("de"), {
      unit: "Service Desk",
      week: "2026-W10",
      current,
      previous,
      baseline,
      chartUrl: "https://files.example/chart.png",
    });
    expect(card.summary).toBe("Kennzahlen Service Desk, KW 2026-W10");
    expect(card.blocks[0]).toEqual({ type: "header", text: "Kennzahlen – Service Desk" });
    const fields = card.blocks.find((b) => b.type === "fields");
    expect(fields?.type === "fields" && fields.fields[0]).toEqual({
      label: "Bearbeitungszeit (Median, h)",
      value: "15 h ↓\nggü. Vorwoche -5 h · ggü. Basislinie -15 h",
    });
    expect(fields?.type === "fields" && fields.fields[3]).toEqual({
      label: "Termintreue",
      value: "85 % ↑\nggü. Vorwoche +5 Pp · ggü. Basislinie +25 Pp",
    });
    const movers = card.blocks.find((b) => b.type === "list");
    expect(movers?.type === "list" && movers.items[0]).toBe("**Bearbeitungszeit (Median, h)**: 20 h → 15 h (-5 h)");
    expect(card.blocks).toContainEqual({
      type: "image",
      url: "https://files.example/chart.png",
      alt: "Verlauf der Kennzahlen über 12 Wochen",
    });
    expect(card.blocks.at(-1)).toEqual({ type: "context", text: "Kennzahlen je Team und darüber, nie je Person." });
  });

  it("speaks English, says when there is no baseline and when a week has too little data", () => {
    const card = kpiDigestCard(translator("en"), {
      unit: "Network",
      week: "2026-W11",
      current: figures({
        resolved: 3,
        enough_data: false,
        deadline_compliance: null,
        processing_time_hours: { median: null, p90: null },
      }),
      previous,
      baseline: null,
    });
    const fields = card.blocks.find((b) => b.type === "fields");
    expect(fields?.type === "fields" && fields.fields[3]).toEqual({
      label: "Deadline compliance",
      value: "– →\nvs last week – · no baseline",
    });
    expect(card.blocks).toContainEqual({
      type: "context",
      text: "Too few resolved tickets (under 5) for rates and times this week.",
    });
    expect(card.blocks.some((b) => b.type === "image")).toBe(false);
  });
});
