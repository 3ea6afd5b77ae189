import type {
  Assessment,
  Campaign,
  Criterion,
  DraftCriterion,
  FeedbackPerson,
  MemberKind,
  NewTalk,
  OpenNeed,
  ProfileVersion,
  TalkRecord,
  TalkView,
} from "./feedback/types.js";
import type { OpenMeasure, ReminderPerson } from "./goals/reminders.js";
import type { FocusTopicView, GoalView, NewCheckin, NewGoal } from "./goals/types.js";
import type {
  AggregateQuery,
  AggregateResult,
  KpiSettings,
  TicketInput,
  TicketTargets,
  UpsertResult,
} from "./kpis/types.js";
import type { ImportPlan, OrgSnapshot } from "./org/import-plan.js";
import type { TenantSettings, TenantSettingsPatch } from "./org/tenant-settings.js";
import type { Locale, PersonProfile, PersonRef, Platform, TenantInfo, UnitNode } from "./org/types.js";
import type {
  AckTally,
  NewStatement,
  NewStatementComment,
  StatementCommentView,
  StatementView,
} from "./statements/types.js";
import type {
  CancelOutcome,
  EnrolmentView,
  EnrolOutcome,
  InvitationView,
  NewSession,
  NewTraining,
  NominationView,
  Participant,
  QualificationNeedView,
  SessionView,
  TrainingView,
} from "./trainings/types.js";
import type { Card } from "./ui/card.js";

export type { OpenNeed } from "./feedback/types.js";

/** What core needs from outside. Implementations live in src/db, src/chat and jobs/. */

export interface TenantRepository {
  findBySlack(teamId: string, enterpriseId?: string): Promise<TenantInfo | null>;
  findByTeams(teamsTenantId: string): Promise<TenantInfo | null>;
  findBySlug(slug: string): Promise<TenantInfo | null>;
  findById(id: string): Promise<TenantInfo | null>;
  /** Creates the tenant if missing; binds the given platform ids if they are not bound to another tenant. */
  ensure(input: EnsureTenantInput): Promise<TenantInfo>;
  /** Every tenant, e.g. to register each one's recurring jobs. */
  all(): Promise<readonly TenantInfo[]>;
  settings(id: string): Promise<TenantSettings | null>;
  /** The Slack workspace and Teams tenant bound to the tenant. */
  bindings(id: string): Promise<TenantBindings>;
  /**
   * Binds a Slack workspace and/or a Teams tenant (e.g. a MultiTenant Teams app, which has no
   * MICROSOFT_APP_TENANT_ID to bind at start). Refused when the id is bound to another tenant.
   */
  bind(id: string, ids: TenantBindings): Promise<BindResult>;
  updateSettings(id: string, patch: TenantSettingsPatch): Promise<TenantSettings>;
}

export interface EnsureTenantInput {
  readonly slug: string;
  readonly name: string;
  readonly defaultLocale?: Locale;
  readonly slackTeamId?: string;
  readonly slackEnterpriseId?: string;
  readonly teamsTenantId?: string;
}

export interface TenantBindings {
  readonly slackTeamId?: string | null;
  readonly teamsTenantId?: string | null;
}

export type BindResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly platform: Platform; readonly value: string; readonly otherSlug: string };

export interface OrgRepository {
  findPersonByPlatformId(tenantId: string, platform: Platform, userId: string): Promise<PersonProfile | null>;
  findPersonByEmail(tenantId: string, email: string): Promise<PersonProfile | null>;
  linkPlatformId(tenantId: string, personId: string, platform: Platform, userId: string): Promise<void>;
  snapshot(tenantId: string): Promise<OrgSnapshot>;
  /** Applies the plan in one transaction. */
  applyImport(tenantId: string, plan: ImportPlan): Promise<void>;
  peopleWithoutPlatformId(tenantId: string, platform: Platform): Promise<readonly { id: string; email: string }[]>;
  units(tenantId: string): Promise<readonly UnitNode[]>;
  /** Active people, with their role assignments. */
  people(tenantId: string): Promise<readonly PersonRef[]>;
}

