import jStat from "jstat";

/**
 * The figures of the comparison report, as pure functions. Distributions come from jstat; every
 * formula is checked against SciPy (test/fixtures/survey-statistics.json, made by
 * test/fixtures/survey-statistics.py).
 */

export type Interval = readonly [number, number];

export interface Summary {
  readonly n: number;
  readonly mean: number | null;
  /** Sample standard deviation (n − 1). */
  readonly sd: number | null;
  /** t interval for the mean. */
  readonly ci95: Interval | null;
}

export type Verdict = "improved" | "worse" | "no_clear_change";

export interface Comparison {
  /** Later minus earlier. */
  readonly difference: number | null;
  /** Welch interval for the difference. */
  readonly ci95: Interval | null;
  readonly welch_t: number | null;
  readonly welch_df: number | null;
  readonly welch_p: number | null;
  /** U of the later wave. */
  readonly mann_whitney_u: number | null;
  /** Two-sided, normal approximation with tie and continuity correction. */
  readonly mann_whitney_p: number | null;
  /** 2U / (n₁·n₂) − 1; positive when the later wave tends to be higher. */
  readonly rank_biserial: number | null;
  readonly verdict: Verdict;
}

export interface NpsSummary {
  readonly n: number;
  /** Shares 0..1. */
  readonly promoters: number | null;
  readonly detractors: number | null;
  /** −100 … 100. */
  readonly score: number | null;
  /** Wald interval from the variance of the +1/0/−1 score, in score points. */
  readonly ci95: Interval | null;
}

export interface NpsChange {
  readonly difference: number | null;
  readonly ci95: Interval | null;
}

export const SIGNIFICANCE = 0.05;

// Two Newton steps on jstat's inverse: its own result is only good to ~1e-8, the cdf to ~1e-15.
function tQuantile(p: number, df: number): number {
  let x = jStat.studentt.inv(p, df);
  for (let i = 0; i < 3; i++) {
    const pdf = jStat.studentt.pdf(x, df);
    if (!(pdf > 0)) break;
    x -= (jStat.studentt.cdf(x, df) - p) / pdf;
  }
  return x;
}

const Z975 = (() => {
  let x = jStat.normal.inv(0.975, 0, 1);
  for (let i = 0; i < 3; i++) x -= (jStat.normal.cdf(x, 0, 1) - 0.975) / jStat.normal.pdf(x, 0, 1);
  return x;
})();

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function sampleVariance(values: readonly number[], m: number): number {
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return ss / (values.length - 1);
}

export function summarize(values: readonly number[]): Summary {
  const n = values.length;
  if (n === 0) return { n, mean: null, sd: null, ci95: null };
  const m = mean(values);
  if (n === 1) return { n, mean: m, sd: null, ci95: null };
  const sd = Math.sqrt(sampleVariance(values, m));
  const half = tQuantile(0.975, n - 1) * (sd / Math.sqrt(n));
  return { n, mean: m, sd, ci95: [m - half, m + half] };
}

interface Welch {
  readonly difference: number;
  readonly ci95: Interval | null;
  readonly t: number | null;
  readonly df: number | null;
  readonly p: number | null;
}

/** Welch's unequal-variances t test of later − earlier (scipy.stats.ttest_ind(later, earlier, equal_var=False)). */
export function welch(earlier: readonly number[], later: readonly number[]): Welch | null {
  const n1 = earlier.length;
  const n2 = later.length;
  if (n1 < 2 || n2 < 2) return null;
  const m1 = mean(earlier);
  const m2 = mean(later);
  const a = sampleVariance(earlier, m1) / n1;
  const b = sampleVariance(later, m2) / n2;
  const difference = m2 - m1;
  const se = Math.sqrt(a + b);
  // Both waves without any spread: no test is possible, but the difference is still a fact.
  if (!(se > 0)) return { difference, ci95: null, t: null, df: null, p: null };
  const df = (a + b) ** 2 / (a ** 2 / (n1 - 1) + b ** 2 / (n2 - 1));
  const t = difference / se;
  // jstat's incomplete beta is ~2e-9 off at the centre; the symmetric case is exactly 1.
  const p = t === 0 ? 1 : Math.min(1, 2 * jStat.studentt.cdf(-Math.abs(t), df));
  const half = tQuantile(0.975, df) * se;
  return { difference, ci95: [difference - half, difference + half], t, df, p };
}

