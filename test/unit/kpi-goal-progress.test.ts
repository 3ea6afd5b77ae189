import { describe, expect, it } from "vitest";
import { kpiGoalProgress } from "../../src/core/kpis/goal-progress.js";
import type { KpiFigures } from "../../src/core/kpis/kpis.js";

function figures(over: Partial<KpiFigures> = {}): KpiFigures {
  return {
    created: 20,
    resolved: 20,
    processing_time_hours: { median: 10, p90: 30 },
    first_response_hours: { median: 1 },
    deadline_compliance: 0.8,
    resolution_rate: 1,
    first_time_resolution: 0.9,
    backlog: 40,
    enough_data: true,
    ...over,
  };
}

describe("KPI goal progress", () => {
  it("is the share of the way from the baseline to the target, for rates given in percent or as shares", () => {
    const baseline = figures({ deadline_compliance: 0.7 });
    expect(kpiGoalProgress("deadline_compliance", 90, figures({ deadline_compliance: 0.8 }), baseline)).toBe(50);
    expect(kpiGoalProgress("deadline_compliance", 0.9, figures({ deadline_compliance: 0.8 }), baseline)).toBe(50);
    expect(kpiGoalProgress("deadline_compliance", 90, figures({ deadline_compliance: 0.95 }), baseline)).toBe(100);
    expect(kpiGoalProgress("deadline_compliance", 90, figures({ deadline_compliance: 0.6 }), baseline)).toBe(0);
  });

  it("counts a fall as progress when the target is below the baseline (hours, backlog, reopen rate)", () => {
    const baseline = figures({
      processing_time_hours: { median: 20, p90: 40 },
      backlog: 60,
      first_time_resolution: 0.8,
    });
    expect(
      kpiGoalProgress("processing_time", 10, figures({ processing_time_hours: { median: 17.5, p90: 1 } }), baseline),
    ).toBe(25);
    expect(kpiGoalProgress("backlog", 20, figures({ backlog: 30 }), baseline)).toBe(75);
    // Reopen rate 0.2 at the baseline, 0.1 now, target 0.05: two thirds of the way.
    expect(kpiGoalProgress("reopen_rate", 0.05, figures({ first_time_resolution: 0.9 }), baseline)).toBe(67);
  });

  it("leaves the progress to the check-ins without a baseline, data, target or ticket KPI", () => {
    const now = figures();
    expect(kpiGoalProgress("deadline_compliance", 90, now, null)).toBeNull();
    expect(kpiGoalProgress("deadline_compliance", null, now, figures())).toBeNull();
    expect(kpiGoalProgress("deadline_compliance", 90, figures({ deadline_compliance: null }), figures())).toBeNull();
    expect(kpiGoalProgress("deadline_compliance", 80, now, figures({ deadline_compliance: 0.8 }))).toBeNull();
    expect(kpiGoalProgress("talk_coverage", 90, now, figures())).toBeNull();
    expect(kpiGoalProgress("response_rate", 50, now, figures())).toBeNull();
  });
});
