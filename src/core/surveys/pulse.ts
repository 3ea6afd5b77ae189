import { DateTime } from "luxon";
import { platformsOf } from "../goals/reminder-delivery.js";
import type { Requester } from "../org/identify.js";
import { isValidTimezone } from "../org/tenant-settings.js";
import type { Locale, PersonProfile, PersonRef, TenantInfo, UnitNode } from "../org/types.js";
import { nextWorkingSlot } from "../org/working-days.js";
import type { DeliveryPlan, DeliveryRequest, RenderedDelivery } from "../ports.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Services } from "../services.js";
import type { Block, Card, Form, FormValues, Input } from "../ui/card.js";
import { type Translate, translator } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply, SubmitOutcome } from "../ui/reply.js";
import { PICKS, surveyActions } from "./actions.js";
import { effectiveThreshold, groupByUnit, mayShow, mayShowFreeText, thresholdProblem } from "./anonymity.js";
import { openInterviewForm } from "./interview.js";
import { pollCommand } from "./poll.js";
import { buildReport, changeLine, comparedWaves, formatNumber, themeLines } from "./report.js";
import { nps } from "./statistics.js";
import { FREE_TEXT_MAX, LIKERT_LABELS, TEMPLATES } from "./templates.js";
import {
  type AnswerValue,
  DEFAULT_ANONYMITY_THRESHOLD,
  type QuestionView,
  type SurveyView,
  type WaveView,
} from "./types.js";

/** Outbox purposes: the DM prompt (subject: wave id), reminders (subject: "wave id:day"), the creator's result. */
export const PROMPT_PURPOSE = "surveys.prompt";
export const REMINDER_PURPOSE = "surveys.reminder";
export const RESULT_PURPOSE = "surveys.result";
export const PULSE_FORM_ID = "surveys.pulse";
export const ANSWER_FORM_ID = "surveys.answer";
/** Reminder days after opening, at 09:00 local on a working day. */
export const REMINDER_DAYS = [3, 5] as const;
const REMINDER_HOUR = 9;
const MAX_OPEN_DAYS = 60;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const text = (t: string): Card => ({ summary: t, blocks: [{ type: "text", text: t }] });
const cardReply = (c: Card): Reply => ({ kind: "card", card: c });

interface Member {
  readonly t: Translate;
  readonly tenant: TenantInfo;
  readonly person: PersonProfile;
  readonly locale: Locale;
}

function member(requester: Requester): Member | Card {
  const { tenant, person, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t, requester.unbound);
  if (!person) return text(t("surveys.chat.notInOrg"));
  return { t, tenant, person, locale: requester.locale };
}

const isMember = (m: Member | Card): m is Member => "person" in m;

function zoneOf(person: { readonly timezone: string | null }, tenant: TenantInfo): string {
  if (isValidTimezone(person.timezone)) return person.timezone;
  return isValidTimezone(tenant.timezone) ? tenant.timezone : "Europe/Berlin";
}

function formatDate(at: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(at, { zone })
    .setLocale(locale === "de" ? "de-DE" : "en-GB")
    .toLocaleString(DateTime.DATE_MED);
}

// ---------------------------------------------------------------------------------------------
// Who may do what

/** The units a person may send a pulse to: the company for managing directors, their areas for area heads. */
export function allowedUnits(person: PersonProfile, units: readonly UnitNode[]): UnitNode[] {
  if (person.roles.some((r) => r.role === "managing_director")) return [...units];
  const roots = person.roles.filter((r) => r.role === "area_head").map((r) => r.unit.id);
  return units.filter((u) => roots.some((root) => isWithin(units, u.id, root)));
}

function isWithin(units: readonly UnitNode[], unitId: string, rootId: string): boolean {
  const byId = new Map(units.map((u) => [u.id, u]));
  let current: string | null = unitId;
  for (let depth = 0; current !== null && depth < 50; depth++) {
    if (current === rootId) return true;
    current = byId.get(current)?.parentId ?? null;
  }
  return false;
}

/** The unit a person's answers count for: the lowest unit they hold a role in. */
function homeUnit(person: { readonly roles: readonly { readonly unitId: string }[] }, units: readonly UnitNode[]) {
  const depth = (id: string) => {
    let d = 0;
    let current = units.find((u) => u.id === id);
    while (current?.parentId) {
      d++;
      current = units.find((u) => u.id === current?.parentId);
    }
    return d;
  };
  const sorted = [...person.roles].sort((a, b) => depth(b.unitId) - depth(a.unitId));
  return sorted[0]?.unitId ?? null;
}

function mayManage(person: PersonProfile, creatorId: string | null): boolean {
  return person.roles.some((r) => r.role === "managing_director") || person.id === creatorId;
}

// ---------------------------------------------------------------------------------------------
// `/survey`

