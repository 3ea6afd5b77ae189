type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape a catalog's English must have: its German keys with any string values. */
export type CatalogOf<T> = Widen<T>;

/** One feature's words: German and English with the same keys (en.ts checks it with CatalogOf). */
export interface FeatureCatalog<T extends object = object> {
  readonly de: T;
  readonly en: CatalogOf<T>;
}

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

// i18next adds the plural suffix after the context one: "noParents_du_one" is "noParents" with
// context "du" and count 1, so the plural suffix is stripped first.
type StripPlural<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;
type StripContext<K extends string> = K extends `${infer B}_du` ? B : K;

/** Every key t() accepts for a catalog; plural (_one/_other) and _du variants collapse to their base. */
export type KeysOf<T> = StripContext<StripPlural<Leaves<Widen<T>>>>;
