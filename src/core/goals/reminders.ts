import { DateTime } from "luxon";
import { isValidTimezone } from "../org/tenant-settings.js";
import type { Formality, Locale } from "../org/types.js";
import { nextWorkingSlot } from "../org/working-days.js";
import type { Block, Card } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { goalActions } from "./actions.js";
import { formatDate } from "./format.js";
import type { GoalStatus } from "./types.js";

/**
 * Check-in reminders (issue 3, item 7). The rules, precisely:
 *
 * - A measure that is not done is stale for an owner from `staleSince` = its last check-in, or its
 *   creation if it never had one. It is overdue 7 calendar days later in the owner's time zone
 *   (wall-clock days, so a DST change does not move the moment by an hour).
 * - The nudge is due at the first 09:00 local slot on a working day (Mon-Fri, not a public holiday
 *   of the tenant's state) at or after that moment. Zone: the person's, else the tenant's.
 * - A slot more than LATE_TOLERANCE_MS in the past (the service was down) is not caught up at a
 *   random hour: the nudge moves to the next slot from now.
 * - One nudge per owner and stale period: the outbox row planned for the slot names each
 *   (goal, staleSince) it covers (reminder-delivery.ts), which stops every further one; a check-in
 *   starts a new period.
 * - A person gets one message per slot and platform listing every measure overdue by then.
 */

export const STALE_AFTER_DAYS = 7;
export const REMINDER_HOUR = 9;
/** How late a slot may still be served; past it the nudge waits for the next working day's 09:00. */
export const LATE_TOLERANCE_MS = 60 * 60 * 1000;
/** The scan enqueues nudges due within this window; later ones are picked up by a later scan. */
export const SCAN_HORIZON_MS = 24 * 60 * 60 * 1000;

const FALLBACK_ZONE = "Europe/Berlin";

export interface ReminderTenant {
  readonly id: string;
  readonly timezone: string;
  readonly holidayState: string | null;
  readonly defaultLocale: Locale;
  readonly formality: Formality;
}

export interface ReminderPerson {
  readonly id: string;
  readonly name: string;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
}

/** A measure with what reminders need: owners, staleness and the nudges already planned or sent. */
export interface OpenMeasure {
  readonly id: string;
  readonly title: string;
  readonly status: GoalStatus;
  readonly unitName: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
  readonly lastCheckinAt: Date | null;
  readonly createdAt: Date;
  readonly ownerIds: readonly string[];
  readonly reminded: readonly { readonly personId: string; readonly staleSince: Date }[];
}

export interface PlannedReminder {
  readonly personId: string;
  readonly slot: Date;
  readonly goalIds: readonly string[];
}

export interface DueMeasure {
  readonly measure: OpenMeasure;
  readonly staleSince: Date;
}

export function staleSince(measure: Pick<OpenMeasure, "lastCheckinAt" | "createdAt">): Date {
  return measure.lastCheckinAt ?? measure.createdAt;
}

export function zoneOf(person: Pick<ReminderPerson, "timezone">, tenant: Pick<ReminderTenant, "timezone">): string {
  if (isValidTimezone(person.timezone)) return person.timezone;
  return isValidTimezone(tenant.timezone) ? tenant.timezone : FALLBACK_ZONE;
}

/** 09:00 local on the first working day at or after `from`. */
export function nextReminderSlot(from: Date, zone: string, holidayState: string | null): Date {
  return nextWorkingSlot(from, zone, holidayState, REMINDER_HOUR);
}

/** The moment a measure stale since `since` becomes overdue: 7 calendar days later, local time. */
export function overdueAt(since: Date, zone: string): Date {
  return DateTime.fromJSDate(since, { zone }).plus({ days: STALE_AFTER_DAYS }).toJSDate();
}

/** The slot a stale period is due at, ignoring outages. */
export function reminderDueAt(since: Date, zone: string, holidayState: string | null): Date {
  return nextReminderSlot(overdueAt(since, zone), zone, holidayState);
}

/** The slot the nudge is actually sent at: the due slot, or the next one if that one has passed. */
export function plannedSlot(since: Date, zone: string, holidayState: string | null, now: Date): Date {
  const due = reminderDueAt(since, zone, holidayState);
  return due.getTime() >= now.getTime() - LATE_TOLERANCE_MS ? due : nextReminderSlot(now, zone, holidayState);
}

function reachable(person: ReminderPerson): boolean {
  return person.slackUserId !== null || person.teamsAadObjectId !== null;
}