export async function surveyCommand(
  services: Services,
  requester: Requester,
  args: string,
  channel?: string,
): Promise<Reply> {
  const m = member(requester);
  if (!isMember(m)) return cardReply(m);
  const [word = "", ...rest] = args.trim().split(/\s+/);
  const arg = rest.join(" ");
  switch (word.toLowerCase()) {
    case "":
    case "list":
    case "liste":
      return cardReply(await openSurveysCard(services, m));
    case "new":
    case "neu":
    case "pulse":
    case "puls":
      return openPulseForm(services, requester);
    case "results":
    case "result":
    case "ergebnis":
    case "ergebnisse":
      return cardReply(await resultsCommand(services, m, arg));
    case "poll":
    case "umfrage":
    case "quiz":
      return pollCommand(services, requester, channel, args.trim().replace(/^\S+\s*/, ""));
    case "interview":
    case "interviews":
      return openInterviewForm(services, requester, arg);
    case "close":
    case "schliessen":
    case "schließen":
      return cardReply(await closeCommand(services, m, arg));
    default:
      return cardReply(text(m.t("surveys.chat.usage", { args: escapeMarkup(args.trim().slice(0, 60)) })));
  }
}

async function openSurveysCard(services: Services, m: Member): Promise<Card> {
  const open = await services.surveys.openForPerson(m.tenant.id, m.person.id, PROMPT_PURPOSE);
  const zone = zoneOf(m.person, m.tenant);
  const blocks: Block[] = [{ type: "header", text: m.t("surveys.chat.open.summary") }];
  if (open.length === 0) blocks.push({ type: "text", text: m.t("surveys.chat.open.none") });
  for (const o of open) {
    const until = o.closesAt
      ? ` (${m.t("surveys.chat.open.until", { date: formatDate(o.closesAt, zone, m.locale) })})`
      : "";
    blocks.push({ type: "text", text: `**${escapeMarkup(o.survey.title)}**${until}` });
    blocks.push({
      type: "actions",
      actions: [surveyActions.open.button(m.t("surveys.chat.open.answer"), { wave: o.wave.id })],
    });
  }
  const units = await services.org.units(m.tenant.id);
  if (allowedUnits(m.person, units).length > 0)
    blocks.push({ type: "actions", actions: [surveyActions.create.button(m.t("surveys.chat.open.create"), {})] });
  return { summary: m.t("surveys.chat.open.summary"), blocks };
}

// ---------------------------------------------------------------------------------------------
// Creating a pulse

export async function openPulseForm(services: Services, requester: Requester): Promise<Reply> {
  const m = member(requester);
  if (!isMember(m)) return cardReply(m);
  const units = allowedUnits(m.person, await services.org.units(m.tenant.id));
  if (units.length === 0) return cardReply(text(m.t("surveys.chat.refused")));
  const today = DateTime.fromJSDate(services.clock.now(), { zone: zoneOf(m.person, m.tenant) });
  return {
    kind: "form",
    form: pulseForm(m.t, units, {
      template: "pulse",
      anonymous: "yes",
      opens: today.toISODate() ?? "",
      closes: today.plus({ days: 7 }).toISODate() ?? "",
      threshold: String(DEFAULT_ANONYMITY_THRESHOLD),
      unit: units[0]?.id,
    }),
  };
}

function pulseForm(
  t: Translate,
  units: readonly UnitNode[],
  values: FormValues,
  errors?: Record<string, string>,
): Form {
  const str = (k: string) => {
    const v = values[k];
    return typeof v === "string" ? v : undefined;
  };
  const inputs: Input[] = [
    {
      id: "template",
      kind: "select",
      label: t("surveys.chat.form.template"),
      required: true,
      options: [
        { value: "pulse", label: t("surveys.chat.form.templatePulse") },
        { value: "customer", label: t("surveys.chat.form.templateCustomer") },
      ],
      ...(str("template") ? { initial: str("template") } : {}),
    },
    {
      id: "title",
      kind: "text",
      label: t("surveys.chat.form.surveyTitle"),
      required: true,
      maxLength: 120,
      ...(str("title") ? { initial: str("title") } : {}),
    },
    {
      id: "unit",
      kind: "select",
      label: t("surveys.chat.form.unit"),
      required: true,
      options: units.slice(0, 100).map((u) => ({ value: u.id, label: u.path || u.name })),
      ...(str("unit") ? { initial: str("unit") } : {}),
    },
    {
      id: "anonymous",
      kind: "radio",
      label: t("surveys.chat.form.anonymous"),
      required: true,
      options: [
        { value: "yes", label: t("surveys.chat.form.anonymousYes") },
        { value: "no", label: t("surveys.chat.form.anonymousNo") },
      ],
      ...(str("anonymous") ? { initial: str("anonymous") } : {}),
    },
    {
      id: "opens",
      kind: "date",
      label: t("surveys.chat.form.opens"),
      required: true,
      ...(str("opens") ? { initial: str("opens") } : {}),
    },
    {
      id: "closes",
      kind: "date",
      label: t("surveys.chat.form.closes"),
      required: true,
      ...(str("closes") ? { initial: str("closes") } : {}),
    },
    {
      id: "threshold",
      kind: "number",
      label: t("surveys.chat.form.threshold"),
      required: false,
      min: 3,
      max: 50,
      integer: true,
      ...(str("threshold") && Number.isFinite(Number(str("threshold"))) ? { initial: Number(str("threshold")) } : {}),
    },
  ];
  return {
    id: PULSE_FORM_ID,
    title: t("surveys.chat.form.title"),
    submitLabel: t("surveys.chat.form.submit"),
    inputs,
    ...(errors ? { errors } : {}),
  };
}

