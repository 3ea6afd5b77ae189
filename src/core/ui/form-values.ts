import type { FormValues } from "./card.js";

/** A submitted field as typed, for showing it again in a form that comes back with errors. */
export function typedValue(values: FormValues, key: string): string | undefined {
  const v = values[key];
  return typeof v === "string" ? v : undefined;
}

/** A submitted single-value field, trimmed; "" when missing or multi-valued. */
export function fieldText(values: FormValues, key: string): string {
  const v = values[key];
  return typeof v === "string" ? v.trim() : "";
}
