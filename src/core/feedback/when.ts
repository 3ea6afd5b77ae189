import { DateTime } from "luxon";
import type { Locale } from "../org/types.js";

/** A talk lasts an hour unless said otherwise; overlaps are judged on this. */
export const DEFAULT_DURATION_MIN = 60;
export const DAY_MS = 86_400_000;

export type ParsedWhen =
  | { readonly ok: true; readonly at: Date }
  | { readonly ok: false; readonly problem: "date" | "time" | "past" | "nonexistent" };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const TIME = /^(\d{1,2})[:.](\d{2})$/;

export function looksLikeDate(token: string): boolean {
  return ISO_DATE.test(token) || GERMAN_DATE.test(token);
}

/** "2026-03-30" or "30.03.2026" → { year, month, day }, or null when it is no calendar day. */
export function parseDate(token: string): { year: number; month: number; day: number } | null {
  const iso = ISO_DATE.exec(token.trim());
  const german = iso ? null : GERMAN_DATE.exec(token.trim());
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : german ? [german[3], german[2], german[1]] : [];
  if (!y || !m || !d) return null;
  const parts = { year: Number(y), month: Number(m), day: Number(d) };
  return DateTime.fromObject(parts, { zone: "UTC" }).isValid ? parts : null;
}

export function parseTime(token: string): { hour: number; minute: number } | null {
  const match = TIME.exec(token.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour <= 23 && minute <= 59 ? { hour, minute } : null;
}

/**
 * A wall-clock date and time in the given zone as an instant. A time that does not exist in the zone
 * (the hour skipped when clocks go forward) is refused rather than silently moved.
 */
export function parseWhen(dateText: string, timeText: string, zone: string, now: Date): ParsedWhen {
  const date = parseDate(dateText);
  if (!date) return { ok: false, problem: "date" };
  const time = parseTime(timeText);
  if (!time) return { ok: false, problem: "time" };
  const local = DateTime.fromObject({ ...date, ...time }, { zone });
  if (!local.isValid || local.hour !== time.hour || local.minute !== time.minute) {
    return { ok: false, problem: "nonexistent" };
  }
  if (local.toMillis() <= now.getTime()) return { ok: false, problem: "past" };
  return { ok: true, at: local.toJSDate() };
}

/** "Mo., 30.03.2026, 10:00 MESZ" / "Mon, 2026-03-30, 10:00 CEST": the talk's time as this person reads it. */
export function formatWhen(at: Date, zone: string, locale: Locale): string {
  const dt = DateTime.fromJSDate(at, { zone }).setLocale(locale === "de" ? "de-DE" : "en-GB");
  return locale === "de" ? dt.toFormat("ccc dd.MM.yyyy, HH:mm ZZZZ") : dt.toFormat("ccc yyyy-MM-dd, HH:mm ZZZZ");
}

export function formatDay(isoDate: string, locale: Locale): string {
  const dt = DateTime.fromISO(isoDate, { zone: "UTC" });
  return locale === "de" ? dt.toFormat("dd.MM.yyyy") : dt.toFormat("yyyy-MM-dd");
}

/** Today's date in the zone, YYYY-MM-DD. */
export function todayIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? now.toISOString().slice(0, 10);
}

/** ISO week of the instant in the zone, "2026-W14": one nudge per leader and week. */
export function isoWeekIn(zone: string, now: Date): string {
  return DateTime.fromJSDate(now, { zone }).toFormat("kkkk-'W'WW");
}

/** Local date (YYYY-MM-DD) and time (HH:mm) of an instant, for prefilled form fields. */
export function localParts(at: Date, zone: string): { date: string; time: string } {
  const dt = DateTime.fromJSDate(at, { zone });
  return { date: dt.toFormat("yyyy-MM-dd"), time: dt.toFormat("HH:mm") };
}
