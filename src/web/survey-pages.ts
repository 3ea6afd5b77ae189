import express, { type Application, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import type { Locale } from "../core/org/types.js";
import type { Clock } from "../core/ports.js";
import type { SurveyRepository } from "../core/surveys/ports.js";
import { type SurveyTranslate, surveyText } from "../core/surveys/survey-text.js";
import { FREE_TEXT_MAX, LIKERT_LABELS } from "../core/surveys/templates.js";
import { hashToken, isWellFormedToken } from "../core/surveys/tokens.js";
import type { InvitationContext, QuestionView } from "../core/surveys/types.js";
import { checkForm, type FieldError } from "../core/surveys/web-form.js";
import type { Logger } from "../logger.js";

export interface SurveyPagesDeps {
  readonly surveys: SurveyRepository;
  readonly clock: Clock;
  readonly log: Logger;
  /** Requests per minute and client address on the survey pages. */
  readonly rateLimitPerMinute?: number;
}

const STYLE = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 1.0625rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #f6f6f4; }
main { max-width: 44rem; margin: 0 auto; padding: 1.25rem 1rem 3rem; background: #fff; min-height: 100vh; }
h1 { font-size: 1.6rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
.lang { text-align: right; margin: 0; }
a { color: #0b4f9c; }
a:focus, input:focus-visible, textarea:focus, button:focus { outline: 3px solid #c25400; outline-offset: 2px; }
fieldset { border: 1px solid #767676; border-radius: 6px; margin: 0 0 1.25rem; padding: 0.75rem 1rem 1rem; }
legend { font-weight: 600; padding: 0 0.25rem; }
.hint { color: #4a4a4a; margin: 0 0 0.5rem; font-size: 0.95rem; }
.scale { display: flex; flex-wrap: wrap; gap: 0.5rem; }
.scale label { display: flex; align-items: center; gap: 0.4rem; min-height: 2.75rem; padding: 0.25rem 0.75rem; border: 1px solid #767676; border-radius: 6px; cursor: pointer; }
.scale input { width: 1.25rem; height: 1.25rem; margin: 0; }
.nps label { min-width: 3.25rem; justify-content: center; }
textarea { width: 100%; min-height: 8rem; font: inherit; padding: 0.5rem; border: 1px solid #767676; border-radius: 6px; }
.error { color: #b00020; font-weight: 600; margin: 0.5rem 0 0; }
.invalid { border-color: #b00020; border-width: 2px; }
.summary { border: 2px solid #b00020; border-radius: 6px; padding: 0.75rem 1rem; margin-bottom: 1.25rem; }
.summary h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
button { font: inherit; font-weight: 600; color: #fff; background: #0b4f9c; border: 0; border-radius: 6px; padding: 0.75rem 1.5rem; min-height: 2.75rem; cursor: pointer; }
.required { font-weight: 400; color: #4a4a4a; }
`;

const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Every value that reaches the page goes through here. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

function page(locale: Locale, title: string, body: string, switchTo?: string): string {
  const other = locale === "de" ? "en" : "de";
  const t = surveyText(locale);
  const lang = switchTo
    ? `<p class="lang"><a href="${escapeHtml(switchTo)}" hreflang="${other}" lang="${other}">${escapeHtml(t("web.otherLanguage"))}</a></p>`
    : "";
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/s/static/form.css">
</head>
<body>
<main>
${lang}
${body}
</main>
</body>
</html>`;
}

function errorText(t: SurveyTranslate, error: FieldError): string {
  switch (error) {
    case "required":
      return t("web.errorRequired");
    case "range":
      return t("web.errorRange");
    case "choice":
      return t("web.errorChoice");
    case "too_long":
      return t("web.errorTooLong", { max: FREE_TEXT_MAX });
  }
}

function questionHtml(q: QuestionView, t: SurveyTranslate, value: string, error: FieldError | undefined): string {
  const locale = t.locale;
  const text = escapeHtml(locale === "de" ? q.textDe : q.textEn);
  const id = `q-${q.key}`;
  const errorId = `${id}-error`;
  const errorHtml = error ? `<p class="error" id="${errorId}">${escapeHtml(errorText(t, error))}</p>` : "";
  const required = q.required ? ` <span class="required">(${escapeHtml(t("web.required"))})</span>` : "";
  const invalid = error ? ` aria-invalid="true" aria-describedby="${errorId}"` : "";
  if (q.kind === "free_text") {
    return `<div class="field">
<label for="${id}"><strong>${text}</strong>${required}</label>
<textarea id="${id}" name="${q.key}" maxlength="${FREE_TEXT_MAX}"${error ? ' class="invalid"' : ""}${invalid}>${escapeHtml(value)}</textarea>
${errorHtml}
</div>`;
  }
  const options: { value: string; label: string }[] =
    q.kind === "likert5"
      ? LIKERT_LABELS[locale].map((label, i) => ({ value: String(i + 1), label: `${i + 1} – ${label}` }))
      : q.kind === "nps"
        ? Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }))
        : (q.options ?? []).map((o) => ({ value: o.key, label: locale === "de" ? o.de : o.en }));
  const hint = q.kind === "nps" ? `<p class="hint" id="${id}-hint">${escapeHtml(t("web.npsHint"))}</p>` : "";
  const describedBy = [q.kind === "nps" ? `${id}-hint` : "", error ? errorId : ""].filter(Boolean).join(" ");
  const radios = options
    .map((o, i) => {
      const checked = o.value === value ? " checked" : "";
      const first = i === 0 ? ` id="${id}"` : "";
      const aria = `${q.required ? " required" : ""}${error ? ' aria-invalid="true"' : ""}`;
      return `<label><input type="radio" name="${q.key}" value="${escapeHtml(o.value)}"${first}${checked}${aria}> ${escapeHtml(o.label)}</label>`;
    })
    .join("\n");
  return `<fieldset${error ? ' class="invalid"' : ""}${describedBy ? ` aria-describedby="${describedBy}"` : ""}>
<legend>${text}${required}</legend>
${hint}
<div class="scale${q.kind === "nps" ? " nps" : ""}">
${radios}
</div>
${errorHtml}
</fieldset>`;
}

function formPage(
  ctx: InvitationContext,
  token: string,
  locale: Locale,
  values: Readonly<Record<string, string>> = {},
  errors: Readonly<Record<string, FieldError>> = {},
): string {
  const t = surveyText(locale);
  const errorKeys = ctx.survey.questions.filter((q) => errors[q.key]);
  const summary =
    errorKeys.length > 0
      ? `<div class="summary" role="alert" tabindex="-1" id="errors">
<h2>${escapeHtml(t("web.errorsTitle", { count: errorKeys.length }))}</h2>
<ul>${errorKeys
          .map((q) => {
            const error = errors[q.key];
            const label = locale === "de" ? q.textDe : q.textEn;
            return `<li><a href="#q-${q.key}">${escapeHtml(label)}: ${escapeHtml(error ? errorText(t, error) : "")}</a></li>`;
          })
          .join("")}</ul>
</div>`
      : "";
  const questions = ctx.survey.questions.map((q) => questionHtml(q, t, values[q.key] ?? "", errors[q.key])).join("\n");
  const other = locale === "de" ? "en" : "de";
  const body = `<h1>${escapeHtml(ctx.survey.title)}</h1>
<p>${escapeHtml(t("web.intro"))}</p>
<p class="hint">${escapeHtml(t("web.scaleHint"))}</p>
${summary}
<form method="post" action="/s/${token}" novalidate>
<input type="hidden" name="lang" value="${locale}">
${questions}
<button type="submit">${escapeHtml(t("web.submit"))}</button>
</form>`;
  return page(locale, `${ctx.survey.title} – ${t("web.title")}`, body, `/s/${token}?lang=${other}`);
}

function gonePage(locale: Locale): string {
  const t = surveyText(locale);
  return page(
    locale,
    t("web.goneTitle"),
    `<h1>${escapeHtml(t("web.goneTitle"))}</h1>\n<p>${escapeHtml(t("web.gone"))}</p>`,
  );
}

function thanksPage(locale: Locale): string {
  const t = surveyText(locale);
  return page(
    locale,
    t("web.thanksTitle"),
    `<h1>${escapeHtml(t("web.thanksTitle"))}</h1>\n<p>${escapeHtml(t("web.thanks"))}</p>`,
  );
}

function pickLocale(req: Request, fallback: Locale): Locale {
  const asked = typeof req.query.lang === "string" ? req.query.lang : undefined;
  const posted = req.body && typeof req.body === "object" ? Reflect.get(req.body, "lang") : undefined;
  const choice = asked ?? (typeof posted === "string" ? posted : undefined);
  if (choice === "de" || choice === "en") return choice;
  return fallback;
}

function browserLocale(req: Request): Locale {
  return req.acceptsLanguages("de", "en") === "en" ? "en" : "de";
}

function send(res: Response, status: number, html: string): void {
  res.status(status).type("html").set("Cache-Control", "no-store").send(html);
}

/**
 * The customer survey pages: GET/POST /s/:token. Server-rendered HTML that works without
 * JavaScript, with security headers (no scripts at all in the CSP) and a rate limit per address.
 */
export function mountSurveyPages(app: Application, deps: SurveyPagesDeps): void {
  const router = express.Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          formAction: ["'self'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: "no-referrer" },
    }),
  );
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 60,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      handler: (req, res) => {
        const locale = browserLocale(req);
        const t = surveyText(locale);
        send(res, 429, page(locale, t("web.tooMany"), `<h1>${escapeHtml(t("web.tooMany"))}</h1>`));
      },
    }),
  );
  router.use(express.urlencoded({ extended: false, limit: "64kb", parameterLimit: 100 }));

  router.get("/static/form.css", (_req, res) => {
    res.type("css").set("Cache-Control", "public, max-age=3600").send(STYLE);
  });

  router.get("/thanks", (req, res) => {
    send(res, 200, thanksPage(pickLocale(req, browserLocale(req))));
  });

  const lookup = async (token: string): Promise<InvitationContext | null> =>
    isWellFormedToken(token) ? deps.surveys.findInvitation(hashToken(token)) : null;

  const usable = (ctx: InvitationContext): boolean =>
    ctx.invitation.usedAt === null &&
    ctx.invitation.expiresAt.getTime() > deps.clock.now().getTime() &&
    ctx.wave.status !== "closed";

  router.get("/:token", async (req, res) => {
    const ctx = await lookup(req.params.token);
    if (!ctx || !usable(ctx)) {
      send(res, ctx ? 410 : 404, gonePage(pickLocale(req, ctx?.invitation.locale ?? browserLocale(req))));
      return;
    }
    send(res, 200, formPage(ctx, req.params.token, pickLocale(req, ctx.invitation.locale)));
  });

  router.post("/:token", async (req, res) => {
    const token = req.params.token;
    const ctx = await lookup(token);
    if (!ctx || !usable(ctx)) {
      send(res, ctx ? 410 : 404, gonePage(pickLocale(req, ctx?.invitation.locale ?? browserLocale(req))));
      return;
    }
    const locale = pickLocale(req, ctx.invitation.locale);
    const fields = req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {};
    const outcome = checkForm(ctx.survey.questions, fields);
    if (!outcome.ok) {
      send(res, 422, formPage(ctx, token, locale, outcome.values, outcome.errors));
      return;
    }
    const stored = await deps.surveys.submitInvited(
      hashToken(token),
      { source: "web", locale, unitId: null, personId: null, answers: outcome.answers },
      deps.clock.now(),
    );
    if (!stored) {
      send(res, 410, gonePage(locale));
      return;
    }
    deps.log.info({ tenantId: ctx.tenantId, waveId: ctx.wave.id }, "survey response received");
    res.redirect(303, `/s/thanks?lang=${locale}`);
  });

  app.use("/s", router);
}
