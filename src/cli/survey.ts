import { createReadStream } from "node:fs";
import { access, writeFile } from "node:fs/promises";
import { stringify } from "csv-stringify/sync";
import type { Locale } from "../core/org/types.js";
import type { CsvProblem } from "../core/surveys/answer-csv.js";
import { buildReport, renderMarkdown } from "../core/surveys/report.js";
import {
  addWave,
  createFromTemplate,
  findWave,
  getSurvey,
  importAnswers,
  issueInvitations,
  parseRecipients,
  type RecipientProblem,
  type SurveyDeps,
  surveyLink,
} from "../core/surveys/survey-service.js";
import { type SurveyTranslate, surveyText } from "../core/surveys/survey-text.js";
import { TEMPLATES } from "../core/surveys/templates.js";
import type { SurveyView } from "../core/surveys/types.js";
import { PrismaSurveyRepository } from "../db/survey-repository.js";
import { KursError } from "../errors.js";
import { createSmtpMailer } from "../mail/smtp-mailer.js";
import { type CliContext, resolveTenant, withDatabase } from "./context.js";

interface Common {
  readonly tenant: string;
  readonly lang?: Locale;
}

async function withSurveys<T>(
  opts: Common,
  fn: (ctx: CliContext, deps: SurveyDeps, tenantId: string, t: SurveyTranslate) => Promise<T>,
): Promise<T> {
  return withDatabase(async (ctx) => {
    const t = surveyText(opts.lang ?? ctx.config.defaultLocale);
    const tenant = await resolveTenant(ctx, opts.tenant);
    if (!tenant) throw new KursError("TENANT_NOT_FOUND", `no tenant with slug "${opts.tenant}"`);
    const deps: SurveyDeps = { surveys: new PrismaSurveyRepository(ctx.db.prisma), clock: { now: () => new Date() } };
    return fn(ctx, deps, tenant.id, t);
  });
}

/** Turns core's error codes into a message in the CLI's language. */
async function explained<T>(t: SurveyTranslate, params: Record<string, string>, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof KursError)) throw err;
    const keys: Record<string, Parameters<SurveyTranslate>[0]> = {
      SURVEY_NOT_FOUND: "cli.surveyNotFound",
      WAVE_NOT_FOUND: "cli.waveNotFound",
      WAVE_EXISTS: "cli.waveExists",
      WAVE_KEY_INVALID: "cli.waveKey",
      WAVE_CLOSED: "cli.waveClosed",
      TEMPLATE_UNKNOWN: "cli.templateUnknown",
      TITLE_MISSING: "cli.title",
      LABEL_MISSING: "cli.label",
      THRESHOLD_INVALID: "cli.threshold",
    };
    const key = keys[err.code];
    if (!key) throw err;
    throw new KursError(err.code, t(key, params), { cause: err });
  }
}

async function readable(file: string): Promise<void> {
  try {
    await access(file);
  } catch (err) {
    throw new KursError("FILE_NOT_FOUND", `cannot read ${file}: no such file or no permission`, { cause: err });
  }
}

function reportProblems(t: SurveyTranslate, problems: readonly (CsvProblem | RecipientProblem)[]): void {
  console.error(t("cli.importFailed", { count: new Set(problems.map((p) => p.line)).size }));
  for (const p of problems) {
    console.error(`  ${t("cli.line", { line: p.line, reason: t(`csv.${p.code}`, p.params) })}`);
  }
  process.exitCode = 1;
}

function waveParams(survey: SurveyView, key: string): Record<string, string> {
  return { id: survey.id, key, available: survey.waves.map((w) => w.key).join(", ") || "–" };
}

export async function surveyCreateCommand(opts: Common & { template: string; title: string; threshold?: string }) {
  await withSurveys(opts, async (_ctx, deps, tenantId, t) => {
    const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
    const survey = await explained(t, { template: opts.template, available: Object.keys(TEMPLATES).join(", ") }, () =>
      createFromTemplate(deps, { tenantId, template: opts.template, title: opts.title, anonymityThreshold: threshold }),
    );
    console.error(t("cli.created", { title: survey.title }));
    console.log(survey.id);
  });
}

export async function surveyWaveCommand(surveyId: string, opts: Common & { key: string; label: string }) {
  await withSurveys(opts, async (_ctx, deps, tenantId, t) => {
    const wave = await explained(t, { id: surveyId, key: opts.key }, () =>
      addWave(deps, tenantId, surveyId, opts.key, opts.label),
    );
    console.error(t("cli.waveCreated", { key: wave.key }));
    console.log(wave.id);
  });
}

