import type { Readable } from "node:stream";
import { KursError } from "../../errors.js";
import type { Locale } from "../org/types.js";
import type { Clock } from "../ports.js";
import { effectiveThreshold, thresholdProblem } from "./anonymity.js";
import { type CsvProblem, parseAnswerCsv, readCsv } from "./answer-csv.js";
import type { SurveyRepository } from "./ports.js";
import { TEMPLATES } from "./templates.js";
import { hashToken, newInvitationToken } from "./tokens.js";
import { DEFAULT_ANONYMITY_THRESHOLD, type InvitationView, type SurveyView, WAVE_KEY, type WaveView } from "./types.js";

export interface SurveyDeps {
  readonly surveys: SurveyRepository;
  readonly clock: Clock;
}

export async function createFromTemplate(
  deps: SurveyDeps,
  input: {
    tenantId: string;
    template: string;
    title: string;
    createdById?: string | null;
    anonymityThreshold?: number;
  },
): Promise<SurveyView> {
  const instrument = TEMPLATES[input.template];
  if (!instrument) throw new KursError("TEMPLATE_UNKNOWN", `unknown template ${input.template}`);
  const title = input.title.trim();
  if (title === "") throw new KursError("TITLE_MISSING", "a survey needs a title");
  const threshold = input.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD;
  const problem = thresholdProblem(threshold);
  if (problem) throw new KursError("THRESHOLD_INVALID", `anonymity threshold ${threshold}: ${problem}`);
  return deps.surveys.create({
    tenantId: input.tenantId,
    title,
    templateKey: input.template,
    createdById: input.createdById ?? null,
    anonymityThreshold: threshold,
    instrument,
  });
}

export async function getSurvey(deps: SurveyDeps, tenantId: string, surveyId: string): Promise<SurveyView> {
  const survey = /^[0-9a-f-]{36}$/i.test(surveyId) ? await deps.surveys.get(tenantId, surveyId) : null;
  if (!survey) throw new KursError("SURVEY_NOT_FOUND", `no survey ${surveyId}`);
  return survey;
}

export async function addWave(
  deps: SurveyDeps,
  tenantId: string,
  surveyId: string,
  key: string,
  label: string,
): Promise<WaveView> {
  if (!WAVE_KEY.test(key)) throw new KursError("WAVE_KEY_INVALID", `invalid wave key ${key}`);
  if (label.trim() === "") throw new KursError("LABEL_MISSING", "a wave needs a label");
  await getSurvey(deps, tenantId, surveyId);
  return deps.surveys.addWave(tenantId, surveyId, key, label.trim());
}

export function findWave(survey: SurveyView, key: string): WaveView {
  const wave = survey.waves.find((w) => w.key === key);
  if (!wave) throw new KursError("WAVE_NOT_FOUND", `no wave ${key}`);
  return wave;
}

/** A wave opens with its first answer or link; from then on its anonymity threshold is fixed. */
export async function ensureOpen(deps: SurveyDeps, survey: SurveyView, wave: WaveView): Promise<WaveView> {
  if (wave.status === "closed") throw new KursError("WAVE_CLOSED", `wave ${wave.key} is closed`);
  if (wave.status === "open") return wave;
  return deps.surveys.openWave(survey.tenantId, wave.id, effectiveThreshold(survey), deps.clock.now());
}

export type ImportOutcome = { ok: true; imported: number } | { ok: false; problems: readonly CsvProblem[] };

/** Checks the whole file, then stores every row in one transaction, or nothing. */
export async function importAnswers(
  deps: SurveyDeps,
  survey: SurveyView,
  wave: WaveView,
  input: string | Readable,
): Promise<ImportOutcome> {
  if (wave.status === "closed") throw new KursError("WAVE_CLOSED", `wave ${wave.key} is closed`);
  const parsed = await parseAnswerCsv(input, survey.questions);
  if (parsed.problems.length > 0) return { ok: false, problems: parsed.problems };
  const open = await ensureOpen(deps, survey, wave);
  const imported = await deps.surveys.addResponses(
    survey.tenantId,
    open.id,
    parsed.rows.map((answers) => ({ source: "import", locale: null, unitId: null, personId: null, answers })),
    deps.clock.now(),
  );
  return { ok: true, imported };
}

