import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import { tzlib_get_ical_block } from "timezones-ical-library";
import type { TalkView } from "./types.js";

export interface TalkIcsInput {
  readonly talk: TalkView;
  /** The recipient's time zone: DTSTART carries it as TZID, so the calendar shows their wall clock. */
  readonly zone: string;
  readonly summary: string;
  readonly description: string;
  readonly organizer: { readonly name: string; readonly email: string };
  readonly attendee: { readonly name: string; readonly email: string };
}

/** One event per talk, for life: a reschedule updates it and a cancel removes it (RFC 5545 UID + SEQUENCE). */
export function talkUid(talk: Pick<TalkView, "id">): string {
  return `feedback-talk-${talk.id}@kurs`;
}

function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone)[0];
  return typeof block === "string" && block !== "" ? block : null;
}

/**
 * The talk as an iCalendar invitation (METHOD:REQUEST), or its cancellation (METHOD:CANCEL,
 * STATUS:CANCELLED) once the talk is cancelled. SEQUENCE is the talk's schedule version, so a
 * calendar replaces what it imported before.
 */
export function talkIcs(input: TalkIcsInput): string {
  const { talk, zone } = input;
  const cancelled = talk.state === "cancelled";
  const calendar = ical({
    prodId: { company: "Kurs", product: "feedback", language: "EN" },
    method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    timezone: { name: zone, generator: vtimezone },
  });
  const start = DateTime.fromJSDate(talk.startsAt, { zone });
  calendar.createEvent({
    id: talkUid(talk),
    sequence: talk.sequence,
    stamp: DateTime.fromJSDate(new Date(), { zone: "UTC" }),
    start,
    end: start.plus({ minutes: talk.durationMin }),
    timezone: zone,
    summary: input.summary,
    description: input.description,
    ...(talk.place ? { location: talk.place } : {}),
    organizer: { name: input.organizer.name, email: input.organizer.email },
    attendees: [{ name: input.attendee.name, email: input.attendee.email }],
    status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
