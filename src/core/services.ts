import type { Locale } from "./org/types.js";
import type {
  Clock,
  GoalRepository,
  JobQueue,
  OrgRepository,
  ReminderRepository,
  StatementRepository,
  SubmissionLog,
  TenantRepository,
} from "./ports.js";
import type { SurveyRepository } from "./surveys/ports.js";

/**
 * What every handler can use, built once at the composition root (src/app.ts). A new capability
 * adds its repository here; its handlers then reach it as `ctx.services.<name>`.
 */
export interface Services {
  readonly tenants: TenantRepository;
  readonly org: OrgRepository;
  readonly goals: GoalRepository;
  readonly reminders: ReminderRepository;
  readonly statements: StatementRepository;
  readonly surveys: SurveyRepository;
  /** Claims a form submission once, so a retried or double-clicked submit saves once. */
  readonly submissions: SubmissionLog;
  /** Work that continues after the answer (fan-out, notices). */
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
}
