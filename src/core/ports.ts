import type { ImportPlan, OrgSnapshot } from "./org/import-plan.js";
import type { Locale, PersonProfile, Platform, TenantInfo } from "./org/types.js";

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
}

/** A chat directory that can find a user by e-mail (Slack users.lookupByEmail). */
export interface Directory {
  readonly platform: Platform;
  lookupByEmail(email: string): Promise<string | null>;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
