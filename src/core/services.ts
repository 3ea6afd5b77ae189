import type { Locale } from "./org/types.js";
import type {
  ChartLinks,
  Clock,
  DigestChannelRepository,
  FeedbackRepository,
  GoalRepository,
  JobQueue,
  KpiGoalRepository,
  KpiSettingsRepository,
  OrgRepository,
  Outbox,
  QualificationNeeds,
  ReminderRepository,
  StatementRepository,
  SubmissionLog,
  TenantRepository,
  TicketRepository,
  TrainingRepository,
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
  /** Service-desk tickets and the weekly KPIs computed from them. */
  readonly tickets: TicketRepository & KpiSettingsRepository & DigestChannelRepository & KpiGoalRepository;
  /** Charts for cards, served by Kurs at an unguessable URL. */
  readonly charts: ChartLinks;
  readonly trainings: TrainingRepository;
  /** Open qualification needs (from feedback talks) that trainings answer. */
  readonly qualificationNeeds: QualificationNeeds;
  readonly feedback: FeedbackRepository;
  /** Everything Kurs sends to people: planned deliveries, rendered by the feature's renderer at send time. */
  readonly outbox: Outbox;
  readonly surveys: SurveyRepository;
  /** Claims a form submission once, so a retried or double-clicked submit saves once. */
  readonly submissions: SubmissionLog;
  /** Work that continues after the answer (fan-out, notices). */
  readonly jobs: JobQueue;
  readonly clock: Clock;
  readonly defaultLocale: Locale;
}
