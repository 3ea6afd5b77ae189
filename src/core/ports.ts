import type { OpenMeasure, ReminderPerson } from "./goals/reminders.js";
import type { FocusTopicView, GoalView, NewCheckin, NewGoal } from "./goals/types.js";
import type { ImportPlan, OrgSnapshot } from "./org/import-plan.js";
import type { TenantSettings, TenantSettingsPatch } from "./org/tenant-settings.js";
import type { Locale, PersonProfile, PersonRef, Platform, TenantInfo, UnitNode } from "./org/types.js";
import type {
  AckTally,
  DeliveryClaim,
  NewStatement,
  NewStatementComment,
  StatementCommentView,
  StatementView,
} from "./statements/types.js";
import type { Card } from "./ui/card.js";

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

/** What check-in reminders (src/core/goals/reminders.ts) read and the one row they write per nudge. */
export interface ReminderRepository {
  /** Measures not done yet, with owners and claimed nudges; only those `ownerId` owns when given. */
  openMeasures(tenantId: string, ownerId?: string): Promise<readonly OpenMeasure[]>;
  /** Active people among `ids`; people who left are not reminded. */
  people(tenantId: string, ids: readonly string[]): Promise<readonly ReminderPerson[]>;
  /**
   * Inserts one ReminderSent row per (goal, person, staleSince) unless it exists, before anything is
   * sent; returns the goal ids whose row this call inserted. Two workers racing get disjoint sets.
   */
  claim(
    tenantId: string,
    personId: string,
    items: readonly { goalId: string; staleSince: Date }[],
  ): Promise<readonly string[]>;
  /** Undoes a claim whose message could not be delivered, so a retry or the next slot sends it. */
  release(tenantId: string, personId: string, items: readonly { goalId: string; staleSince: Date }[]): Promise<void>;
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
  addComment(input: NewStatementComment): Promise<StatementCommentView>;
  getComment(tenantId: string, id: string): Promise<StatementCommentView | null>;
  /** An active person as a delivery target; null when unknown or deactivated. */
  recipient(tenantId: string, personId: string): Promise<PersonRef | null>;
  /** Claims the delivery row of (statement, person) before sending; see deliverStatement for the protocol. */
  claimDelivery(
    tenantId: string,
    statementId: string,
    personId: string,
    now: Date,
    leaseMs: number,
  ): Promise<DeliveryClaim>;
  /** Gives up a claim whose send failed; only while `claimedAt` is still the row's lease. */
  releaseDelivery(tenantId: string, statementId: string, personId: string, claimedAt: Date): Promise<void>;
  /** Records the send; false when the lease was taken over by another attempt meanwhile. */
  markDelivered(
    tenantId: string,
    statementId: string,
    personId: string,
    claimedAt: Date,
    sentAt: Date,
  ): Promise<boolean>;
  tally(tenantId: string, statementId: string): Promise<AckTally>;
}

/** A chat directory that can find a user by e-mail (Slack users.lookupByEmail). */
export interface Directory {
  readonly platform: Platform;
  lookupByEmail(email: string): Promise<string | null>;
}

/** Someone to reach in chat, with the ids of every platform they are linked to. */
export interface Recipient {
  readonly id: string;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
  readonly locale: Locale;
}

/** Where a message landed, so it can be updated later (e.g. a read receipt on a statement). */
export interface DeliveryReceipt {
  readonly platform: Platform;
  /** Slack: "channel:ts"; Teams: the activity id. */
  readonly ref: string;
}

/**
 * Reaches people outside a request (DMs from jobs). Implementations render the Card for each
 * platform the person is linked to; they wait out rate limits rather than drop a message.
 */
export interface Notifier {
  sendDirect(tenantId: string, recipient: Recipient, card: Card): Promise<readonly DeliveryReceipt[]>;
}

// ---------------------------------------------------------------------------------------------
// The outbox (src/delivery): core says "deliver purpose P about subject S to these people, not
// before T"; the outbox transports, and asks the purpose's renderer for the content at send time.

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

/** One person on one platform: a person on Slack and Teams gets two rows, so a retry never repeats the one that worked. */
export interface DeliveryTarget {
  readonly personId: string;
  readonly platform: Platform;
}

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
  readonly personId: string;
  readonly platform: Platform;
  readonly notBefore: Date;
  readonly payload: JsonObject | null;
}

export type RenderedDelivery =
  /** Send this card; `record` (if any) replaces the row's payload once sent: what the message contained. */
  | { readonly kind: "message"; readonly card: Card; readonly locale: Locale; readonly record?: JsonObject }
  /** Nothing to send any more (subject or person gone, a reminder made moot); the row is closed with the reason. */
  | { readonly kind: "cancel"; readonly reason: string };

/** Builds one purpose's message for one person; core decides content, the outbox only transports. */
export interface DeliveryRenderer {
  render(request: DeliveryRequest): Promise<RenderedDelivery>;
}

export type DeliveryRenderers = Readonly<Record<string, DeliveryRenderer>>;

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