function alreadyReminded(measure: OpenMeasure, personId: string, since: Date): boolean {
  return measure.reminded.some((r) => r.personId === personId && r.staleSince.getTime() === since.getTime());
}

/**
 * What the hourly scan enqueues: per owner and slot, the measures to nudge about, for slots up to
 * `horizonMs` ahead. Owners not in `people` (inactive) or without a chat account are skipped: a
 * nudge nobody can receive would use up the stale period.
 */
export function dueReminders(
  measures: readonly OpenMeasure[],
  people: readonly ReminderPerson[],
  tenant: ReminderTenant,
  now: Date,
  horizonMs = SCAN_HORIZON_MS,
): PlannedReminder[] {
  const byId = new Map(people.map((p) => [p.id, p]));
  const planned = new Map<string, { personId: string; slot: Date; goalIds: string[] }>();
  for (const measure of measures) {
    if (measure.status === "done") continue;
    const since = staleSince(measure);
    for (const ownerId of measure.ownerIds) {
      const person = byId.get(ownerId);
      if (!person || !reachable(person) || alreadyReminded(measure, ownerId, since)) continue;
      const slot = plannedSlot(since, zoneOf(person, tenant), tenant.holidayState, now);
      if (slot.getTime() > now.getTime() + horizonMs) continue;
      const key = `${ownerId}@${slot.getTime()}`;
      const entry = planned.get(key) ?? { personId: ownerId, slot, goalIds: [] };
      entry.goalIds.push(measure.id);
      planned.set(key, entry);
    }
  }
  return [...planned.values()].sort((a, b) => a.slot.getTime() - b.slot.getTime());
}

/**
 * What the nudge at `slot` contains, decided when it runs: the person's open measures that are
 * overdue as of the slot and not yet reminded for their current stale period. A check-in since the
 * scan moved staleSince, so that measure drops out. Judged at the slot rather than at the worker's
 * clock, so a worker a second behind does not skip a measure that became overdue exactly at 09:00.
 */
export function remindersAt(
  measures: readonly OpenMeasure[],
  person: ReminderPerson,
  tenant: ReminderTenant,
  slot: Date,
): DueMeasure[] {
  if (!reachable(person)) return [];
  const zone = zoneOf(person, tenant);
  return measures
    .filter((m) => m.status !== "done" && m.ownerIds.includes(person.id))
    .map((measure) => ({ measure, staleSince: staleSince(measure) }))
    .filter(({ measure, staleSince: since }) => {
      return overdueAt(since, zone).getTime() <= slot.getTime() && !alreadyReminded(measure, person.id, since);
    })
    .sort((a, b) => a.staleSince.getTime() - b.staleSince.getTime());
}

/** A nudge whose slot passed more than the tolerance ago is left to the next scan, which picks the next slot. */
export function isTooLate(slot: Date, now: Date): boolean {
  return now.getTime() - slot.getTime() > LATE_TOLERANCE_MS;
}

/** Slack allows 50 blocks per message; beyond this many measures the renderer would split the nudge. */
const MAX_LISTED = 12;

/** The nudge: each stale measure with its last check-in and a "Check in" button. */
export function reminderCard(t: Translate, due: readonly DueMeasure[], zone: string): Card {
  const localDate = (at: Date) => formatDate(DateTime.fromJSDate(at, { zone }).toISODate() ?? "", t.locale);
  const blocks: Block[] = [
    { type: "header", text: t("goals.reminder.header") },
    { type: "text", text: t("goals.reminder.intro", { days: STALE_AFTER_DAYS }) },
  ];
  for (const { measure } of due.slice(0, MAX_LISTED)) {
    blocks.push(
      { type: "text", text: `**${escapeMarkup(measure.title)}**` },
      {
        type: "context",
        text: t("goals.reminder.meta", {
          unit: escapeMarkup(measure.unitName),
          due: formatDate(measure.dueDate, t.locale),
          last: measure.lastCheckinAt
            ? localDate(measure.lastCheckinAt)
            : t("goals.reminder.never", { created: localDate(measure.createdAt) }),
        }),
      },
      {
        type: "actions",
        actions: [goalActions.checkin.button(t("goals.reminder.checkin"), { goal: measure.id }, { style: "primary" })],
      },
    );
  }
  if (due.length > MAX_LISTED) {
    blocks.push({ type: "context", text: t("goals.reminder.more", { count: due.length - MAX_LISTED }) });
  }
  blocks.push({ type: "context", text: t("goals.reminder.footer", { days: STALE_AFTER_DAYS }) });
  return { summary: t("goals.reminder.summary", { count: due.length }), blocks };
}