interface PulseInput {
  readonly template: string;
  readonly title: string;
  readonly unitId: string;
  readonly anonymous: boolean;
  readonly opensAt: Date;
  readonly closesAt: Date;
  readonly threshold: number;
}

function validatePulse(
  t: Translate,
  values: FormValues,
  units: readonly UnitNode[],
  zone: string,
  now: Date,
): { ok: true; value: PulseInput } | { ok: false; errors: Record<string, string> } {
  const get = (k: string) => {
    const v = values[k];
    return typeof v === "string" ? v.trim() : "";
  };
  const errors: Record<string, string> = {};
  const template = get("template");
  if (!TEMPLATES[template]) errors.template = t("surveys.chat.form.errors.template");
  const title = get("title");
  if (title === "" || title.length > 120) errors.title = t("surveys.chat.form.errors.title");
  const unitId = get("unit");
  if (!units.some((u) => u.id === unitId)) errors.unit = t("surveys.chat.form.errors.unit");
  const anonymous = get("anonymous");
  if (anonymous !== "yes" && anonymous !== "no") errors.anonymous = t("surveys.chat.form.errors.anonymous");
  const day = (k: string) => {
    const raw = get(k);
    const d = DATE.test(raw) ? DateTime.fromISO(raw, { zone }) : null;
    if (!d?.isValid) {
      errors[k] = t("surveys.chat.form.errors.date");
      return null;
    }
    return d;
  };
  const opens = day("opens");
  const closes = day("closes");
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  if (opens && opens < today) errors.opens = t("surveys.chat.form.errors.opensPast");
  if (opens && closes && (closes < opens || closes.diff(opens, "days").days > MAX_OPEN_DAYS))
    errors.closes = t("surveys.chat.form.errors.closesBefore");
  const thresholdRaw = get("threshold");
  const threshold = thresholdRaw === "" ? DEFAULT_ANONYMITY_THRESHOLD : Number(thresholdRaw);
  if (thresholdProblem(threshold) !== null || threshold > 50)
    errors.threshold = t("surveys.chat.form.errors.threshold");
  if (Object.keys(errors).length > 0 || !opens || !closes) return { ok: false, errors };
  const opensAt = opens.hasSame(today, "day") ? now : opens.set({ hour: REMINDER_HOUR }).toJSDate();
  return {
    ok: true,
    value: {
      template,
      title,
      unitId,
      anonymous: anonymous === "yes",
      opensAt,
      closesAt: closes.plus({ days: 1 }).startOf("day").toJSDate(),
      threshold,
    },
  };
}

export type PulseSubmit = SubmitOutcome<{
  readonly tenantId: string;
  readonly deliveryIds: readonly string[];
  /** What the creator hears when the queue is away: saved, the prompts follow. */
  readonly delayedCard: Card;
}>;

/**
 * Creates the survey and its wave, and opens the wave together with every outbox row it needs: a
 * prompt per person and platform, the day-3 and day-5 reminders (their renderer cancels them for
 * whoever answered meanwhile) and the creator's result at the close.
 */
