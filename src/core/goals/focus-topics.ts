import type { PersonProfile } from "../org/types.js";
import type { Block, Card, Form, FormValues } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import { formatList, type Translate } from "../ui/i18n/index.js";
import { escapeMarkup, markupToPlain } from "../ui/markup.js";
import { type OrgScope, positionOf } from "./org-scope.js";
import type { FocusTopicView } from "./types.js";

export const FOCUS_FORM_ID = "goals.save-focus" as const;

/** SEED step 3: leadership and area heads agree the focus topics that company goals hang under. */
export function mayRecordFocusTopics(person: PersonProfile): boolean {
  const role = positionOf(person)?.role;
  return role === "managing_director" || role === "area_head";
}

export function focusRefusal(t: Translate, scope: OrgScope): Card {
  const names = [...scope.holders("managing_director"), ...scope.holders("area_head")].map((p) => escapeMarkup(p.name));
  const who = names.length > 0 ? formatList(t, names) : t("goals.refused.nobody");
  const text = t("goals.focus.refused", { who, count: Math.max(1, names.length) });
  return { summary: markupToPlain(text), blocks: [{ type: "text", text }] };
}

function topicList(t: Translate, topics: readonly FocusTopicView[]): Block {
  if (topics.length === 0) return { type: "context", text: t("goals.focus.empty") };
  return {
    type: "list",
    items: topics.map((f) =>
      f.description ? `**${escapeMarkup(f.title)}** – ${escapeMarkup(f.description)}` : `**${escapeMarkup(f.title)}**`,
    ),
  };
}

export function focusTopicsCard(t: Translate, topics: readonly FocusTopicView[]): Card {
  return {
    summary: t("goals.focus.summary"),
    blocks: [{ type: "header", text: t("goals.focus.header") }, topicList(t, topics)],
  };
}

export function focusTopicForm(
  t: Translate,
  topics: readonly FocusTopicView[],
  values: FormValues = {},
  errors?: Readonly<Record<string, string>>,
): Form {
  return {
    id: FOCUS_FORM_ID,
    title: t("goals.focus.formTitle"),
    submitLabel: t("goals.focus.submit"),
    closeLabel: t("goals.form.close"),
    intro: [topicList(t, topics)],
    inputs: [
      {
        id: "title",
        kind: "text",
        label: t("goals.focus.title"),
        required: true,
        maxLength: 100,
        initial: typedValue(values, "title"),
      },
      {
        id: "description",
        kind: "longText",
        label: t("goals.focus.description"),
        maxLength: 500,
        initial: typedValue(values, "description"),
      },
    ],
    errors,
  };
}

export type FocusFormResult =
  | { readonly ok: true; readonly title: string; readonly description: string | null }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

export function validateFocusTopic(
  t: Translate,
  topics: readonly FocusTopicView[],
  values: FormValues,
): FocusFormResult {
  const errors: Record<string, string> = {};
  const title = fieldText(values, "title");
  if (title === "") errors.title = t("goals.focus.errors.titleRequired");
  else if (title.length > 100) errors.title = t("goals.focus.errors.titleTooLong");
  else if (topics.some((f) => f.title.toLowerCase() === title.toLowerCase()))
    errors.title = t("goals.focus.errors.duplicate");
  const description = fieldText(values, "description");
  if (description.length > 500) errors.description = t("goals.focus.errors.descriptionTooLong");
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, title, description: description === "" ? null : description };
}
