import type { GoalDeps } from "../../src/core/goals/goal-service.js";
import type { IdentifyDeps } from "../../src/core/org/identify.js";
import type { StatementDeps } from "../../src/core/statements/statement-service.js";
import type { TeamsConversationRepository } from "../../src/db/teams-conversation-repository.js";
import type { Logger } from "../../src/logger.js";
import type { JobProducer } from "../../src/queue/job-producer.js";

export interface TeamsHandlerDeps {
  readonly core: IdentifyDeps;
  readonly goals: GoalDeps;
  readonly statements: StatementDeps;
  /** For handlers whose work continues in a job (a statement's fan-out). */
  readonly producer: JobProducer;
  /** Every message from a known person refreshes where Kurs can reach them proactively. */
  readonly conversations: TeamsConversationRepository;
  readonly log: Logger;
  /** Emulator mode: activities without a tenant id belong to the default tenant. */
  readonly emulator: boolean;
}