export async function surveyImportCommand(surveyId: string, waveKey: string, file: string, opts: Common) {
  await readable(file);
  await withSurveys(opts, async (_ctx, deps, tenantId, t) => {
    const survey = await explained(t, { id: surveyId }, () => getSurvey(deps, tenantId, surveyId));
    const wave = await explained(t, waveParams(survey, waveKey), async () => findWave(survey, waveKey));
    const outcome = await explained(t, { key: waveKey }, () =>
      importAnswers(deps, survey, wave, createReadStream(file)),
    );
    if (!outcome.ok) {
      reportProblems(t, outcome.problems);
      return;
    }
    console.log(t("cli.imported", { count: outcome.imported, key: wave.key }));
  });
}

export async function surveyLinksCommand(
  surveyId: string,
  waveKey: string,
  opts: Common & { customers: string; out?: string; expiresInDays: string; renew?: boolean },
) {
  await readable(opts.customers);
  await withSurveys(opts, async (ctx, deps, tenantId, t) => {
    const days = Number(opts.expiresInDays);
    if (!Number.isInteger(days) || days < 1 || days > 365) throw new KursError("BAD_ARGUMENT", t("cli.days"));
    const survey = await explained(t, { id: surveyId }, () => getSurvey(deps, tenantId, surveyId));
    const wave = await explained(t, waveParams(survey, waveKey), async () => findWave(survey, waveKey));
    const parsed = await parseRecipients(createReadStream(opts.customers), ctx.config.defaultLocale);
    if (parsed.problems.length > 0) {
      reportProblems(t, parsed.problems);
      return;
    }
    const smtp = ctx.config.smtp;
    const { issued, skipped } = await explained(t, { key: waveKey }, () =>
      issueInvitations(deps, survey, wave, parsed.recipients, {
        expiresInDays: days,
        renewUnsent: Boolean(smtp),
        renew: opts.renew === true,
      }),
    );
    const csv = stringify(
      issued.map(({ invitation, token }) => ({
        email: invitation.email,
        name: invitation.name ?? "",
        company: invitation.company ?? "",
        locale: invitation.locale,
        link: surveyLink(ctx.config.publicUrl, token),
        expires_at: invitation.expiresAt.toISOString(),
      })),
      { header: true, columns: ["email", "name", "company", "locale", "link", "expires_at"] },
    );
    // The links exist only here: write them before anything else can fail.
    if (opts.out) await writeFile(opts.out, csv, { mode: 0o600 });
    else process.stdout.write(csv);
    console.error(t("cli.linksWritten", { count: issued.length, file: opts.out ?? "stdout" }));
    if (skipped > 0) console.error(t("cli.linksSkipped", { count: skipped }));
    if (!smtp) return;
    const mailer = createSmtpMailer(smtp);
    let sent = 0;
    try {
      for (const { invitation, token } of issued) {
        const mt = surveyText(invitation.locale);
        try {
          await mailer.send({
            to: invitation.email,
            subject: mt("mail.subject", { title: survey.title }),
            text: mt("mail.body", {
              title: survey.title,
              name: invitation.name ? ` ${invitation.name}` : "",
              link: surveyLink(ctx.config.publicUrl, token),
              expires: invitation.expiresAt.toISOString().slice(0, 10),
            }),
          });
          await deps.surveys.markSent(tenantId, invitation.id, new Date());
          sent++;
        } catch (err) {
          console.error(
            t("cli.mailFailed", { email: invitation.email, reason: err instanceof Error ? err.message : String(err) }),
          );
          process.exitCode = 1;
        }
      }
    } finally {
      mailer.close();
    }
    console.error(t("cli.mailed", { count: sent }));
  });
}

export async function surveyReportCommand(
  surveyId: string,
  opts: Common & { format: string; from?: string; to?: string },
) {
  await withSurveys(opts, async (ctx, deps, tenantId, t) => {
    if (opts.format !== "json" && opts.format !== "md")
      throw new KursError("BAD_ARGUMENT", t("cli.format", { format: opts.format }));
    const survey = await explained(t, { id: surveyId }, () => getSurvey(deps, tenantId, surveyId));
    for (const key of [opts.from, opts.to]) {
      if (key !== undefined) await explained(t, waveParams(survey, key), async () => findWave(survey, key));
    }
    const responses = await deps.surveys.responses(tenantId, survey.id);
    const range = { from: opts.from, to: opts.to };
    const report = buildReport(survey, responses, range);
    if (opts.format === "json") {
      console.log(JSON.stringify(report, null, 2));
      return;
    }
    const themes = await deps.surveys.interviewThemes(tenantId, survey.id);
    process.stdout.write(
      renderMarkdown(survey, report, responses, opts.lang ?? ctx.config.defaultLocale, { ...range, themes }),
    );
  });
}