export async function submitPulse(services: Services, requester: Requester, values: FormValues): Promise<PulseSubmit> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  const allUnits = await services.org.units(m.tenant.id);
  const units = allowedUnits(m.person, allUnits);
  if (units.length === 0) return { kind: "refused", card: text(m.t("surveys.chat.refused")) };
  const zone = zoneOf(m.person, m.tenant);
  const now = services.clock.now();
  const result = validatePulse(m.t, values, units, zone, now);
  if (!result.ok) return { kind: "invalid", form: pulseForm(m.t, units, values, result.errors), errors: result.errors };
  const input = result.value;
  const people = (await services.org.people(m.tenant.id)).filter(
    (p) => platformsOf(p).length > 0 && p.roles.some((r) => isWithin(allUnits, r.unitId, input.unitId)),
  );
  if (people.length === 0) {
    const errors = { unit: m.t("surveys.chat.form.errors.nobody") };
    return { kind: "invalid", form: pulseForm(m.t, units, values, errors), errors };
  }
  const instrument = TEMPLATES[input.template];
  if (!instrument) return { kind: "refused", card: text(m.t("surveys.chat.notFound")) };
  const survey = await services.surveys.create({
    tenantId: m.tenant.id,
    title: input.title,
    templateKey: input.template,
    createdById: m.person.id,
    anonymityThreshold: input.threshold,
    instrument: { ...instrument, audience: "employees", anonymous: input.anonymous },
  });
  const wave = await services.surveys.addWave(m.tenant.id, survey.id, "pulse", input.title);
  const plans = pulsePlans(m.tenant, people, m.person, wave.id, input.opensAt, input.closesAt);
  const deliveryIds = await services.surveys.openPulse({
    tenantId: m.tenant.id,
    waveId: wave.id,
    anonymityThreshold: input.threshold,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    plans,
  });
  const resultAt = plans.find((p) => p.purpose === RESULT_PURPOSE)?.notBefore ?? input.closesAt;
  return {
    kind: "saved",
    tenantId: m.tenant.id,
    deliveryIds,
    delayedCard: text(m.t("surveys.chat.delayed", { title: escapeMarkup(input.title) })),
    card: text(
      m.t("surveys.chat.created", {
        title: escapeMarkup(input.title),
        count: people.length,
        date: formatDate(resultAt, zone, m.locale),
        id: survey.id,
      }),
    ),
  };
}

/** Prompts, reminders and the result, as outbox plans; reminders per person's time zone. */
export function pulsePlans(
  tenant: TenantInfo,
  people: readonly PersonRef[],
  creator: {
    readonly id: string;
    readonly timezone: string | null;
    readonly slackUserId: string | null;
    readonly teamsAadObjectId: string | null;
  },
  waveId: string,
  opensAt: Date,
  closesAt: Date,
): DeliveryPlan[] {
  const targets = (p: { id: string; slackUserId: string | null; teamsAadObjectId: string | null }) =>
    platformsOf(p).map((platform) => ({ personId: p.id, platform }));
  const plans: DeliveryPlan[] = [
    { purpose: PROMPT_PURPOSE, subject: waveId, targets: people.flatMap(targets), notBefore: opensAt },
  ];
  for (const day of REMINDER_DAYS) {
    const byZone = new Map<string, PersonRef[]>();
    for (const p of people) {
      const zone = zoneOf(p, tenant);
      byZone.set(zone, [...(byZone.get(zone) ?? []), p]);
    }
    for (const [zone, group] of byZone) {
      const from = DateTime.fromJSDate(opensAt, { zone }).startOf("day").plus({ days: day }).toJSDate();
      const slot = nextWorkingSlot(from, zone, null, REMINDER_HOUR);
      if (slot.getTime() >= closesAt.getTime()) continue;
      plans.push({
        purpose: REMINDER_PURPOSE,
        subject: `${waveId}:${day}`,
        targets: group.flatMap(targets),
        notBefore: slot,
      });
    }
  }
  const creatorTargets = targets(creator);
  if (creatorTargets.length > 0)
    plans.push({ purpose: RESULT_PURPOSE, subject: waveId, targets: creatorTargets.slice(0, 1), notBefore: closesAt });
  return plans;
}

// ---------------------------------------------------------------------------------------------
// The DM prompt

type Picks = ReadonlyMap<number, number>;

export function parsePicks(raw: string): Map<number, number> {
  const picks = new Map<number, number>();
  if (raw === "") return picks;
  for (const part of raw.split(".")) {
    const [q, v] = part.split("=").map(Number);
    if (q !== undefined && v !== undefined) picks.set(q, v);
  }
  return picks;
}

function encodePicks(picks: Picks): string {
  return [...picks.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([q, v]) => `${q}=${v}`)
    .join(".");
}

const isScale = (q: QuestionView) => q.kind === "likert5" || q.kind === "nps";

function scaleRange(q: QuestionView): [number, number] {
  return q.kind === "nps" ? [0, 10] : [1, 5];
}

/** Picks that name scale questions of this survey with values on their scale; null for anything else. */
function validPicks(survey: SurveyView, raw: string): Map<number, number> | null {
  if (!PICKS.test(raw)) return null;
  const picks = parsePicks(raw);
  for (const [q, v] of picks) {
    const question = survey.questions[q];
    if (!question || !isScale(question)) return null;
    const [lo, hi] = scaleRange(question);
    if (v < lo || v > hi || !Number.isInteger(v)) return null;
  }
  return picks;
}

function questionText(q: QuestionView, locale: Locale): string {
  return locale === "de" ? q.textDe : q.textEn;
}

function valueLabel(q: QuestionView, v: number, locale: Locale): string {
  return q.kind === "likert5" ? `${v} – ${LIKERT_LABELS[locale][v - 1] ?? ""}` : String(v);
}

