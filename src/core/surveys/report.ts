import type { Locale } from "../org/types.js";
import { effectiveThreshold, mayShow, mayShowFreeText } from "./anonymity.js";
import {
  type Comparison,
  compare,
  type Interval,
  type NpsChange,
  type NpsSummary,
  nps,
  npsChange,
  type Summary,
  summarize,
} from "./statistics.js";
import { surveyText } from "./survey-text.js";
import type { InterviewThemes, ResponseData, SurveyView, WaveView } from "./types.js";

/** The `--format json` report; its shape is a contract (issue 8). */
export interface SurveyReport {
  readonly waves: readonly { readonly key: string; readonly label: string; readonly n: number }[];
  readonly criteria: readonly {
    readonly key: string;
    readonly waves: Readonly<Record<string, Summary>>;
    readonly change: (Comparison & { readonly from: string; readonly to: string }) | null;
  }[];
  readonly nps: {
    readonly waves: Readonly<Record<string, NpsSummary>>;
    readonly change: NpsChange | null;
  };
}

export interface ReportOptions {
  /** Wave keys to compare; default: the first and the last wave. */
  readonly from?: string;
  readonly to?: string;
}

/**
 * Hook for the chart module (src/charts, built separately): given the report, returns Markdown
 * lines (e.g. an image link to a rendered PNG) that go right after the comparison. Surveys render
 * no charts themselves.
 */
export type SurveyChartHook = (survey: SurveyView, report: SurveyReport, locale: Locale) => readonly string[];

const HIDDEN_SUMMARY = (n: number): Summary => ({ n, mean: null, sd: null, ci95: null });
const HIDDEN_NPS = (n: number): NpsSummary => ({ n, promoters: null, detractors: null, score: null, ci95: null });

function values(responses: readonly ResponseData[], questionKey: string): number[] {
  return responses.flatMap((r) =>
    r.answers.flatMap((a) => (a.questionKey === questionKey && a.value !== null ? [a.value] : [])),
  );
}

/** The waves a comparison runs between, or null when there are fewer than two. */
export function comparedWaves(survey: SurveyView, options: ReportOptions = {}): [WaveView, WaveView] | null {
  const from = options.from ? survey.waves.find((w) => w.key === options.from) : survey.waves[0];
  const to = options.to ? survey.waves.find((w) => w.key === options.to) : survey.waves.at(-1);
  if (!from || !to || from.id === to.id) return null;
  return [from, to];
}

/**
 * Figures per criterion and wave, and the change between two waves. A wave (or a criterion within
 * it) with fewer answers than its threshold shows only its count, and takes part in no comparison.
 */
export function buildReport(
  survey: SurveyView,
  responses: readonly ResponseData[],
  options: ReportOptions = {},
): SurveyReport {
  const byWave = new Map<string, ResponseData[]>(survey.waves.map((w) => [w.id, []]));
  for (const r of responses) byWave.get(r.waveId)?.push(r);
  const waveResponses = (w: WaveView) => byWave.get(w.id) ?? [];
  const visible = (w: WaveView, n: number) =>
    mayShow(waveResponses(w).length, effectiveThreshold(survey, w)) && mayShow(n, effectiveThreshold(survey, w));
  const pair = comparedWaves(survey, options);

  const criteria = survey.criteria.map((criterion) => {
    const question = survey.questions.find((q) => q.criterion === criterion.key && q.kind === "likert5");
    const perWave = new Map(survey.waves.map((w) => [w.key, question ? values(waveResponses(w), question.key) : []]));
    const waves: Record<string, Summary> = {};
    for (const w of survey.waves) {
      const v = perWave.get(w.key) ?? [];
      waves[w.key] = visible(w, v.length) ? summarize(v) : HIDDEN_SUMMARY(v.length);
    }
    let change: SurveyReport["criteria"][number]["change"] = null;
    if (pair) {
      const [from, to] = pair;
      const a = perWave.get(from.key) ?? [];
      const b = perWave.get(to.key) ?? [];
      if (visible(from, a.length) && visible(to, b.length)) change = { from: from.key, to: to.key, ...compare(a, b) };
    }
    return { key: criterion.key, waves, change };
  });

  const npsQuestion = survey.questions.find((q) => q.kind === "nps");
  const npsWaves: Record<string, NpsSummary> = {};
  let npsDelta: NpsChange | null = null;
  if (npsQuestion) {
    for (const w of survey.waves) {
      const v = values(waveResponses(w), npsQuestion.key);
      npsWaves[w.key] = visible(w, v.length) ? nps(v) : HIDDEN_NPS(v.length);
    }
    if (pair) {
      const [from, to] = pair;
      const a = values(waveResponses(from), npsQuestion.key);
      const b = values(waveResponses(to), npsQuestion.key);
      if (visible(from, a.length) && visible(to, b.length)) npsDelta = npsChange(a, b);
    }
  }

  return {
    waves: survey.waves.map((w) => ({ key: w.key, label: w.label, n: waveResponses(w).length })),
    criteria,
    nps: { waves: npsWaves, change: npsDelta },
  };
}

/** Free-text answers of a wave, only above its threshold and never with a name (responses carry none). */
export function freeTexts(survey: SurveyView, responses: readonly ResponseData[], wave: WaveView): string[] {
  const own = responses.filter((r) => r.waveId === wave.id);
  if (!mayShowFreeText(own.length, effectiveThreshold(survey, wave))) return [];
  const keys = new Set(survey.questions.filter((q) => q.kind === "free_text").map((q) => q.key));
  return own
    .flatMap((r) => r.answers.flatMap((a) => (keys.has(a.questionKey) && a.text ? [a.text] : [])))
    .sort((a, b) => a.localeCompare(b));
}