export interface GoalRepository {
  /** Every goal and measure of the tenant; a programme has hundreds, not millions. */
  all(tenantId: string): Promise<readonly GoalView[]>;
  get(tenantId: string, id: string): Promise<GoalView | null>;
  create(goal: NewGoal): Promise<GoalView>;
  /** Records the check-in and updates the goal's progress and status in one transaction. */
  checkin(checkin: NewCheckin): Promise<GoalView>;
  focusTopics(tenantId: string): Promise<readonly FocusTopicView[]>;
  createFocusTopic(input: {
    tenantId: string;
    title: string;
    description: string | null;
    createdById: string;
  }): Promise<FocusTopicView>;
}

/** What check-in reminders (src/core/goals/reminders.ts) read; the nudges themselves are outbox deliveries. */
export interface ReminderRepository {
  /**
   * Measures not done yet, with owners and the nudges planned or sent (outbox rows of REMINDER_PURPOSE
   * that are pending, claimed, sent or unreachable); only those `ownerId` owns when given. `exceptSubject`
   * leaves out one reminder slot's rows, so the nudge being rendered does not count as its own history.
   */
  openMeasures(tenantId: string, ownerId?: string, exceptSubject?: string): Promise<readonly OpenMeasure[]>;
  /** Active people among `ids`; people who left are not reminded. */
  people(tenantId: string, ids: readonly string[]): Promise<readonly ReminderPerson[]>;
}

/** Strategy statements (SEED step 2): versions, deliveries, acknowledgements and comments. */
export interface StatementRepository {
  /** Saves a statement: version 1 of a new series, or with `seriesId` the next version of that series. */
  create(input: NewStatement): Promise<StatementView>;
  get(tenantId: string, id: string): Promise<StatementView | null>;
  /** The statement published last (highest version first on a tie). */
  latestPublished(tenantId: string): Promise<StatementView | null>;
  latestInSeries(tenantId: string, seriesId: string): Promise<StatementView | null>;
  /** Records the acknowledgement unless it exists; returns when the person first acknowledged. */
  acknowledge(tenantId: string, statementId: string, personId: string, at: Date): Promise<Date>;
  ackedAt(tenantId: string, statementId: string, personId: string): Promise<Date | null>;
  /**
   * Saves a comment and, when given, the outbox rows of the author's notice (`plan`, whose subject
   * is the new comment's id) in one transaction.
   */
  addComment(
    input: NewStatementComment,
    plan?: Omit<DeliveryPlan, "subject">,
  ): Promise<{ readonly comment: StatementCommentView; readonly deliveryIds: readonly string[] }>;
  getComment(tenantId: string, id: string): Promise<StatementCommentView | null>;
  /** An active person as a delivery target; null when unknown or deactivated. */
  recipient(tenantId: string, personId: string): Promise<PersonRef | null>;
  /**
   * Saves a published statement and its outbox rows (`plan`, whose subject is the new statement's
   * id) in ONE transaction: either both exist or neither. Returns the statement and the ids of the
   * delivery rows written, for the fast path that enqueues them right after the commit.
   */
  publish(
    input: NewStatement,
    plan: Omit<DeliveryPlan, "subject">,
  ): Promise<{ readonly statement: StatementView; readonly deliveryIds: readonly string[] }>;
  tally(tenantId: string, statementId: string): Promise<AckTally>;
}

