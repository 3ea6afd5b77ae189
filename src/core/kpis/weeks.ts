import { DateTime } from "luxon";

/** An ISO week in a time zone: Monday 00:00 to the next Monday 00:00 local time (23, 24 or 25 hours apart days included). */
export interface IsoWeek {
  /** "2026-W05" */
  readonly key: string;
  readonly start: Date;
  readonly end: Date;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

export function parseWeekKey(value: string, timezone: string): IsoWeek | null {
  const match = WEEK_KEY.exec(value);
  if (!match) return null;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const start = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: timezone });
  if (!start.isValid || start.weekYear !== weekYear || start.weekNumber !== weekNumber) return null;
  return weekFrom(start);
}

/** The ISO week containing the instant, in the time zone. */
export function weekOf(instant: Date, timezone: string): IsoWeek {
  return weekFrom(DateTime.fromJSDate(instant, { zone: timezone }));
}

/** The last week that has fully ended at `now`. */
export function lastCompleteWeek(now: Date, timezone: string): IsoWeek {
  return shiftWeek(weekOf(now, timezone), -1, timezone);
}

export function shiftWeek(week: IsoWeek, by: number, timezone: string): IsoWeek {
  return weekFrom(DateTime.fromJSDate(week.start, { zone: timezone }).plus({ weeks: by }));
}

/** Consecutive weeks from `first` to `last`, both included. */
export function weekRange(first: IsoWeek, last: IsoWeek, timezone: string): IsoWeek[] {
  const weeks: IsoWeek[] = [];
  for (let w = first; w.start.getTime() <= last.start.getTime(); w = shiftWeek(w, 1, timezone)) weeks.push(w);
  return weeks;
}

/** The week containing a calendar date ("YYYY-MM-DD") in the time zone. */
export function weekOfDate(date: string, timezone: string): IsoWeek {
  return weekFrom(DateTime.fromISO(date, { zone: timezone }));
}

function weekFrom(dt: DateTime): IsoWeek {
  const start = dt.startOf("week");
  const end = start.plus({ weeks: 1 });
  return {
    key: `${start.weekYear}-W${String(start.weekNumber).padStart(2, "0")}`,
    start: start.toJSDate(),
    end: end.toJSDate(),
  };
}