export function promptCard(
  t: Translate,
  locale: Locale,
  survey: SurveyView,
  wave: WaveView,
  closesAt: Date | null,
  zone: string,
  picks: Picks,
  note?: string,
): Card {
  const blocks: Block[] = [{ type: "header", text: escapeMarkup(survey.title) }];
  blocks.push({
    type: "context",
    text: survey.anonymous
      ? t("surveys.chat.prompt.anonymous", { threshold: effectiveThreshold(survey, wave) })
      : t("surveys.chat.prompt.named"),
  });
  if (closesAt)
    blocks.push({
      type: "context",
      text: t("surveys.chat.prompt.until", { date: formatDate(closesAt, zone, locale) }),
    });
  const state = encodePicks(picks);
  survey.questions.forEach((q, index) => {
    if (!isScale(q)) return;
    blocks.push({ type: "text", text: `**${escapeMarkup(questionText(q, locale))}**` });
    const [lo, hi] = scaleRange(q);
    const picked = picks.get(index);
    const actions = [];
    for (let v = lo; v <= hi; v++)
      actions.push(
        surveyActions.pick.button(
          v === picked ? `✓ ${v}` : String(v),
          { wave: wave.id, a: state, q: String(index), v: String(v) },
          v === picked ? { style: "primary" } : undefined,
        ),
      );
    blocks.push({ type: "actions", actions });
    if (picked !== undefined)
      blocks.push({
        type: "context",
        text: t("surveys.chat.prompt.picked", { value: escapeMarkup(valueLabel(q, picked, locale)) }),
      });
  });
  if (note) blocks.push({ type: "text", text: note });
  const hasText = survey.questions.some((q) => q.kind === "free_text");
  blocks.push({
    type: "actions",
    actions: [
      surveyActions.finish.button(t("surveys.chat.prompt.finish"), { wave: wave.id, a: state }, { style: "primary" }),
      ...(hasText ? [surveyActions.comment.button(t("surveys.chat.prompt.comment"), { wave: wave.id, a: state })] : []),
    ],
  });
  return { summary: survey.title, blocks };
}

interface WaveContext {
  readonly m: Member;
  readonly survey: SurveyView;
  readonly wave: WaveView;
  readonly closesAt: Date | null;
}

/** The wave a button names, if it is open to this person; otherwise the card that says why not. */
async function openWave(services: Services, m: Member, waveId: string): Promise<WaveContext | Card> {
  const found = UUID.test(waveId) ? await services.surveys.wave(m.tenant.id, waveId) : null;
  if (!found) return text(m.t("surveys.chat.notFound"));
  const title = escapeMarkup(found.survey.title);
  if (await services.surveys.hasAnswered(m.tenant.id, waveId, m.person.id))
    return text(m.t("surveys.chat.already", { title }));
  const closed = found.wave.status !== "open" || (found.closesAt !== null && found.closesAt <= services.clock.now());
  if (closed) return text(m.t("surveys.chat.closed", { title }));
  return { m, survey: found.survey, wave: found.wave, closesAt: found.closesAt };
}

const isContext = (c: WaveContext | Card): c is WaveContext => "wave" in c;

export async function showPrompt(services: Services, requester: Requester, waveId: string): Promise<Card> {
  const m = member(requester);
  if (!isMember(m)) return m;
  const ctx = await openWave(services, m, waveId);
  if (!isContext(ctx)) return ctx;
  return promptCard(m.t, m.locale, ctx.survey, ctx.wave, ctx.closesAt, zoneOf(m.person, m.tenant), new Map());
}

export async function pick(
  services: Services,
  requester: Requester,
  p: { wave: string; a?: string | undefined; q: string; v: string },
): Promise<Card> {
  const m = member(requester);
  if (!isMember(m)) return m;
  const ctx = await openWave(services, m, p.wave);
  if (!isContext(ctx)) return ctx;
  const picks = validPicks(ctx.survey, p.a ?? "");
  const next = validPicks(ctx.survey, `${p.q}=${p.v}`);
  if (!picks || !next) return text(m.t("errors.outdated"));
  for (const [q, v] of next) picks.set(q, v);
  return promptCard(m.t, m.locale, ctx.survey, ctx.wave, ctx.closesAt, zoneOf(m.person, m.tenant), picks);
}

function missingRequired(survey: SurveyView, picks: Picks): boolean {
  return survey.questions.some((q, i) => isScale(q) && q.required && !picks.has(i));
}