export interface Recipient {
  readonly line: number;
  readonly email: string;
  readonly name: string | null;
  readonly company: string | null;
  readonly locale: Locale;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const CUSTOMER_CSV_COLUMNS = ["email", "name", "company", "locale"] as const;

/** Reads the customers file for `kurs survey links`: email (required), name, company, locale. */
export async function parseRecipients(
  input: string | Readable,
  defaultLocale: Locale,
): Promise<{ recipients: Recipient[]; problems: CsvProblem[] | RecipientProblem[] }> {
  const { header, records, problems } = await readCsv(input);
  if (!header) return { recipients: [], problems };
  const unknown = header.columns.filter((c) => !(CUSTOMER_CSV_COLUMNS as readonly string[]).includes(c));
  if (unknown.length > 0)
    return {
      recipients: [],
      problems: [
        {
          line: header.line,
          code: "unknown_columns",
          params: { columns: unknown.join(", "), allowed: CUSTOMER_CSV_COLUMNS.join(",") },
        },
      ],
    };
  if (!header.columns.includes("email"))
    return { recipients: [], problems: [{ line: header.line, code: "missing_email" }] };
  const all: RecipientProblem[] = [...problems];
  const recipients: Recipient[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of records) {
    const email = (values.email ?? "").trim().toLowerCase();
    const localeRaw = (values.locale ?? "").trim().toLowerCase();
    let ok = true;
    if (!EMAIL.test(email)) {
      all.push({ line, code: "email", params: { value: email } });
      ok = false;
    } else if (seen.has(email)) {
      all.push({ line, code: "duplicate_email", params: { value: email, other: seen.get(email) ?? 0 } });
      ok = false;
    } else seen.set(email, line);
    if (localeRaw !== "" && localeRaw !== "de" && localeRaw !== "en") {
      all.push({ line, code: "locale", params: { value: localeRaw } });
      ok = false;
    }
    if (ok)
      recipients.push({
        line,
        email,
        name: (values.name ?? "").trim() || null,
        company: (values.company ?? "").trim() || null,
        locale: localeRaw === "de" || localeRaw === "en" ? localeRaw : defaultLocale,
      });
  }
  if (recipients.length === 0 && all.length === 0) all.push({ line: header.line, code: "empty_file" });
  all.sort((a, b) => a.line - b.line);
  return { recipients: all.length > 0 ? [] : recipients, problems: all };
}

export interface RecipientProblem {
  readonly line: number;
  readonly code: CsvProblem["code"] | "email" | "duplicate_email" | "locale" | "missing_email";
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface IssuedLink {
  readonly invitation: InvitationView;
  /** The only copy of the token; it is not stored. */
  readonly token: string;
}

/**
 * One invitation per recipient and wave. Recipients who already have one are skipped (their token
 * exists only in the earlier CSV or e-mail), except that `renewUnsent` gives an unused invitation
 * that was never e-mailed a fresh token, so an interrupted e-mail run can finish, and `renew` gives
 * every unused one a fresh token (a lost links file; the old links stop working).
 */
export async function issueInvitations(
  deps: SurveyDeps,
  survey: SurveyView,
  wave: WaveView,
  recipients: readonly Recipient[],
  options: { expiresInDays: number; renewUnsent: boolean; renew?: boolean },
): Promise<{ issued: IssuedLink[]; skipped: number }> {
  const open = await ensureOpen(deps, survey, wave);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + options.expiresInDays * 86_400_000);
  const tokens = new Map<string, string>();
  const fresh = recipients.map((r) => {
    const token = newInvitationToken();
    tokens.set(r.email, token);
    return {
      email: r.email,
      name: r.name,
      company: r.company,
      locale: r.locale,
      tokenHash: hashToken(token),
      expiresAt,
    };
  });
  const created = await deps.surveys.addInvitations(survey.tenantId, open.id, fresh);
  const issued: IssuedLink[] = created.map((invitation) => ({ invitation, token: tokens.get(invitation.email) ?? "" }));
  const createdEmails = new Set(created.map((i) => i.email));
  let skipped = 0;
  const wanted = new Set(recipients.map((r) => r.email));
  for (const existing of await deps.surveys.invitations(survey.tenantId, open.id)) {
    if (createdEmails.has(existing.email) || !wanted.has(existing.email)) continue;
    const renew = options.renew === true || (options.renewUnsent && existing.sentAt === null);
    if (renew && existing.usedAt === null) {
      const token = newInvitationToken();
      const onlyUnsent = options.renew !== true;
      if (await deps.surveys.renewToken(survey.tenantId, existing.id, hashToken(token), expiresAt, onlyUnsent)) {
        issued.push({ invitation: { ...existing, expiresAt, sentAt: null }, token });
        continue;
      }
    }
    skipped++;
  }
  issued.sort((a, b) => a.invitation.email.localeCompare(b.invitation.email));
  return { issued, skipped };
}

export function surveyLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, "")}/s/${token}`;
}
