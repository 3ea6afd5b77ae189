import type { Registry } from "../../src/core/features.js";
import type { Services } from "../../src/core/services.js";
import type { TeamsConversationRepository } from "../../src/db/teams-conversation-repository.js";
import type { Logger } from "../../src/logger.js";

export interface TeamsHandlerDeps {
  readonly services: Services;
  /** The feature registry every route dispatches through (tests may pass their own). */
  readonly registry: Registry;
  /** Every message from a known person refreshes where Kurs can reach them proactively. */
  readonly conversations: TeamsConversationRepository;
  readonly log: Logger;
  /** Emulator mode: activities without a tenant id belong to the default tenant. */
  readonly emulator: boolean;
}