async function store(
  services: Services,
  ctx: WaveContext,
  picks: Picks,
  texts: Readonly<Record<string, string>>,
): Promise<Card> {
  const { m, survey, wave } = ctx;
  const answers: AnswerValue[] = [];
  survey.questions.forEach((q, i) => {
    const v = picks.get(i);
    if (isScale(q) && v !== undefined) answers.push({ questionKey: q.key, value: v, choice: null, text: null });
    const typed = texts[q.key];
    if (q.kind === "free_text" && typed) answers.push({ questionKey: q.key, value: null, choice: null, text: typed });
  });
  const units = await services.org.units(m.tenant.id);
  const unitId = homeUnit({ roles: m.person.roles.map((r) => ({ unitId: r.unit.id })) }, units);
  const title = escapeMarkup(survey.title);
  const stored = await services.surveys.answerInChat(
    m.tenant.id,
    wave.id,
    m.person.id,
    { source: "chat", locale: m.locale, unitId, personId: survey.anonymous ? null : m.person.id, answers },
    services.clock.now(),
  );
  return text(stored ? m.t("surveys.chat.answered", { title }) : m.t("surveys.chat.already", { title }));
}

/** "Submit": stores the picks when every required scale question has one; else the card says what is missing. */
export async function finish(
  services: Services,
  requester: Requester,
  p: { wave: string; a?: string | undefined },
): Promise<Card> {
  const m = member(requester);
  if (!isMember(m)) return m;
  const ctx = await openWave(services, m, p.wave);
  if (!isContext(ctx)) return ctx;
  const picks = validPicks(ctx.survey, p.a ?? "");
  if (!picks) return text(m.t("errors.outdated"));
  if (missingRequired(ctx.survey, picks))
    return promptCard(
      m.t,
      m.locale,
      ctx.survey,
      ctx.wave,
      ctx.closesAt,
      zoneOf(m.person, m.tenant),
      picks,
      m.t("surveys.chat.prompt.missing"),
    );
  return store(services, ctx, picks, {});
}

function answerForm(
  t: Translate,
  locale: Locale,
  survey: SurveyView,
  metadata: string,
  values?: FormValues,
  errors?: Record<string, string>,
): Form {
  return {
    id: ANSWER_FORM_ID,
    title: t("surveys.chat.answerForm.title"),
    submitLabel: t("surveys.chat.answerForm.submit"),
    metadata,
    inputs: survey.questions
      .filter((q) => q.kind === "free_text")
      .map((q): Input => {
        const initial = values?.[q.key];
        return {
          id: q.key,
          kind: "longText",
          label: questionText(q, locale),
          required: q.required,
          maxLength: FREE_TEXT_MAX,
          ...(typeof initial === "string" ? { initial } : {}),
        };
      }),
    ...(errors ? { errors } : {}),
  };
}

/** "Comment and submit": the free-text form, carrying the picks in its metadata. */
export async function openAnswerForm(
  services: Services,
  requester: Requester,
  p: { wave: string; a?: string | undefined },
): Promise<Reply> {
  const m = member(requester);
  if (!isMember(m)) return cardReply(m);
  const ctx = await openWave(services, m, p.wave);
  if (!isContext(ctx)) return cardReply(ctx);
  const picks = validPicks(ctx.survey, p.a ?? "");
  if (!picks) return cardReply(text(m.t("errors.outdated")));
  if (missingRequired(ctx.survey, picks))
    return cardReply(
      promptCard(
        m.t,
        m.locale,
        ctx.survey,
        ctx.wave,
        ctx.closesAt,
        zoneOf(m.person, m.tenant),
        picks,
        m.t("surveys.chat.prompt.missing"),
      ),
    );
  return { kind: "form", form: answerForm(m.t, m.locale, ctx.survey, `${ctx.wave.id}|${encodePicks(picks)}`) };
}

export async function submitAnswer(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<SubmitOutcome<object>> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  const [waveId = "", raw = ""] = metadata.split("|");
  const ctx = await openWave(services, m, waveId);
  if (!isContext(ctx)) return { kind: "refused", card: ctx };
  const picks = validPicks(ctx.survey, raw);
  if (!picks || missingRequired(ctx.survey, picks)) return { kind: "refused", card: text(m.t("errors.outdated")) };
  const texts: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const q of ctx.survey.questions.filter((x) => x.kind === "free_text")) {
    const v = values[q.key];
    const typed = typeof v === "string" ? v.trim() : "";
    if (typed.length > FREE_TEXT_MAX) errors[q.key] = m.t("surveys.chat.answerForm.tooLong", { max: FREE_TEXT_MAX });
    else if (typed !== "") texts[q.key] = typed;
  }
  if (Object.keys(errors).length > 0)
    return { kind: "invalid", form: answerForm(m.t, m.locale, ctx.survey, metadata, values, errors), errors };
  return { kind: "saved", card: await store(services, ctx, picks, texts) };
}

// ---------------------------------------------------------------------------------------------
// Results and closing

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/**
 * The result of a wave by unit: groups below the threshold roll up (groupByUnit), criteria as
 * means, the NPS, and free text only when the whole wave is above the threshold.
 */
