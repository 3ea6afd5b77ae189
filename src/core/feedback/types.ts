import type { Locale } from "../org/types.js";

/** A text in both first-class languages. */
export interface Bilingual {
  readonly de: string;
  readonly en: string;
}

export interface CriterionLevel {
  /** 1 = lowest. */
  readonly level: number;
  /** What someone at this level does (the behavioural anchor). */
  readonly anchor: Bilingual;
}

export interface Criterion {
  /** Stable across versions ("customer-empathy"), so needs of different versions line up. */
  readonly key: string;
  readonly name: Bilingual;
  readonly description: Bilingual;
  /** 3 or 4 levels, ascending. */
  readonly levels: readonly CriterionLevel[];
  /** The level the profile expects; a lower assessment is a gap. */
  readonly targetLevel: number;
}

export interface DraftComment {
  readonly personId: string;
  readonly personName: string;
  readonly text: string;
  readonly at: Date;
}

export interface DraftCriterion extends Criterion {
  readonly position: number;
  /** Who approved the criterion as it reads now. */
  readonly approvals: readonly string[];
  readonly comments: readonly DraftComment[];
}

/** A published, immutable version of the profile. */
export interface ProfileVersion {
  readonly id: string;
  readonly version: number;
  readonly criteria: readonly Criterion[];
  readonly publishedAt: Date;
}

export type MemberKind = "working_group" | "hr";

export interface Campaign {
  readonly startDate: string;
  readonly endDate: string;
}

export type TalkState = "scheduled" | "recorded" | "confirmed" | "cancelled";
export const PRIORITIES = ["high", "medium", "low"] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface NeedView {
  readonly id: string;
  readonly talkId: string;
  readonly personId: string;
  readonly criterionKey: string;
  readonly levelGap: number;
  readonly priority: Priority;
}

/** Levels per criterion key. */
export type Assessment = Readonly<Record<string, number>>;

export interface TalkView {
  readonly id: string;
  readonly tenantId: string;
  readonly leaderId: string;
  readonly employeeId: string;
  readonly profileId: string;
  readonly startsAt: Date;
  readonly durationMin: number;
  readonly place: string | null;
  readonly state: TalkState;
  readonly sequence: number;
  readonly selfAssessment: Assessment | null;
  readonly selfNote: string | null;
  readonly leaderAssessment: Assessment | null;
  readonly agreements: string | null;
  /** YYYY-MM-DD. */
  readonly followUpDate: string | null;
  readonly recordedAt: Date | null;
  readonly employeeComment: string | null;
  readonly confirmedAt: Date | null;
  readonly needs: readonly NeedView[];
}

export interface NewTalk {
  readonly tenantId: string;
  readonly leaderId: string;
  readonly employeeId: string;
  readonly profileId: string;
  readonly startsAt: Date;
  readonly durationMin: number;
  readonly place: string | null;
}

export interface TalkRecord {
  readonly leaderAssessment: Assessment;
  readonly agreements: string | null;
  readonly followUpDate: string | null;
  readonly needs: readonly { readonly criterionKey: string; readonly levelGap: number; readonly priority: Priority }[];
}

/** A person as the feedback feature needs them: who reports to whom, where and how to reach them. */
export interface FeedbackPerson {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly managerId: string | null;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
}

/**
 * A qualification need agreed in a confirmed feedback talk, as the trainings feature reads it
 * (`FeedbackRepository.openNeeds`). Content of the talk beyond this stays with the talk.
 */
export interface OpenNeed {
  readonly id: string;
  readonly personId: string;
  /** The criterion's stable key in the competency profile ("communication"). */
  readonly criterionKey: string;
  /** The criterion's name in both languages, from the profile version the talk used. */
  readonly criterionName: Bilingual;
  /** Levels below the profile's target level (≥ 0). */
  readonly levelGap: number;
  readonly priority: Priority;
  readonly talkId: string;
  /** When the employee confirmed the talk's record. */
  readonly agreedAt: Date;
}
