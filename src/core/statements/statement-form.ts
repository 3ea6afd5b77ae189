import type { Form, FormValues } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { STATEMENT_LIMITS, type StatementView } from "./types.js";

/** Submit ids differ from button ids: Teams delivers both as Action.Execute verbs. */
export const STATEMENT_FORM_ID = "statements.save" as const;
export const COMMENT_FORM_ID = "statements.save-comment" as const;

export interface StatementText {
  readonly titleDe: string;
  readonly bodyDe: string;
  readonly titleEn: string | null;
  readonly bodyEn: string | null;
}

/** The form values that show an existing version again, for a revision. */
export function statementValues(statement: StatementView): FormValues {
  return {
    title_de: statement.titleDe,
    body_de: statement.bodyDe,
    title_en: statement.titleEn ?? undefined,
    body_en: statement.bodyEn ?? undefined,
  };
}

/**
 * The statement form. For a revision the metadata is the series id, so the submit becomes version
 * n+1 of that series; a new statement has no metadata.
 */
export function statementForm(
  t: Translate,
  values: FormValues = {},
  errors: Readonly<Record<string, string>> | undefined = undefined,
  revisionOf: StatementView | undefined = undefined,
): Form {
  const { title, body } = STATEMENT_LIMITS;
  return {
    id: STATEMENT_FORM_ID,
    title: revisionOf ? t("statements.form.titleRevision") : t("statements.form.title"),
    submitLabel: t("statements.form.submit"),
    closeLabel: t("statements.form.close"),
    metadata: revisionOf?.seriesId,
    intro: [
      {
        type: "context",
        text: revisionOf
          ? t("statements.form.introRevision", { version: revisionOf.version + 1, previous: revisionOf.version })
          : t("statements.form.intro"),
      },
    ],
    inputs: [
      {
        id: "title_de",
        kind: "text",
        label: t("statements.form.titleDe"),
        required: true,
        maxLength: title,
        hint: t("statements.form.titleHint", { max: title }),
        initial: typedValue(values, "title_de"),
      },
      {
        id: "body_de",
        kind: "longText",
        label: t("statements.form.bodyDe"),
        required: true,
        maxLength: body,
        initial: typedValue(values, "body_de"),
      },
      {
        id: "title_en",
        kind: "text",
        label: t("statements.form.titleEn"),
        maxLength: title,
        initial: typedValue(values, "title_en"),
      },
      {
        id: "body_en",
        kind: "longText",
        label: t("statements.form.bodyEn"),
        maxLength: body,
        hint: t("statements.form.englishHint"),
        initial: typedValue(values, "body_en"),
      },
    ],
    errors,
  };
}

export type StatementFormResult =
  | { readonly ok: true; readonly value: StatementText }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

/** Checks every field and returns all errors at once, keyed by input id, in the author's language. */
export function validateStatementForm(t: Translate, values: FormValues): StatementFormResult {
  const errors: Record<string, string> = {};
  const max = STATEMENT_LIMITS;
  const titleDe = fieldText(values, "title_de");
  const bodyDe = fieldText(values, "body_de");
  const titleEn = fieldText(values, "title_en");
  const bodyEn = fieldText(values, "body_en");

  if (titleDe === "") errors.title_de = t("statements.errors.titleRequired");
  else if (titleDe.length > max.title)
    errors.title_de = t("statements.errors.titleTooLong", { length: titleDe.length, max: max.title });
  if (bodyDe === "") errors.body_de = t("statements.errors.bodyRequired");
  else if (bodyDe.length > max.body)
    errors.body_de = t("statements.errors.bodyTooLong", { length: bodyDe.length, max: max.body });

  if (titleEn.length > max.title)
    errors.title_en = t("statements.errors.titleTooLong", { length: titleEn.length, max: max.title });
  if (bodyEn.length > max.body)
    errors.body_en = t("statements.errors.bodyTooLong", { length: bodyEn.length, max: max.body });
  // Half an English version would show English readers an English title over a German text.
  if (titleEn === "" && bodyEn !== "") errors.title_en = t("statements.errors.englishIncomplete");
  if (bodyEn === "" && titleEn !== "") errors.body_en = t("statements.errors.englishIncomplete");

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { titleDe, bodyDe, titleEn: titleEn === "" ? null : titleEn, bodyEn: bodyEn === "" ? null : bodyEn },
  };
}

/** The title a reader sees: English only when the statement has a complete English version. */
export function localisedTitle(statement: StatementView, t: Translate): string {
  return t.locale === "en" && statement.titleEn && statement.bodyEn ? statement.titleEn : statement.titleDe;
}

export function localisedBody(statement: StatementView, t: Translate): string {
  return t.locale === "en" && statement.titleEn && statement.bodyEn ? statement.bodyEn : statement.bodyDe;
}

/** The comment form; its metadata is the statement id, so the submit knows what is commented. */
export function commentForm(
  t: Translate,
  statement: StatementView,
  values: FormValues = {},
  errors: Readonly<Record<string, string>> | undefined = undefined,
): Form {
  return {
    id: COMMENT_FORM_ID,
    title: t("statements.comment.title"),
    submitLabel: t("statements.comment.submit"),
    closeLabel: t("statements.form.close"),
    metadata: statement.id,
    intro: [
      {
        type: "context",
        text: t("statements.comment.intro", {
          title: escapeMarkup(localisedTitle(statement, t)),
          version: statement.version,
          author: escapeMarkup(statement.author.name),
        }),
      },
    ],
    inputs: [
      {
        id: "comment",
        kind: "longText",
        label: t("statements.comment.label"),
        required: true,
        maxLength: STATEMENT_LIMITS.comment,
        initial: typedValue(values, "comment"),
      },
    ],
    errors,
  };
}

export type CommentFormResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly errors: Readonly<Record<string, string>> };

export function validateComment(t: Translate, values: FormValues): CommentFormResult {
  const comment = fieldText(values, "comment");
  if (comment === "") return { ok: false, errors: { comment: t("statements.errors.commentRequired") } };
  if (comment.length > STATEMENT_LIMITS.comment) {
    return {
      ok: false,
      errors: {
        comment: t("statements.errors.commentTooLong", { length: comment.length, max: STATEMENT_LIMITS.comment }),
      },
    };
  }
  return { ok: true, text: comment };
}
