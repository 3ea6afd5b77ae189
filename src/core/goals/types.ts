export const GOAL_LEVELS = ["company", "area", "team", "measure"] as const;
export type GoalLevel = (typeof GOAL_LEVELS)[number];

export const GOAL_STATUSES = ["open", "on_track", "at_risk", "off_track", "done"] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];

export const CHECKIN_STATUSES = ["on_track", "at_risk", "off_track"] as const;
export type CheckinStatus = (typeof CHECKIN_STATUSES)[number];

/** The KPIs a goal can be measured by (DESIGN.md "KPIs"); the KPI issue computes them. */
export const KPI_KEYS = [
  "processing_time",
  "deadline_compliance",
  "ticket_resolution_rate",
  "first_contact_resolution",
  "backlog",
  "reopen_rate",
  "response_rate",
  "goal_progress",
  "talk_coverage",
  "training_coverage",
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

export interface GoalView {
  readonly id: string;
  readonly level: GoalLevel;
  readonly parentId: string | null;
  readonly unit: { readonly id: string; readonly name: string; readonly path: string };
  readonly focusTopic: { readonly id: string; readonly title: string } | null;
  readonly title: string;
  readonly successCriterion: string;
  /** YYYY-MM-DD */
  readonly dueDate: string;
  readonly kpiKey: KpiKey | null;
  readonly kpiTarget: number | null;
  readonly status: GoalStatus;
  readonly progress: number;
  readonly lastCheckinAt: Date | null;
  readonly createdAt: Date;
  readonly owners: readonly { readonly id: string; readonly name: string }[];
}

export interface NewGoal {
  readonly tenantId: string;
  readonly level: GoalLevel;
  readonly parentId: string | null;
  readonly unitId: string;
  readonly focusTopicId: string | null;
  readonly title: string;
  readonly successCriterion: string;
  readonly dueDate: string;
  readonly kpiKey: KpiKey | null;
  readonly kpiTarget: number | null;
  readonly ownerIds: readonly string[];
  readonly createdById: string;
}

export interface NewCheckin {
  readonly tenantId: string;
  readonly goalId: string;
  readonly personId: string;
  readonly progress: number;
  readonly status: CheckinStatus;
  readonly note: string | null;
  readonly at: Date;
}

export interface FocusTopicView {
  readonly id: string;
  readonly title: string;
  readonly description: string | null;
}