/** Trainings (SEED step 9): catalogue, sessions, enrolments with waitlist, nominations, invitations. */
export interface TrainingRepository {
  trainings(tenantId: string): Promise<readonly TrainingView[]>;
  training(tenantId: string, id: string): Promise<TrainingView | null>;
  createTraining(input: NewTraining): Promise<TrainingView>;
  /** Sessions with their seat counts, soonest first; of one training when given. */
  sessions(tenantId: string, trainingId?: string): Promise<readonly SessionView[]>;
  session(tenantId: string, id: string): Promise<SessionView | null>;
  createSession(input: NewSession): Promise<SessionView>;
  /**
   * Enrols under a row lock on the session: of two people taking the last seat at the same moment
   * exactly one gets it and the other is waitlisted. A cancelled row of the same (session, person)
   * is reused with its sequence counted up.
   */
  enrol(
    tenantId: string,
    sessionId: string,
    personId: string,
    options?: { readonly nominatedById?: string | null },
  ): Promise<EnrolOutcome>;
  /** Cancels, and hands the freed seat to the first of the waitlist, in one transaction. */
  cancel(tenantId: string, enrolmentId: string): Promise<CancelOutcome | null>;
  /** The trainer's or the participant's word on attendance; only for enrolled/attended/no-show rows. */
  setAttendance(tenantId: string, enrolmentId: string, status: "attended" | "no_show"): Promise<EnrolmentView | null>;
  enrolment(tenantId: string, id: string): Promise<EnrolmentView | null>;
  /** Every enrolment of the tenant, or of one person / one session. */
  enrolments(
    tenantId: string,
    filter?: { readonly personId?: string; readonly sessionId?: string; readonly trainingId?: string },
  ): Promise<readonly EnrolmentView[]>;
  nominate(tenantId: string, trainingId: string, personId: string, nominatedById: string): Promise<NominationView>;
  nominations(tenantId: string, personId?: string): Promise<readonly NominationView[]>;
  createInvitation(input: Omit<InvitationView, "id">): Promise<InvitationView>;
  /** Makes the training mandatory for these units too (an invitation to them says so). */
  addMandatoryUnits(tenantId: string, trainingId: string, unitIds: readonly string[]): Promise<void>;
  invitation(tenantId: string, id: string): Promise<InvitationView | null>;
  /** People besides the managing directors who keep the catalogue. */
  admins(tenantId: string): Promise<readonly string[]>;
  setAdmin(tenantId: string, personId: string, admin: boolean): Promise<void>;
  /** Active people with language, zone and leader; only `ids` when given. */
  participants(tenantId: string, ids?: readonly string[]): Promise<readonly Participant[]>;
}

/**
 * Open qualification needs from feedback talks (SEED step 8). The feedback feature owns how needs come
 * to be; trainings only read the open ones and mark one addressed by an enrolment.
 */
export interface QualificationNeeds {
  openNeeds(tenantId: string, personId?: string): Promise<readonly QualificationNeedView[]>;
  markAddressed(tenantId: string, needId: string, enrolmentId: string): Promise<void>;
  /** Needs already addressed by an enrolment (for coverage: counts per unit, never content). */
  addressedNeeds(tenantId: string): Promise<readonly QualificationNeedView[]>;
}

/** A chat directory that can find a user by e-mail (Slack users.lookupByEmail). */
export interface Directory {
  readonly platform: Platform;
  lookupByEmail(email: string): Promise<string | null>;
}

// ---------------------------------------------------------------------------------------------
// The outbox (src/delivery): core says "deliver purpose P about subject S to these people, not
// before T"; the outbox transports, and asks the purpose's renderer for the content at send time.

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** One person on one platform: a person on Slack and Teams gets two rows, so a retry never repeats the one that worked. */
/** A person's direct message on one platform, or a channel (a Slack channel id, a Teams channel conversation id). */
export type DeliveryTarget =
  | { readonly personId: string; readonly platform: Platform }
  | { readonly channel: string; readonly platform: Platform };

export interface DeliveryPlan {
  /** The renderer's name, e.g. "statements.statement", "goals.reminder". */
  readonly purpose: string;
  /** What the message is about; (purpose, subject, person, platform) is delivered at most once. */
  readonly subject: string;
  readonly targets: readonly DeliveryTarget[];
  /** Not sent before this time (e.g. a reminder's 09:00 slot). */
  readonly notBefore: Date;
  /** Facts the renderer needs later; small, never message text (content is decided at send time). */
  readonly payload?: JsonObject;
}

