import type { GoalDeps } from "../../src/core/goals/goal-service.js";
import type { IdentifyDeps } from "../../src/core/org/identify.js";
import type { TeamsConversationRepository } from "../../src/db/teams-conversation-repository.js";
import type { Logger } from "../../src/logger.js";

export interface TeamsHandlerDeps {
  readonly core: IdentifyDeps;
  readonly goals: GoalDeps;
  /** Every message from a known person refreshes where Kurs can reach them proactively. */
  readonly conversations: TeamsConversationRepository;
  readonly log: Logger;
  /** Emulator mode: activities without a tenant id belong to the default tenant. */
  readonly emulator: boolean;
}