export async function resultsCard(
  services: Services,
  t: Translate,
  locale: Locale,
  survey: SurveyView,
  wave: WaveView,
): Promise<Card> {
  const tenantId = survey.tenantId;
  const [responses, units, answered] = await Promise.all([
    services.surveys.responses(tenantId, survey.id),
    services.org.units(tenantId),
    services.surveys.participationCount(tenantId, wave.id),
  ]);
  const own = responses.filter((r) => r.waveId === wave.id);
  const threshold = effectiveThreshold(survey, wave);
  const blocks: Block[] = [
    { type: "header", text: t("surveys.chat.results.summary", { title: escapeMarkup(survey.title) }) },
  ];
  blocks.push({ type: "context", text: t("surveys.chat.results.participation", { count: answered }) });
  const themes = await services.surveys.interviewThemes(tenantId, survey.id);
  const themeBlocks: Block[] =
    themes.interviews > 0
      ? [
          { type: "text", text: `**${t("surveys.chat.themes", { count: themes.interviews })}**` },
          { type: "list", items: themeLines(survey, themes, locale).map((line) => escapeMarkup(line)) },
        ]
      : [];
  // Between the first and the last wave: the plain-language lines of the report, thresholds kept.
  const pair = comparedWaves(survey);
  if (pair) {
    const [from, to] = pair;
    const report = buildReport(survey, responses);
    const pairThreshold = Math.max(effectiveThreshold(survey, from), effectiveThreshold(survey, to));
    const label = (key: string) => {
      const c = survey.criteria.find((x) => x.key === key);
      return c ? (locale === "de" ? c.labelDe : c.labelEn) : key;
    };
    blocks.push(
      {
        type: "text",
        text: `**${t("surveys.chat.results.comparison", { from: escapeMarkup(from.label), to: escapeMarkup(to.label) })}**`,
      },
      {
        type: "list",
        items: report.criteria.map((c) => escapeMarkup(changeLine(label(c.key), c.change, locale, pairThreshold))),
      },
    );
  }
  if (!mayShow(own.length, threshold)) {
    blocks.push({ type: "text", text: t("surveys.chat.results.hidden", { threshold }) }, ...themeBlocks);
    return { summary: t("surveys.chat.results.summary", { title: survey.title }), blocks };
  }
  const groups = groupByUnit(units, own, (r) => r.unitId, threshold);
  const unitName = (id: string | null) =>
    id ? (units.find((u) => u.id === id)?.name ?? "?") : t("surveys.chat.results.allUnits");
  const npsKey = survey.questions.find((q) => q.kind === "nps")?.key;
  for (const g of groups) {
    blocks.push({
      type: "text",
      text: t("surveys.chat.results.group", { unit: escapeMarkup(unitName(g.unitId)), n: g.items.length }),
    });
    const lines: string[] = [];
    for (const c of survey.criteria) {
      const q = survey.questions.find((x) => x.criterion === c.key && x.kind === "likert5");
      if (!q) continue;
      const v = g.items.flatMap((r) =>
        r.answers.filter((a) => a.questionKey === q.key && a.value !== null).map((a) => a.value ?? 0),
      );
      if (!mayShow(v.length, threshold)) continue;
      lines.push(
        t("surveys.chat.results.criterion", {
          label: escapeMarkup(locale === "de" ? c.labelDe : c.labelEn),
          mean: formatNumber(mean(v), locale),
        }),
      );
    }
    if (npsKey) {
      const v = g.items.flatMap((r) =>
        r.answers.filter((a) => a.questionKey === npsKey && a.value !== null).map((a) => a.value ?? 0),
      );
      const summary = mayShow(v.length, threshold) ? nps(v) : null;
      if (summary?.score !== null && summary?.score !== undefined)
        lines.push(t("surveys.chat.results.nps", { score: formatNumber(summary.score, locale, 0, true) }));
    }
    if (lines.length > 0) blocks.push({ type: "list", items: lines });
  }
  blocks.push(...themeBlocks);
  if (mayShowFreeText(own.length, threshold)) {
    const keys = new Set(survey.questions.filter((q) => q.kind === "free_text").map((q) => q.key));
    const texts = own
      .flatMap((r) => r.answers.flatMap((a) => (keys.has(a.questionKey) && a.text ? [a.text] : [])))
      .sort();
    if (texts.length > 0) {
      blocks.push({ type: "text", text: `**${t("surveys.chat.results.comments")}**` });
      blocks.push({ type: "list", items: texts.map((x) => escapeMarkup(x)) });
    }
  }
  return { summary: t("surveys.chat.results.summary", { title: survey.title }), blocks };
}

