import type { GoalDeps } from "../../src/core/goals/goal-service.js";
import type {
  Clock,
  Directory,
  Notifier,
  OrgRepository,
  ReminderRepository,
  StatementRepository,
  TenantRepository,
} from "../../src/core/ports.js";
import type { Services } from "../../src/core/services.js";
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
  readonly notifier: Notifier;
  /** For processors that fan out into further jobs. */
  readonly producer: JobProducer;
  readonly clock: Clock;
  readonly directories: { readonly slack?: Directory };
  readonly log: Logger;
}
