import { KursError } from "../../../errors.js";
import { catalog as feedback } from "../../feedback/i18n/index.js";
import { catalog as goals } from "../../goals/i18n/index.js";
import { catalog as kpis } from "../../kpis/i18n/index.js";
import { catalog as org } from "../../org/i18n/index.js";
import { catalog as programme } from "../../programme/i18n/index.js";
import { catalog as statements } from "../../statements/i18n/index.js";
import { catalog as surveys } from "../../surveys/i18n/index.js";
import { catalog as trainings } from "../../trainings/i18n/index.js";
import type { KeysOf } from "./catalog.js";
import { de } from "./de.js";
import { en } from "./en.js";

/**
 * Every catalog, merged into one i18next resource per language. Each feature keeps its words next
 * to its code in src/core/<feature>/i18n/ (de.ts, en.ts and an index.ts exporting
 * `catalog = { de, en }`); its top-level keys (e.g. `goals`) must be its own.
 *
 * Adding a feature's catalog is two lines here:
 *   import { catalog as kpi } from "../../kpi/i18n/index.js";
 * and `kpi,` in the object below. Its keys then type-check in t() and the i18n test checks that
 * German and English match.
 */
export const featureCatalogs = {
  shared: { de, en },
  org,
  programme,
  goals,
  statements,
  surveys,
  kpis,
  trainings,
  feedback,
} as const;

type Catalogs = typeof featureCatalogs;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** The German words of every catalog together. */
export type AllGerman = UnionToIntersection<Catalogs[keyof Catalogs]["de"]>;

/** Every key that can be passed to t(), from every catalog. */
export type MessageKey = KeysOf<AllGerman>;

export type Language = "de" | "en";

/** One language of every catalog as one object; two catalogs claiming the same top-level key is a bug. */
export function mergeCatalogs(language: Language): Readonly<Record<string, unknown>> {
  const merged: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const [name, catalog] of Object.entries(featureCatalogs)) {
    for (const [key, value] of Object.entries(catalog[language])) {
      const taken = owner.get(key);
      if (taken !== undefined) {
        throw new KursError("I18N_KEY_CLASH", `catalogs "${taken}" and "${name}" both define "${key}"`);
      }
      owner.set(key, name);
      merged[key] = value;
    }
  }
  return merged;
}
