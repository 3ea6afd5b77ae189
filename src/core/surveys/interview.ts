import { DateTime } from "luxon";
import type { Requester } from "../org/identify.js";
import type { Locale } from "../org/types.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Services } from "../services.js";
import type { Card, Form, FormValues, Input } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply, SubmitOutcome } from "../ui/reply.js";
import type { Sentiment, SurveyView } from "./types.js";

export const INTERVIEW_FORM_ID = "surveys.interview";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NOTES_MAX = 4000;

const text = (t: string): Card => ({ summary: t, blocks: [{ type: "text", text: t }] });

/** The survey an interview belongs to: the one named, or the newest. */
async function targetSurvey(services: Services, tenantId: string, arg: string): Promise<SurveyView | null> {
  const id = arg.trim();
  if (id !== "") return UUID.test(id) ? services.surveys.get(tenantId, id) : null;
  const [newest] = await services.surveys.recentSurveys(tenantId, 1);
  return newest ? services.surveys.get(tenantId, newest.id) : null;
}

function interviewForm(
  t: Translate,
  locale: Locale,
  survey: SurveyView,
  values: FormValues,
  errors?: Record<string, string>,
): Form {
  const str = (k: string) => {
    const v = values[k];
    return typeof v === "string" ? v : undefined;
  };
  const list = (k: string) => {
    const v = values[k];
    return Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : [];
  };
  const criteria = survey.criteria.map((c) => ({ value: c.key, label: locale === "de" ? c.labelDe : c.labelEn }));
  const inputs: Input[] = [
    {
      id: "customer",
      kind: "text",
      label: t("surveys.chat.interview.customer"),
      required: true,
      maxLength: 200,
      ...(str("customer") ? { initial: str("customer") } : {}),
    },
    {
      id: "date",
      kind: "date",
      label: t("surveys.chat.interview.date"),
      required: true,
      ...(str("date") ? { initial: str("date") } : {}),
    },
    {
      id: "interviewer",
      kind: "person",
      label: t("surveys.chat.interview.interviewer"),
      required: true,
      ...(str("interviewer") ? { initial: str("interviewer") } : {}),
    },
    {
      id: "notes",
      kind: "longText",
      label: t("surveys.chat.interview.notes"),
      required: true,
      maxLength: NOTES_MAX,
      ...(str("notes") ? { initial: str("notes") } : {}),
    },
    {
      id: "positive",
      kind: "checkboxes",
      label: t("surveys.chat.interview.positive"),
      options: criteria,
      initial: list("positive"),
    },
    {
      id: "negative",
      kind: "checkboxes",
      label: t("surveys.chat.interview.negative"),
      options: criteria,
      initial: list("negative"),
    },
  ];
  return {
    id: INTERVIEW_FORM_ID,
    title: t("surveys.chat.interview.title"),
    submitLabel: t("surveys.chat.interview.submit"),
    metadata: survey.id,
    intro: [{ type: "text", text: t("surveys.chat.interview.survey", { title: escapeMarkup(survey.title) }) }],
    inputs,
    ...(errors ? { errors } : {}),
  };
}

/** `/survey interview [SURVEY]`: the interview form, the interviewer preset to whoever asks. */
export async function openInterviewForm(services: Services, requester: Requester, arg: string): Promise<Reply> {
  const { tenant, person, t } = requester;
  if (!tenant) return { kind: "card", card: tenantNotSetUpCard(t, requester.unbound) };
  if (!person) return { kind: "card", card: text(t("surveys.chat.notInOrg")) };
  const survey = await targetSurvey(services, tenant.id, arg);
  if (!survey)
    return {
      kind: "card",
      card: text(t(arg.trim() === "" ? "surveys.chat.interview.noSurvey" : "surveys.chat.notFound")),
    };
  const today = DateTime.fromJSDate(services.clock.now(), { zone: tenant.timezone }).toISODate() ?? "";
  return { kind: "form", form: interviewForm(t, requester.locale, survey, { date: today }) };
}

export async function submitInterview(
  services: Services,
  requester: Requester,
  platform: "slack" | "teams",
  metadata: string,
  values: FormValues,
): Promise<SubmitOutcome<object>> {
  const { tenant, person, t } = requester;
  if (!tenant) return { kind: "refused", card: tenantNotSetUpCard(t, requester.unbound) };
  if (!person) return { kind: "refused", card: text(t("surveys.chat.notInOrg")) };
  const survey = UUID.test(metadata) ? await services.surveys.get(tenant.id, metadata) : null;
  if (!survey) return { kind: "refused", card: text(t("surveys.chat.notFound")) };
  const get = (k: string) => {
    const v = values[k];
    return typeof v === "string" ? v.trim() : "";
  };
  const list = (k: string) => {
    const v = values[k];
    return Array.isArray(v) ? v : typeof v === "string" && v !== "" ? [v] : [];
  };
  const errors: Record<string, string> = {};
  const customer = get("customer");
  if (customer === "" || customer.length > 200) errors.customer = t("surveys.chat.interview.errors.customer");
  const date = get("date");
  const day = DATE.test(date) ? DateTime.fromISO(date, { zone: tenant.timezone }) : null;
  const today = DateTime.fromJSDate(services.clock.now(), { zone: tenant.timezone }).startOf("day");
  if (!day?.isValid || day > today) errors.date = t("surveys.chat.interview.errors.date");
  const interviewerId = get("interviewer");
  const interviewer =
    interviewerId === "" ? null : await services.org.findPersonByPlatformId(tenant.id, platform, interviewerId);
  if (!interviewer) errors.interviewer = t("surveys.chat.interview.errors.interviewer");
  const notes = get("notes");
  if (notes === "" || notes.length > NOTES_MAX) errors.notes = t("surveys.chat.interview.errors.notes");
  const keys = new Set(survey.criteria.map((c) => c.key));
  const positive = list("positive");
  const negative = list("negative");
  if (positive.some((k) => !keys.has(k))) errors.positive = t("surveys.chat.interview.errors.tags");
  if (negative.some((k) => !keys.has(k))) errors.negative = t("surveys.chat.interview.errors.tags");
  else if (negative.some((k) => positive.includes(k))) errors.negative = t("surveys.chat.interview.errors.both");
  if (Object.keys(errors).length > 0 || !interviewer)
    return { kind: "invalid", form: interviewForm(t, requester.locale, survey, values, errors), errors };
  const tags = [
    ...positive.map((criterion) => ({ criterion, sentiment: "positive" as Sentiment })),
    ...negative.map((criterion) => ({ criterion, sentiment: "negative" as Sentiment })),
  ];
  await services.surveys.addInterview(tenant.id, {
    surveyId: survey.id,
    customer,
    heldOn: date,
    interviewerId: interviewer.id,
    notes,
    tags,
  });
  return {
    kind: "saved",
    card: text(t("surveys.chat.interview.saved", { customer: escapeMarkup(customer), count: tags.length })),
  };
}
