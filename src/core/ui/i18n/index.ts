import { createInstance, type i18n } from "i18next";
import type { Formality, Locale } from "../../org/types.js";
import type { CatalogOf } from "./catalog.js";
import { type AllGerman, type MessageKey, mergeCatalogs } from "./catalogs.js";

export { featureCatalogs, type MessageKey } from "./catalogs.js";

export type TranslateParams = Readonly<Record<string, string | number>>;

/** A translate function bound to one locale and form of address. */
export interface Translate {
  (key: MessageKey, params?: TranslateParams): string;
  readonly locale: Locale;
  readonly formality: Formality;
}

/** Every catalog merged, per language: the one i18next resource (see catalogs.ts to add a feature's). */
export const catalogs = {
  // The casts restate what each catalog's own type already guarantees; merging loses it.
  de: mergeCatalogs("de") as AllGerman,
  en: mergeCatalogs("en") as CatalogOf<AllGerman>,
} as const;

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (!instance) {
    instance = createInstance();
    // initAsync is not needed: resources are in memory, so init completes synchronously.
    void instance.init({
      initAsync: false,
      resources: { de: { translation: catalogs.de }, en: { translation: catalogs.en } },
      lng: "de",
      fallbackLng: false,
      supportedLngs: ["de", "en"],
      // Card markup and Slack text escape data themselves; HTML escaping would show &amp; to users.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

// Four combinations at most; every request needs one, so they are built once.
const translators = new Map<string, Translate>();

export function translator(locale: Locale, formality: Formality = "sie"): Translate {
  const key = `${locale}:${formality}`;
  const known = translators.get(key);
  if (known) return known;
  const fixed = i18nInstance().getFixedT(locale);
  const context = formality === "du" ? "du" : undefined;
  const t = ((messageKey: MessageKey, params?: TranslateParams) =>
    fixed(messageKey, params ? { ...params, context } : { context }) as string) as Translate;
  const bound = Object.assign(t, { locale, formality });
  translators.set(key, bound);
  return bound;
}

/**
 * Names as one phrase in the reader's language, "A, B und C" / "A, B and C". Pass `count:
 * items.length` next to it, so the sentence around the list takes its plural form.
 */
export function formatList(t: Pick<Translate, "locale">, items: readonly string[]): string {
  return new Intl.ListFormat(t.locale, { style: "long", type: "conjunction" }).format(items);
}
