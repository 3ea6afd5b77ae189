import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { FREE_TEXT_MAX } from "./templates.js";
import type { AnswerValue, QuestionView } from "./types.js";

/** A problem with one line of an answers file; rendered through the survey catalog (`csv.<code>`). */
export interface CsvProblem {
  readonly line: number;
  readonly code:
    | "syntax"
    | "empty_file"
    | "unknown_columns"
    | "missing_columns"
    | "duplicate_columns"
    | "columns"
    | "likert"
    | "nps"
    | "choice"
    | "too_long"
    | "empty_row";
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface CsvRecord {
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/**
 * Reads a CSV the way the org import does: comma or semicolon (German spreadsheet exports), a UTF-8
 * BOM, quoted fields; every record keeps the line it starts on.
 */
export async function readCsv(
  input: string | Readable,
): Promise<{ header: { line: number; columns: string[] } | null; records: CsvRecord[]; problems: CsvProblem[] }> {
  const text = typeof input === "string" ? input : await readAll(input);
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ";" : ",";
  const parser = parse(text, {
    bom: true,
    delimiter,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const raw: { line: number; values: string[] }[] = [];
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      raw.push({ line: item.info.lines, values: item.record });
    }
  } catch (err) {
    const line = typeof err === "object" && err !== null && "lines" in err ? Number(err.lines) : raw.length + 1;
    return {
      header: null,
      records: [],
      problems: [{ line, code: "syntax", params: { detail: err instanceof Error ? err.message : String(err) } }],
    };
  }
  const head = raw.shift();
  if (!head) return { header: null, records: [], problems: [{ line: 1, code: "empty_file" }] };
  const columns = head.values.map((c) => c.trim().toLowerCase());
  const problems: CsvProblem[] = [];
  const records: CsvRecord[] = [];
  for (const { line, values } of raw) {
    if (values.length !== columns.length) {
      problems.push({ line, code: "columns", params: { expected: columns.length, actual: values.length } });
      continue;
    }
    records.push({ line, values: Object.fromEntries(columns.map((c, i) => [c, values[i] ?? ""])) });
  }
  return { header: { line: head.line, columns }, records, problems };
}

async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

/** Checks one value against its question; null = no answer (empty cell). */
export function parseAnswer(
  question: QuestionView,
  raw: string,
):
  | { ok: true; answer: AnswerValue | null }
  | { ok: false; code: CsvProblem["code"]; params?: Record<string, string | number> } {
  const value = question.kind === "free_text" ? raw : raw.trim();
  if (value.trim() === "") return { ok: true, answer: null };
  const base = { questionKey: question.key, value: null, choice: null, text: null };
  switch (question.kind) {
    case "likert5":
    case "nps": {
      const max = question.kind === "likert5" ? 5 : 10;
      const min = question.kind === "likert5" ? 1 : 0;
      if (!/^\d{1,2}$/.test(value) || Number(value) < min || Number(value) > max) {
        return {
          ok: false,
          code: question.kind === "likert5" ? "likert" : "nps",
          params: { column: question.key, value },
        };
      }
      return { ok: true, answer: { ...base, value: Number(value) } };
    }
    case "single_choice": {
      const options = question.options ?? [];
      const match = options.find((o) => o.key === value || o.de === value || o.en === value);
      if (!match)
        return {
          ok: false,
          code: "choice",
          params: { column: question.key, value, allowed: options.map((o) => o.key).join(", ") },
        };
      return { ok: true, answer: { ...base, choice: match.key } };
    }
    case "free_text": {
      const text = value.trim();
      if (text.length > FREE_TEXT_MAX)
        return { ok: false, code: "too_long", params: { column: question.key, max: FREE_TEXT_MAX } };
      return { ok: true, answer: { ...base, text } };
    }
  }
}

export interface ParsedAnswers {
  readonly rows: readonly (readonly AnswerValue[])[];
  readonly problems: readonly CsvProblem[];
}

/**
 * Checks a whole file of written answers (one row per respondent, one column per question key,
 * empty cell = no answer) before anything is stored: every bad row is reported with its line.
 */
export async function parseAnswerCsv(
  input: string | Readable,
  questions: readonly QuestionView[],
): Promise<ParsedAnswers> {
  const { header, records, problems } = await readCsv(input);
  if (!header) return { rows: [], problems };
  const known = new Map(questions.map((q) => [q.key, q]));
  const unknown = header.columns.filter((c) => !known.has(c));
  const duplicates = header.columns.filter((c, i) => header.columns.indexOf(c) !== i);
  const headerProblems: CsvProblem[] = [];
  if (unknown.length > 0)
    headerProblems.push({
      line: header.line,
      code: "unknown_columns",
      params: { columns: unknown.join(", "), allowed: questions.map((q) => q.key).join(",") },
    });
  if (duplicates.length > 0)
    headerProblems.push({ line: header.line, code: "duplicate_columns", params: { columns: duplicates.join(", ") } });
  if (!header.columns.some((c) => known.has(c)))
    headerProblems.push({
      line: header.line,
      code: "missing_columns",
      params: { columns: questions.map((q) => q.key).join(",") },
    });
  if (headerProblems.length > 0) return { rows: [], problems: headerProblems };
  if (records.length === 0 && problems.length === 0)
    return { rows: [], problems: [{ line: header.line, code: "empty_file" }] };

  const all = [...problems];
  const rows: AnswerValue[][] = [];
  for (const record of records) {
    const answers: AnswerValue[] = [];
    let bad = false;
    for (const column of header.columns) {
      const question = known.get(column);
      if (!question) continue;
      const parsed = parseAnswer(question, record.values[column] ?? "");
      if (!parsed.ok) {
        bad = true;
        all.push({ line: record.line, code: parsed.code, ...(parsed.params ? { params: parsed.params } : {}) });
      } else if (parsed.answer) answers.push(parsed.answer);
    }
    if (!bad && answers.length === 0) {
      all.push({ line: record.line, code: "empty_row" });
      continue;
    }
    if (!bad) rows.push(answers);
  }
  all.sort((a, b) => a.line - b.line);
  return { rows: all.length > 0 ? [] : rows, problems: all };
}
