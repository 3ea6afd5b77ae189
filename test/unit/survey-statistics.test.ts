import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compare, nps, npsChange, summarize } from "../../src/core/surveys/statistics.js";
import { PROJECT_ROOT } from "../../src/paths.js";

// Reference values from SciPy: test/fixtures/survey-statistics.py writes survey-statistics.json.
interface LikertCase {
  name: string;
  earlier: number[];
  later: number[];
  summary_earlier: Record<string, unknown>;
  summary_later: Record<string, unknown>;
  change: Record<string, unknown>;
}
interface NpsCase {
  name: string;
  earlier: number[];
  later: number[];
  earlier_summary: Record<string, unknown>;
  later_summary: Record<string, unknown>;
  change: Record<string, unknown>;
}
const reference = JSON.parse(
  readFileSync(join(PROJECT_ROOT, "test", "fixtures", "survey-statistics.json"), "utf8"),
) as { likert: LikertCase[]; nps: NpsCase[] };

/**
 * Equal to ~1e-9: figures to 1e-9 of their size (absolute below 1, so a t of 0 or an interval bound
 * near 0 compares sensibly); p-values to 2e-9 relative however small they are, which is as far as
 * jstat's incomplete beta function goes.
 */
function close(actual: unknown, expected: unknown, path: string): void {
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), path).toBe(true);
    expect((actual as unknown[]).length, path).toBe(expected.length);
    for (const [i, e] of expected.entries()) close((actual as unknown[])[i], e, `${path}[${i}]`);
    return;
  }
  if (typeof expected === "number") {
    expect(typeof actual, path).toBe("number");
    const a = actual as number;
    const tolerance = /_p$/.test(path) ? 2e-9 * Math.abs(expected) : 1e-9 * Math.max(1, Math.abs(expected));
    expect(Math.abs(a - expected), `${path}: ${a} vs ${expected}`).toBeLessThanOrEqual(tolerance);
    return;
  }
  expect(actual, path).toEqual(expected);
}

function closeObject(actual: object, expected: Record<string, unknown>, path: string): void {
  for (const [key, value] of Object.entries(expected))
    close((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
}

describe("survey statistics against SciPy", () => {
  expect(reference.likert.length).toBeGreaterThanOrEqual(5);

  for (const c of reference.likert) {
    it(`Likert "${c.name}": n, mean, sd, t interval per wave; Welch and Mann-Whitney between them`, () => {
      closeObject(summarize(c.earlier), c.summary_earlier, "earlier");
      closeObject(summarize(c.later), c.summary_later, "later");
      const change = compare(c.earlier, c.later);
      closeObject(change, c.change, "change");
      const p = c.change.mann_whitney_p as number;
      const r = c.change.rank_biserial as number;
      expect(change.verdict).toBe(p < 0.05 ? (r > 0 ? "improved" : "worse") : "no_clear_change");
    });
  }

  it("covers an improvement, a worsening and no clear change among the reference sets", () => {
    const verdicts = reference.likert.map((c) => compare(c.earlier, c.later).verdict);
    expect(new Set(verdicts)).toEqual(new Set(["improved", "worse", "no_clear_change"]));
  });

  for (const c of reference.nps) {
    it(`NPS "${c.name}": shares, score and Wald intervals, and the change`, () => {
      closeObject(nps(c.earlier), c.earlier_summary, "earlier");
      closeObject(nps(c.later), c.later_summary, "later");
      closeObject(npsChange(c.earlier, c.later), c.change, "change");
    });
  }

  it("gives no interval where there is nothing to estimate, instead of NaN", () => {
    expect(summarize([])).toEqual({ n: 0, mean: null, sd: null, ci95: null });
    expect(summarize([4])).toEqual({ n: 1, mean: 4, sd: null, ci95: null });
    const flat = compare([3, 3, 3], [3, 3, 3]);
    expect(flat).toMatchObject({ difference: 0, ci95: null, welch_p: null, mann_whitney_p: null });
    expect(flat.verdict).toBe("no_clear_change");
    expect(nps([])).toMatchObject({ n: 0, score: null, ci95: null });
    expect(npsChange([], [10])).toEqual({ difference: null, ci95: null });
  });
});
