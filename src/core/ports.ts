import type { FocusTopicView, GoalView, NewCheckin, NewGoal } from "./goals/types.js";
import type { ImportPlan, OrgSnapshot } from "./org/import-plan.js";
import type { Locale, PersonProfile, PersonRef, Platform, TenantInfo, UnitNode } from "./org/types.js";
import type { Card } from "./ui/card.js";

/** What core needs from outside. Implementations live in src/db, src/chat and jobs/. */

export interface TenantRepository {
  findBySlack(teamId: string, enterpriseId?: string): Promise<TenantInfo | null>;
  findByTeams(teamsTenantId: string): Promise<TenantInfo | null>;
  findBySlug(slug: string): Promise<TenantInfo | null>;
  findById(id: string): Promise<TenantInfo | null>;
  /** Creates the tenant if missing; binds the given platform ids if they are not bound to another tenant. */
  ensure(input: EnsureTenantInput): Promise<TenantInfo>;
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

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
