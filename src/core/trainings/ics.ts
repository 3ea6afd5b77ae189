import icalGenerator, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import type { SessionView, TrainingView } from "./types.js";

export interface CalendarFile {
  readonly filename: string;
  readonly mediaType: "text/calendar";
  readonly content: string;
}

/**
 * The calendar event of one person's seat in one session (RFC 5545). The UID is stable per
 * (session, person), so a re-enrolment updates the event and a cancel (METHOD:CANCEL, STATUS:CANCELLED,
 * a higher SEQUENCE) removes it from the person's calendar.
 */
export function sessionCalendar(input: {
  readonly training: TrainingView;
  readonly session: SessionView;
  readonly personId: string;
  readonly title: string;
  readonly description: string | null;
  /** The enrolment's sequence (counts up with each re-enrolment on the same row). */
  readonly sequence: number;
  readonly cancelled: boolean;
  /** When the enrolment last changed (DTSTAMP), so the same state always yields the same file. */
  readonly stamp: Date;
  readonly domain?: string;
}): CalendarFile {
  const { session, training } = input;
  const cal = icalGenerator({
    prodId: { company: "Kurs", product: "trainings", language: "DE" },
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  const end = new Date(session.startsAt.getTime() + training.durationMinutes * 60_000);
  cal.createEvent({
    id: sessionEventUid(session.id, input.personId, input.domain),
    // Each enrolment round of the row has two versions, the request and its cancel, so every later
    // message supersedes every earlier one: 0 request, 1 cancel, 2 request again, 3 cancel again …
    sequence: input.sequence * 2 + (input.cancelled ? 1 : 0),
    start: session.startsAt,
    end,
    // UTC instants: every calendar shows them in its owner's zone, across DST changes too.
    summary: input.title,
    description: input.description ?? undefined,
    location: session.place ?? session.onlineUrl ?? undefined,
    url: session.onlineUrl ?? undefined,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    stamp: input.stamp,
  });
  return {
    filename: input.cancelled ? "training-cancelled.ics" : "training.ics",
    mediaType: "text/calendar",
    content: cal.toString(),
  };
}

export function sessionEventUid(sessionId: string, personId: string, domain = "kurs.invalid"): string {
  return `training-${sessionId}-${personId}@${domain}`;
}