interface MannWhitney {
  /** U of `later`. */
  readonly u: number;
  readonly p: number | null;
  readonly rankBiserial: number;
}

/**
 * Mann-Whitney U of later against earlier, two-sided, normal approximation with tie and continuity
 * correction (scipy.stats.mannwhitneyu(later, earlier, use_continuity=True, alternative="two-sided",
 * method="asymptotic")).
 */
export function mannWhitney(earlier: readonly number[], later: readonly number[]): MannWhitney | null {
  const n1 = later.length;
  const n2 = earlier.length;
  if (n1 === 0 || n2 === 0) return null;
  const all = [...later.map((v) => ({ v, later: true })), ...earlier.map((v) => ({ v, later: false }))].sort(
    (x, y) => x.v - y.v,
  );
  const n = all.length;
  let rankSumLater = 0;
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && all[j + 1]?.v === all[i]?.v) j++;
    const rank = (i + j + 2) / 2;
    const size = j - i + 1;
    tieTerm += size ** 3 - size;
    for (let k = i; k <= j; k++) if (all[k]?.later) rankSumLater += rank;
    i = j + 1;
  }
  const u = rankSumLater - (n1 * (n1 + 1)) / 2;
  const rankBiserial = (2 * u) / (n1 * n2) - 1;
  const mu = (n1 * n2) / 2;
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sigma > 0)) return { u, p: null, rankBiserial };
  const z = (Math.max(u, n1 * n2 - u) - mu - 0.5) / sigma;
  const p = Math.min(1, 2 * jStat.normal.cdf(-z, 0, 1));
  return { u, p, rankBiserial };
}

export function compare(earlier: readonly number[], later: readonly number[]): Comparison {
  const w = welch(earlier, later);
  const mw = mannWhitney(earlier, later);
  let verdict: Verdict = "no_clear_change";
  if (mw?.p !== null && mw?.p !== undefined && mw.p < SIGNIFICANCE && mw.rankBiserial !== 0) {
    verdict = mw.rankBiserial > 0 ? "improved" : "worse";
  }
  const difference = w?.difference ?? (earlier.length > 0 && later.length > 0 ? mean(later) - mean(earlier) : null);
  return {
    difference,
    ci95: w?.ci95 ?? null,
    welch_t: w?.t ?? null,
    welch_df: w?.df ?? null,
    welch_p: w?.p ?? null,
    mann_whitney_u: mw?.u ?? null,
    mann_whitney_p: mw?.p ?? null,
    rank_biserial: mw?.rankBiserial ?? null,
    verdict,
  };
}

interface NpsParts {
  readonly n: number;
  readonly promoters: number;
  readonly detractors: number;
  /** Variance of the +1/0/−1 score of one respondent. */
  readonly variance: number;
}

function npsParts(values: readonly number[]): NpsParts | null {
  const n = values.length;
  if (n === 0) return null;
  const promoters = values.filter((v) => v >= 9).length / n;
  const detractors = values.filter((v) => v <= 6).length / n;
  const variance = promoters + detractors - (promoters - detractors) ** 2;
  return { n, promoters, detractors, variance };
}

export function nps(values: readonly number[]): NpsSummary {
  const parts = npsParts(values);
  if (!parts) return { n: 0, promoters: null, detractors: null, score: null, ci95: null };
  const score = 100 * (parts.promoters - parts.detractors);
  const half = 100 * Z975 * Math.sqrt(parts.variance / parts.n);
  return {
    n: parts.n,
    promoters: parts.promoters,
    detractors: parts.detractors,
    score,
    ci95: [score - half, score + half],
  };
}

export function npsChange(earlier: readonly number[], later: readonly number[]): NpsChange {
  const a = npsParts(earlier);
  const b = npsParts(later);
  if (!a || !b) return { difference: null, ci95: null };
  const difference = 100 * (b.promoters - b.detractors - (a.promoters - a.detractors));
  const half = 100 * Z975 * Math.sqrt(a.variance / a.n + b.variance / b.n);
  return { difference, ci95: [difference - half, difference + half] };
}
