import Holidays from "date-holidays";
import { DateTime } from "luxon";
import { KursError } from "../../errors.js";
import { type GermanState, isGermanState } from "./tenant-settings.js";

/** Public holidays per (state, year) as YYYY-MM-DD; date-holidays rebuilds its rules on every call otherwise. */
const holidayCache = new Map<string, ReadonlySet<string>>();

function publicHolidays(state: GermanState | null, year: number): ReadonlySet<string> {
  const key = `${state ?? "DE"}:${year}`;
  let days = holidayCache.get(key);
  if (!days) {
    const calendar = state ? new Holidays("DE", state) : new Holidays("DE");
    // Only "public" days are days off by law; "observance" (e.g. Heiligabend) and "school" are working days.
    days = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => h.type === "public")
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(key, days);
  }
  return days;
}

/**
 * Monday to Friday and not a public holiday in Germany (plus the state's own, when set). An unknown
 * state code counts as none: national holidays still apply, and nothing silently uses a wrong calendar.
 */
export function isWorkingDay(date: DateTime, holidayState: string | null): boolean {
  if (date.weekday > 5) return false;
  const state = isGermanState(holidayState) ? holidayState : null;
  return !publicHolidays(state, date.year).has(date.toISODate() ?? "");
}

/** Christmas to the next Monday spans at most five days off; two weeks means the calendar is broken. */
const MAX_DAYS_AHEAD = 14;

/**
 * The first instant at or after `from` that is `hour`:00 local time in `zone` on a working day.
 * Wall-clock hours, so 09:00 stays 09:00 across a DST change (07:00 or 08:00 UTC in Berlin).
 */
export function nextWorkingSlot(from: Date, zone: string, holidayState: string | null, hour: number): Date {
  const start = DateTime.fromJSDate(from, { zone });
  if (!start.isValid) throw new KursError("INVALID_TIMEZONE", `unknown time zone "${zone}"`);
  for (let offset = 0; offset <= MAX_DAYS_AHEAD; offset += 1) {
    const day = start.startOf("day").plus({ days: offset });
    const slot = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour }, { zone });
    if (slot.toMillis() >= from.getTime() && isWorkingDay(slot, holidayState)) return slot.toJSDate();
  }
  throw new KursError("NO_WORKING_DAY", `no working day within ${MAX_DAYS_AHEAD} days of ${from.toISOString()}`);
}
