import { FREE_TEXT_MAX } from "./templates.js";
import type { AnswerValue, QuestionView } from "./types.js";

export type FieldError = "required" | "range" | "choice" | "too_long";

export type FormOutcome =
  | { ok: true; answers: AnswerValue[] }
  | { ok: false; errors: Readonly<Record<string, FieldError>>; values: Readonly<Record<string, string>> };

/**
 * Checks a submitted questionnaire (form fields named by question key). Every field gets its own
 * message; nothing is stored until all are fine.
 */
export function checkForm(questions: readonly QuestionView[], fields: Readonly<Record<string, unknown>>): FormOutcome {
  const errors: Record<string, FieldError> = {};
  const values: Record<string, string> = {};
  const answers: AnswerValue[] = [];
  for (const q of questions) {
    const raw = fields[q.key];
    const value = typeof raw === "string" ? raw : "";
    values[q.key] = value.slice(0, FREE_TEXT_MAX * 2);
    const base = { questionKey: q.key, value: null, choice: null, text: null };
    const trimmed = value.trim();
    if (trimmed === "") {
      if (q.required) errors[q.key] = "required";
      continue;
    }
    switch (q.kind) {
      case "likert5":
      case "nps": {
        const [min, max] = q.kind === "likert5" ? [1, 5] : [0, 10];
        const n = Number(trimmed);
        if (!/^\d{1,2}$/.test(trimmed) || n < min || n > max) errors[q.key] = "range";
        else answers.push({ ...base, value: n });
        break;
      }
      case "single_choice": {
        if (!(q.options ?? []).some((o) => o.key === trimmed)) errors[q.key] = "choice";
        else answers.push({ ...base, choice: trimmed });
        break;
      }
      case "free_text": {
        if (trimmed.length > FREE_TEXT_MAX) errors[q.key] = "too_long";
        else answers.push({ ...base, text: trimmed });
        break;
      }
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors, values } : { ok: true, answers };
}
