import type { Locale } from "../org/types.js";
import type { KeysOf } from "../ui/i18n/catalog.js";
import { type MessageKey, translator } from "../ui/i18n/index.js";
import { de } from "./i18n/de.js";
import { en } from "./i18n/en.js";

/** A key below `surveys.`, e.g. "report.title". */
export type SurveyMessageKey = KeysOf<(typeof de)["surveys"]>;

export type SurveyTranslate = ((
  key: SurveyMessageKey,
  params?: Readonly<Record<string, string | number>>,
) => string) & {
  readonly locale: Locale;
};

const cache = new Map<Locale, SurveyTranslate>();

/** The survey texts of one language (web pages and the CLI speak to customers and operators in "Sie"). */
export function surveyText(locale: Locale): SurveyTranslate {
  const known = cache.get(locale);
  if (known) return known;
  const t = translator(locale);
  const bound = Object.assign(
    (key: SurveyMessageKey, params?: Readonly<Record<string, string | number>>) =>
      t(`surveys.${key}` as MessageKey, params),
    { locale },
  );
  cache.set(locale, bound);
  return bound;
}

/** Both languages' survey words, for tests that compare their keys. */
export const surveyCatalogs = { de: de.surveys, en: en.surveys } as const;