export interface Outbox {
  /** Writes one pending row per target unless it exists; returns the ids of the rows written now. */
  plan(tenantId: string, plan: DeliveryPlan): Promise<readonly string[]>;
  /** How the deliveries of one subject went, e.g. for the statement report. */
  summary(tenantId: string, purpose: string, subject: string): Promise<DeliverySummary>;
}

export interface DeliverySummary {
  /** People reached on at least one platform. */
  readonly reached: readonly string[];
  /** Rows still pending or claimed (e.g. while Redis or a platform is down). */
  readonly waiting: number;
  /** People reached on no platform, with why, per platform row that was given up. */
  readonly unreachable: readonly { readonly personId: string; readonly platform: Platform; readonly reason: string }[];
}

/** What a delivery's renderer is asked about: one row, at the moment it is sent. */
export interface DeliveryRequest {
  readonly tenantId: string;
  readonly deliveryId: string;
  readonly purpose: string;
  readonly subject: string;
  /**
   * The person of a direct message. Empty for a delivery to a channel: only a channel purpose's
   * renderer (e.g. "kpi.digest") is ever asked about channel rows, so person renderers keep a string.
   */
  readonly personId: string;
  /** The channel of a channel delivery; absent or null for a direct message. */
  readonly channel?: string | null;
  readonly platform: Platform;
  readonly notBefore: Date;
  readonly payload: JsonObject | null;
}

export type RenderedDelivery =
  /** Send this card; `record` (if any) replaces the row's payload once sent: what the message contained. */
  | {
      readonly kind: "message";
      readonly card: Card;
      readonly locale: Locale;
      readonly record?: JsonObject;
      /** Files sent along with the card (a calendar invitation), where the platform can attach them. */
      readonly files?: readonly DeliveryFile[];
    }
  /** Nothing to send any more (subject or person gone, a reminder made moot); the row is closed with the reason. */
  | { readonly kind: "cancel"; readonly reason: string };

export interface DeliveryFile {
  readonly filename: string;
  readonly mediaType: string;
  readonly content: string;
  /** One line about the file in the recipient's language (Teams shows it on the consent card). */
  readonly description?: string;
}

/** Builds one purpose's message for one person; core decides content, the outbox only transports. */
export interface DeliveryRenderer {
  render(request: DeliveryRequest): Promise<RenderedDelivery>;
}

export type DeliveryRenderers = Readonly<Record<string, DeliveryRenderer>>;

export interface TicketRepository {
  /** Unit paths and mapped service-desk groups, for resolving a ticket's team_path. */
  targets(tenantId: string): Promise<TicketTargets>;
  /** Inserts new tickets, updates changed ones, leaves identical ones untouched. */
  upsertTickets(tenantId: string, tickets: readonly TicketInput[]): Promise<UpsertResult>;
  /** Weekly aggregates per unit (each unit with all units below it), computed in the database. */
  weeklyAggregates(query: AggregateQuery): Promise<AggregateResult>;
  mapGroup(tenantId: string, groupName: string, unitId: string): Promise<void>;
  groups(tenantId: string): Promise<readonly { groupName: string; unitPath: string }[]>;
}

