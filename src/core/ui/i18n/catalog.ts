import type { de } from "./de.js";

type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

/** The shape every catalog must have: de.ts's keys with any string values. */
export type Catalog = Widen<typeof de>;

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];

/** Every key that can be passed to t(); plural (_one/_other) and _du variants collapse to their base. */
export type MessageKey = StripSuffix<Leaves<Catalog>>;
type StripSuffix<K extends string> = K extends `${infer B}_du`
  ? B
  : K extends `${infer B}_one` | `${infer B}_other`
    ? B
    : K;
