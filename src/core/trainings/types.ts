import type { Locale } from "../org/types.js";

export const TRAINING_KINDS = ["basic", "advanced", "in_depth"] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

export const ENROLMENT_STATUSES = ["enrolled", "waitlisted", "attended", "no_show", "cancelled"] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export interface TrainingView {
  readonly id: string;
  readonly tenantId: string;
  readonly kind: TrainingKind;
  readonly titleDe: string;
  readonly titleEn: string | null;
  readonly descriptionDe: string | null;
  readonly descriptionEn: string | null;
  readonly criterionKeys: readonly string[];
  readonly durationMinutes: number;
  readonly mandatoryUnitIds: readonly string[];
  readonly createdAt: Date;
}

export type NewTraining = Omit<TrainingView, "id" | "createdAt"> & { readonly createdById: string | null };

export interface SessionView {
  readonly id: string;
  readonly tenantId: string;
  readonly trainingId: string;
  readonly startsAt: Date;
  readonly timezone: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly trainer: { readonly id: string; readonly name: string } | null;
  readonly capacity: number;
  readonly cancelledAt: Date | null;
  /** Seats taken: enrolled and attended (a no-show took a seat too). */
  readonly taken: number;
  readonly waitlisted: number;
}

export interface NewSession {
  readonly tenantId: string;
  readonly trainingId: string;
  readonly startsAt: Date;
  readonly timezone: string;
  readonly place: string | null;
  readonly onlineUrl: string | null;
  readonly trainerId: string | null;
  readonly capacity: number;
}

export interface EnrolmentView {
  readonly id: string;
  readonly tenantId: string;
  readonly trainingId: string;
  readonly sessionId: string;
  readonly personId: string;
  readonly status: EnrolmentStatus;
  readonly waitlistPosition: number | null;
  /** Counts up with every new enrolment on the same row, for the calendar SEQUENCE. */
  readonly sequence: number;
  readonly updatedAt: Date;
}

/** What `enrol` did, decided under the session's row lock. */
export type EnrolOutcome =
  | { readonly kind: "enrolled" | "waitlisted"; readonly enrolment: EnrolmentView }
  /** Already enrolled or waitlisted in this session (a double click); nothing changed. */
  | { readonly kind: "already"; readonly enrolment: EnrolmentView }
  /** Enrolled in another session of the same training; one seat per training. */
  | { readonly kind: "other-session"; readonly enrolment: EnrolmentView }
  | { readonly kind: "closed" };

export interface CancelOutcome {
  readonly cancelled: EnrolmentView;
  /** The first of the waitlist, now holding the freed seat. */
  readonly promoted: EnrolmentView | null;
}

export interface NominationView {
  readonly id: string;
  readonly trainingId: string;
  readonly personId: string;
  readonly nominatedById: string;
  readonly createdAt: Date;
}

export interface InvitationView {
  readonly id: string;
  readonly tenantId: string;
  readonly trainingId: string;
  readonly unitIds: readonly string[];
  readonly deadline: Date;
  readonly createdById: string;
}

/** The feedback feature's words for how pressing a need is. */
export const NEED_PRIORITIES = ["high", "medium", "low"] as const;
export type NeedPriority = (typeof NEED_PRIORITIES)[number];

/** One open qualification need, as the feedback feature records it. */
export interface QualificationNeedView {
  readonly id: string;
  readonly personId: string;
  readonly criterionKey: string;
  readonly priority: NeedPriority;
}

/** A person as the trainings feature reaches them: language, time zone, leader. */
export interface Participant {
  readonly id: string;
  readonly name: string;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly managerId: string | null;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
}