export function formatNumber(value: number, locale: Locale, digits = 1, signed = false): string {
  const text = new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? "always" : "auto",
  }).format(value);
  // Intl writes U+2212 for minus in some locales; plain ASCII reads everywhere (mail merge, terminals).
  return text.replace("\u2212", "-");
}

function interval(ci: Interval, locale: Locale, digits = 1, signed = true): { low: string; high: string } {
  return { low: formatNumber(ci[0], locale, digits, signed), high: formatNumber(ci[1], locale, digits, signed) };
}

/** "Reaktionszeit: +0,8 (95 %-KI +0,4 bis +1,1): deutlich besser" */
export function changeLine(
  label: string,
  change: SurveyReport["criteria"][number]["change"],
  locale: Locale,
  threshold: number,
): string {
  const t = surveyText(locale);
  if (!change || change.difference === null) return t("suppressed", { label, threshold });
  const difference = formatNumber(change.difference, locale, 1, true);
  const verdict = t(`verdict.${change.verdict}`);
  if (!change.ci95) return t("lineNoInterval", { label, difference, verdict });
  return t("line", { label, difference, verdict, ...interval(change.ci95, locale) });
}

/** The plain-language report (`--format md`, and later the chat card). */
export function renderMarkdown(
  survey: SurveyView,
  report: SurveyReport,
  responses: readonly ResponseData[],
  locale: Locale,
  options: ReportOptions & { readonly charts?: SurveyChartHook; readonly themes?: InterviewThemes } = {},
): string {
  const t = surveyText(locale);
  const label = (key: string) => {
    const c = survey.criteria.find((x) => x.key === key);
    return c ? (locale === "de" ? c.labelDe : c.labelEn) : key;
  };
  const lines: string[] = [`# ${t("report.title", { title: survey.title })}`, "", `## ${t("report.waves")}`, ""];
  for (const w of report.waves) lines.push(`- ${t("report.wave", { label: w.label, key: w.key, count: w.n })}`);
  lines.push("");
  const pair = comparedWaves(survey, options);
  if (pair) {
    const [from, to] = pair;
    const threshold = Math.max(effectiveThreshold(survey, from), effectiveThreshold(survey, to));
    lines.push(`## ${t("report.comparison", { from: from.label, to: to.label })}`, "");
    for (const c of report.criteria) lines.push(`- ${changeLine(label(c.key), c.change, locale, threshold)}`);
    lines.push("");
    const charts = options.charts?.(survey, report, locale) ?? [];
    if (charts.length > 0) lines.push(...charts, "");
  } else {
    lines.push(t("report.noComparison"), "");
  }
  lines.push(`## ${t("report.perWave")}`, "");
  lines.push(t("report.table", { waves: survey.waves.map((w) => w.label).join(" | ") }));
  lines.push(`|---|${survey.waves.map(() => "---").join("|")}|`);
  for (const c of report.criteria) {
    const cells = survey.waves.map((w) => {
      const s = c.waves[w.key];
      if (!s || s.mean === null) return `${t("report.hidden")} (n = ${s?.n ?? 0})`;
      return `${formatNumber(s.mean, locale, 2)} (n = ${s.n})`;
    });
    lines.push(`| ${label(c.key)} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  if (Object.keys(report.nps.waves).length > 0) {
    lines.push(`## ${t("report.nps")}`, "");
    for (const w of survey.waves) {
      const s = report.nps.waves[w.key];
      if (!s) continue;
      if (s.score === null || !s.ci95) lines.push(`- ${w.label}: ${t("report.hidden")} (n = ${s.n})`);
      else
        lines.push(
          `- ${t("report.npsLine", { label: w.label, score: formatNumber(s.score, locale, 0, true), n: s.n, ...interval(s.ci95, locale, 0) })}`,
        );
    }
    const ch = report.nps.change;
    if (ch?.difference != null && ch.ci95)
      lines.push(
        `- ${t("report.npsChange", { difference: formatNumber(ch.difference, locale, 0, true), ...interval(ch.ci95, locale, 0) })}`,
      );
    lines.push("");
  }
  if (options.themes && options.themes.interviews > 0) {
    lines.push(`## ${t("report.themes", { count: options.themes.interviews })}`, "");
    for (const line of themeLines(survey, options.themes, locale)) lines.push(`- ${line}`);
    lines.push("");
  }
  for (const w of survey.waves) {
    const texts = freeTexts(survey, responses, w);
    if (texts.length === 0) continue;
    lines.push(`## ${t("report.comments", { label: w.label })}`, "");
    for (const text of texts) lines.push(`> ${text.replace(/\s*\n\s*/g, " ")}`, "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** "Reaktionszeit: 3 positiv, 1 negativ" per criterion that interviews touched, in criterion order. */
export function themeLines(survey: SurveyView, themes: InterviewThemes, locale: Locale): string[] {
  const t = surveyText(locale);
  return survey.criteria.flatMap((c) => {
    const counts = themes.criteria[c.key];
    if (!counts) return [];
    const label = locale === "de" ? c.labelDe : c.labelEn;
    return [t("report.theme", { label, positive: counts.positive, negative: counts.negative })];
  });
}