export interface KpiSettingsRepository {
  kpiSettings(tenantId: string): Promise<KpiSettings>;
  updateKpiSettings(tenantId: string, patch: Partial<KpiSettings>): Promise<KpiSettings>;
  webhookSecret(tenantId: string): Promise<string | null>;
  setWebhookSecret(tenantId: string, secret: string): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A job for the worker: a name from the job contracts (jobs/definitions.ts) and its payload. */
export interface JobRequest {
  readonly name: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Deterministic: enqueueing the same job twice collapses onto one. */
  readonly jobId: string;
  readonly delayMs?: number;
}

/** The job queue as core sees it; the BullMQ producer implements it and checks the payload's schema. */
export interface JobQueue {
  add(job: JobRequest): Promise<void>;
  /**
   * The outbox's fast path right after the commit that wrote the rows: enqueue them now. "delayed"
   * (Redis away or slow) loses nothing: the rows wait in the database and the sweep sends them.
   */
  dispatchDeliveries(tenantId: string, deliveryIds: readonly string[]): Promise<"queued" | "delayed">;
}

/**
 * One row per submitted form instance (Slack view id, Teams form nonce), claimed before the save:
 * a retried or double-clicked submit finds the claim and saves nothing twice.
 */
export interface SubmissionLog {
  /** True when this call claimed the key; false when it was claimed before. */
  claim(tenantId: string, key: string, at: Date): Promise<boolean>;
  /** Gives the key back when the submit did not save (invalid input, refusal, error), so it can be retried. */
  release(tenantId: string, key: string): Promise<void>;
}

/** A line chart's data; rendered to PNG where it is served (core never draws). */
export interface ChartData {
  readonly title: string;
  /** The y axis title, e.g. "%" or "h". */
  readonly axis: string;
  /** Values are shares (0..1) shown as percentages. */
  readonly percent: boolean;
  readonly points: readonly { readonly week: string; readonly series: string; readonly value: number | null }[];
}

/** Publishes a chart behind an unguessable, expiring URL that Slack and Teams can fetch. */
export interface ChartLinks {
  publish(tenantId: string, chart: ChartData): Promise<string>;
}

/** Where the weekly KPI digest goes: the leadership channel (unitId null) or a unit's channel. */
export interface DigestChannel {
  readonly platform: Platform;
  readonly channel: string;
  readonly unitId: string | null;
}

export interface DigestChannelRepository {
  digestChannels(tenantId: string): Promise<readonly DigestChannel[]>;
  /** Adds the channel, or points it at another unit; one digest per channel. */
  setDigestChannel(tenantId: string, channel: DigestChannel): Promise<void>;
  /** Writes outbox rows (ON CONFLICT DO NOTHING on the delivery's unique key); returns the rows written now. */
  planDeliveries(tenantId: string, plan: DeliveryPlan): Promise<readonly string[]>;
}

/** A goal that names a KPI and a target (the goal form's kpi + target). */
export interface KpiGoal {
  readonly id: string;
  readonly unitId: string;
  readonly title: string;
  readonly kpiKey: string;
  readonly kpiTarget: number | null;
  readonly progress: number;
}

export interface KpiGoalRepository {
  /** Open and at-risk goals with a KPI (not done ones: their progress is final). */
  kpiGoals(tenantId: string): Promise<readonly KpiGoal[]>;
  setGoalProgress(tenantId: string, goalId: string, progress: number): Promise<void>;
}

/**
 * Competency profile and feedback talks (src/core/feedback). Talk content (assessments, needs,
 * agreements) is returned to core only; core decides who may see it (feedback/access.ts).
 */
/** What a change to a talk sends, computed from the talk as saved (its id and schedule version). */
export type TalkPlans = (talk: TalkView) => readonly DeliveryPlan[];

/** A changed talk and the outbox rows written with it. */
export interface SavedTalk {
  readonly talk: TalkView;
  readonly deliveryIds: readonly string[];
}

export interface FeedbackRepository {
  /** Writes the given criteria as the tenant's draft unless it has a draft already. */
  seedDraft(tenantId: string, criteria: readonly Criterion[]): Promise<void>;
  draft(tenantId: string): Promise<readonly DraftCriterion[]>;
  /** Replaces a draft criterion's texts and levels; clears its approvals. Null when the key is unknown. */
  updateCriterion(tenantId: string, criterion: Criterion, byId: string): Promise<DraftCriterion | null>;
  addComment(tenantId: string, criterionKey: string, personId: string, text: string): Promise<void>;
  approve(tenantId: string, criterionKey: string, personId: string): Promise<void>;
  /** Publishes the draft as the next version (a snapshot that is never updated). */
  publish(tenantId: string, criteria: readonly Criterion[], byId: string): Promise<ProfileVersion>;
  latestProfile(tenantId: string): Promise<ProfileVersion | null>;
  profile(tenantId: string, id: string): Promise<ProfileVersion | null>;
  members(tenantId: string, kind: MemberKind): Promise<readonly string[]>;
  setMember(tenantId: string, kind: MemberKind, personId: string, member: boolean): Promise<void>;
  campaign(tenantId: string): Promise<Campaign | null>;
  setCampaign(tenantId: string, campaign: Campaign, byId: string): Promise<void>;
  /** Whether the tenant lets its HR members see talk content (tenant setting, default off). */
  hrAccess(tenantId: string): Promise<boolean>;
  /** Active people with their managers. */
  people(tenantId: string): Promise<readonly FeedbackPerson[]>;
  /**
   * Creates the talk unless the leader or the employee has a talk (not cancelled) overlapping
   * [startsAt, startsAt + durationMin); checked and written under one lock, so two racing bookings
   * cannot both win. Returns the talks in the way instead. `plans` (what the new talk sends) are
   * written as outbox rows in the same transaction; their ids come back for the fast path.
   */
  createTalk(
    talk: NewTalk,
    plans?: TalkPlans,
  ): Promise<
    | { readonly ok: true; readonly talk: TalkView; readonly deliveryIds: readonly string[] }
    | { readonly ok: false; readonly conflicts: readonly TalkView[] }
  >;
  /** Moves a scheduled talk (sequence + 1), with the same overlap rule and outbox rows as createTalk. */
  rescheduleTalk(
    tenantId: string,
    id: string,
    startsAt: Date,
    place: string | null,
    plans?: TalkPlans,
  ): Promise<
    | { readonly ok: true; readonly talk: TalkView; readonly deliveryIds: readonly string[] }
    | { readonly ok: false; readonly conflicts: readonly TalkView[] }
    | { readonly ok: false; readonly conflicts: null }
  >;
  /** Cancels a scheduled talk (sequence + 1) and writes `plans` with it; null when it is not scheduled. */
  cancelTalk(tenantId: string, id: string, plans?: TalkPlans): Promise<SavedTalk | null>;
  talk(tenantId: string, id: string): Promise<TalkView | null>;
  /** Talks (any state) where the person is leader or employee. */
  talksOf(tenantId: string, personId: string): Promise<readonly TalkView[]>;
  /** Every talk of the tenant that is not cancelled (for coverage counts; callers never show content). */
  activeTalks(tenantId: string): Promise<readonly TalkView[]>;
  saveSelfAssessment(
    tenantId: string,
    id: string,
    assessment: Assessment,
    note: string | null,
  ): Promise<TalkView | null>;
  /** Records the leader's part (replacing an earlier record and its needs); the talk waits for the employee. */
  recordTalk(tenantId: string, id: string, record: TalkRecord, plans?: TalkPlans): Promise<SavedTalk | null>;
  /** The employee's confirmation: the record becomes final and its needs open. Null unless recorded. */
  confirmTalk(tenantId: string, id: string, plans?: TalkPlans): Promise<SavedTalk | null>;
  /** The employee's comment on the record instead of confirming it. */
  commentTalk(tenantId: string, id: string, comment: string, plans?: TalkPlans): Promise<SavedTalk | null>;
  /**
   * Qualification needs from confirmed talks that no training has closed yet, for the trainings
   * feature: all of the tenant's, or one person's. Ordered by priority (high first), then oldest first.
   * Each `OpenNeed` is { id, personId, criterionKey, criterionName: { de, en }, levelGap (≥ 0),
   * priority: "high" | "medium" | "low", talkId, agreedAt }. A need is open once the employee has
   * confirmed the talk's record. This is the only way content of a talk leaves the feedback feature;
   * it carries no assessment text, agreements or comments.
   */
  openNeeds(tenantId: string, personId?: string): Promise<readonly OpenNeed[]>;
}