async function findSurveyWave(services: Services, m: Member, arg: string) {
  const id = arg.trim();
  const survey = UUID.test(id) ? await services.surveys.get(m.tenant.id, id) : null;
  const wave = survey?.waves.at(-1);
  return survey && wave ? { survey, wave } : null;
}

async function resultsCommand(services: Services, m: Member, arg: string): Promise<Card> {
  if (arg.trim() === "") {
    const list = (await services.surveys.employeeSurveys(m.tenant.id, 10)).filter((s) =>
      mayManage(m.person, s.createdById),
    );
    return {
      summary: m.t("surveys.chat.results.which"),
      blocks: [
        { type: "text", text: m.t("surveys.chat.results.which") },
        ...(list.length > 0
          ? [
              {
                type: "list" as const,
                items: list.map((s) => m.t("surveys.chat.results.list", { title: escapeMarkup(s.title), id: s.id })),
              },
            ]
          : []),
      ],
    };
  }
  const found = await findSurveyWave(services, m, arg);
  if (!found) return text(m.t("surveys.chat.notFound"));
  const full = await services.surveys.wave(m.tenant.id, found.wave.id);
  if (!mayManage(m.person, full?.createdById ?? null)) return text(m.t("surveys.chat.results.refused"));
  return resultsCard(services, m.t, m.locale, found.survey, found.wave);
}

export interface CloseOutcome {
  readonly card: Card;
  readonly tenantId?: string;
  readonly deliveryIds?: readonly string[];
}

async function closeCommand(services: Services, m: Member, arg: string): Promise<Card> {
  const found = await findSurveyWave(services, m, arg);
  if (!found) return text(m.t("surveys.chat.notFound"));
  const full = await services.surveys.wave(m.tenant.id, found.wave.id);
  if (!mayManage(m.person, full?.createdById ?? null)) return text(m.t("surveys.chat.results.refused"));
  const title = escapeMarkup(found.survey.title);
  const { closed, deliveryIds } = await services.surveys.closeWave(
    m.tenant.id,
    found.wave.id,
    services.clock.now(),
    RESULT_PURPOSE,
  );
  if (!closed) return text(m.t("surveys.chat.close.notOpen", { title }));
  await services.jobs.dispatchDeliveries(m.tenant.id, deliveryIds);
  return text(m.t("surveys.chat.close.done", { title }));
}

// ---------------------------------------------------------------------------------------------
// Deliveries

async function recipientOf(services: Services, request: DeliveryRequest) {
  const [tenant, person] = await Promise.all([
    services.tenants.findById(request.tenantId),
    services.statements.recipient(request.tenantId, request.personId),
  ]);
  if (!tenant || !person) return null;
  const locale = person.locale ?? tenant.defaultLocale;
  return { tenant, person, locale, t: translator(locale, tenant.formality), zone: zoneOf(person, tenant) };
}

/** The DM prompt and the reminders: nothing once the person answered or the wave closed. */
export async function renderPrompt(services: Services, request: DeliveryRequest): Promise<RenderedDelivery> {
  const waveId = request.subject.split(":")[0] ?? "";
  const [r, found] = await Promise.all([
    recipientOf(services, request),
    UUID.test(waveId) ? services.surveys.wave(request.tenantId, waveId) : null,
  ]);
  if (!r || !found) return { kind: "cancel", reason: "wave, tenant or person gone" };
  if (found.wave.status !== "open" || (found.closesAt !== null && found.closesAt <= services.clock.now()))
    return { kind: "cancel", reason: "wave closed" };
  if (await services.surveys.hasAnswered(request.tenantId, waveId, request.personId))
    return { kind: "cancel", reason: "answered already" };
  const card = promptCard(r.t, r.locale, found.survey, found.wave, found.closesAt, r.zone, new Map());
  if (request.purpose === REMINDER_PURPOSE) {
    const note = r.t("surveys.chat.prompt.reminder", { title: escapeMarkup(found.survey.title) });
    return {
      kind: "message",
      locale: r.locale,
      card: { summary: note, blocks: [{ type: "text", text: note }, ...card.blocks] },
    };
  }
  return { kind: "message", locale: r.locale, card };
}

/** The creator's result at the close: closes the wave if the schedule did not yet. */
export async function renderResult(services: Services, request: DeliveryRequest): Promise<RenderedDelivery> {
  const waveId = request.subject.split(":")[0] ?? "";
  const [r, found] = await Promise.all([
    recipientOf(services, request),
    UUID.test(waveId) ? services.surveys.wave(request.tenantId, waveId) : null,
  ]);
  if (!r || !found) return { kind: "cancel", reason: "wave, tenant or person gone" };
  if (found.wave.status === "open")
    await services.surveys.closeWave(request.tenantId, found.wave.id, services.clock.now(), RESULT_PURPOSE);
  return {
    kind: "message",
    locale: r.locale,
    card: await resultsCard(services, r.t, r.locale, found.survey, found.wave),
  };
}
