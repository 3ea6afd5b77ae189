import type { Locale } from "../org/types.js";

/** "2027-03-31" -> "31.03.2027" (de) or "31 Mar 2027" (en). Dates are calendar dates, so UTC is exact. */
export function formatDate(isoDate: string, locale: Locale): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale === "de" ? "de-DE" : "en-GB", {
    day: "2-digit",
    month: locale === "de" ? "2-digit" : "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

export function formatNumber(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale === "de" ? "de-DE" : "en-GB", { maximumFractionDigits: 2 }).format(value);
}

/** Accepts "85", "4,5" (German) and "4.5"; returns undefined for anything else. */
export function parseNumber(raw: string): number | undefined {
  const text = raw.trim().replace(/\s/g, "");
  if (!/^-?\d+([.,]\d+)?$/.test(text)) return undefined;
  return Number(text.replace(",", "."));
}
