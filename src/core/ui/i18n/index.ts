import { createInstance, type i18n } from "i18next";
import type { Formality, Locale } from "../../org/types.js";
import type { MessageKey } from "./catalog.js";
import { de } from "./de.js";
import { en } from "./en.js";

export type { MessageKey } from "./catalog.js";

export type TranslateParams = Readonly<Record<string, string | number>>;

/** A translate function bound to one locale and form of address. */
export interface Translate {
  (key: MessageKey, params?: TranslateParams): string;
  readonly locale: Locale;
  readonly formality: Formality;
}

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (!instance) {
    instance = createInstance();
    // initAsync is not needed: resources are in memory, so init completes synchronously.
    void instance.init({
      initAsync: false,
      resources: { de: { translation: de }, en: { translation: en } },
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

export const catalogs = { de, en } as const;
