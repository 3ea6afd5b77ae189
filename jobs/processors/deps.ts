import type { GoalDeps } from "../../src/core/goals/goal-service.js";
import type {
  Clock,
  DeliveryRenderers,
  Directory,
  OrgRepository,
  Outbox,
  ReminderRepository,
  StatementRepository,
  TenantRepository,
} from "../../src/core/ports.js";
import type { Services } from "../../src/core/services.js";
import type { RateLimiter } from "../../src/delivery/rate-limit.js";
import type { ChatSender, DeliveryStore } from "../../src/delivery/types.js";
import type { Logger } from "../../src/logger.js";
import type { JobProducer } from "../../src/queue/job-producer.js";

export interface ProcessorDeps {
  /** What feature jobs (declared in their feature module) run with. */
  readonly services: Services;
  readonly org: OrgRepository;
  readonly tenants: TenantRepository;
  readonly goals: GoalDeps;
  readonly reminders: ReminderRepository;
  readonly statements: StatementRepository;
  /** The outbox table: rows to plan, claim and close. */
  readonly deliveries: DeliveryStore & Outbox;
  /** Per purpose ("statements.statement", "goals.reminder"): builds the message when it is sent. */
  readonly renderers: DeliveryRenderers;
  /** Sends on exactly one platform. */
  readonly sender: ChatSender;
  readonly limiter: RateLimiter;
  /** For processors that fan out into further jobs. */
  readonly producer: JobProducer;
  readonly clock: Clock;
  readonly directories: { readonly slack?: Directory };
  readonly log: Logger;
}
