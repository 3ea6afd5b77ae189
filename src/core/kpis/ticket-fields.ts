import { DateTime } from "luxon";
import type { TicketInput, TicketSource, TicketTargets } from "./types.js";

export const TICKET_CSV_COLUMNS = [
  "ticket_id",
  "team_path",
  "created_at",
  "first_response_at",
  "resolved_at",
  "due_at",
  "reopened_count",
  "status",
] as const;
export type TicketColumn = (typeof TICKET_CSV_COLUMNS)[number];
export const REQUIRED_TICKET_COLUMNS: readonly TicketColumn[] = ["ticket_id", "team_path", "created_at"];

/** What is wrong with one ticket; rendered through the i18n catalogs (key `kpi.import.error.<code>`). */
export interface TicketProblem {
  readonly line: number;
  readonly code:
    | "missing_columns"
    | "unknown_columns"
    | "syntax"
    | "ticket_id"
    | "team_path"
    | "time"
    | "before_created"
    | "reopened_count"
    | "status";
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A ticket as it arrives (CSV row or webhook item): every field still text. */
export type RawTicket = Partial<Record<TicketColumn, string | null | undefined>>;

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Parses an ISO 8601 time. With an offset (Z, +01:00) it is that instant; without one it is local
 * time in `timezone`. Hand-rolled rather than luxon for the common case: an import parses millions.
 */
export function parseIsoTime(value: string, timezone: string): Date | null {
  const m = ISO_TIME.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const maxDay = month === 2 && !leap ? 28 : (DAYS_IN_MONTH[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > maxDay || hour > 23 || minute > 59 || second > 59) return null;
  const offset = m[8];
  if (offset === undefined) {
    const local = DateTime.fromObject({ year, month, day, hour, minute, second, millisecond: ms }, { zone: timezone });
    return local.isValid ? local.toJSDate() : null;
  }
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== "Z") {
    const digits = offset.slice(1).replace(":", "");
    const hours = Number(digits.slice(0, 2));
    const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (hours > 23 || minutes > 59) return null;
    offsetMinutes = (offset.startsWith("-") ? -1 : 1) * (hours * 60 + minutes);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000);
}

export type TicketCheck = { ok: true; ticket: TicketInput } | { ok: false; problems: TicketProblem[] };

/** Validates one ticket; every problem of the row is reported, not just the first. */
export function checkTicket(
  raw: RawTicket,
  line: number,
  ctx: { readonly targets: TicketTargets; readonly timezone: string; readonly source: TicketSource },
): TicketCheck {
  const problems: TicketProblem[] = [];
  const text = (column: TicketColumn): string => (raw[column] ?? "").trim();

  const ticketId = text("ticket_id");
  if (ticketId === "" || ticketId.length > 200) problems.push({ line, code: "ticket_id", params: { value: ticketId } });

  const target = text("team_path");
  const unitId = ctx.targets.paths.get(target) ?? ctx.targets.groups.get(target);
  if (unitId === undefined) problems.push({ line, code: "team_path", params: { value: target } });

  const time = (column: TicketColumn, required: boolean): Date | null => {
    const value = text(column);
    if (value === "") {
      if (required) problems.push({ line, code: "time", params: { column, value } });
      return null;
    }
    const parsed = parseIsoTime(value, ctx.timezone);
    if (!parsed) problems.push({ line, code: "time", params: { column, value } });
    return parsed;
  };
  const openedAt = time("created_at", true);
  const firstResponseAt = time("first_response_at", false);
  const resolvedAt = time("resolved_at", false);
  const dueAt = time("due_at", false);
  if (openedAt) {
    for (const [column, value] of [
      ["first_response_at", firstResponseAt],
      ["resolved_at", resolvedAt],
    ] as const) {
      if (value && value.getTime() < openedAt.getTime())
        problems.push({ line, code: "before_created", params: { column } });
    }
  }

  const reopenedText = text("reopened_count");
  const reopenedCount = reopenedText === "" ? 0 : Number(reopenedText);
  if (!/^\d{1,6}$/.test(reopenedText) && reopenedText !== "") {
    problems.push({ line, code: "reopened_count", params: { value: reopenedText } });
  }

  const statusText = text("status");
  if (statusText.length > 50) problems.push({ line, code: "status", params: { value: statusText.slice(0, 50) } });

  if (problems.length > 0 || unitId === undefined || openedAt === null) return { ok: false, problems };
  return {
    ok: true,
    ticket: {
      ticketId,
      unitId,
      openedAt,
      firstResponseAt,
      resolvedAt,
      dueAt,
      reopenedCount,
      status: statusText === "" ? (resolvedAt ? "resolved" : "open") : statusText,
      source: ctx.source,
    },
  };
}
