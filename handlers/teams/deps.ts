import type { IdentifyDeps } from "../../src/core/org/identify.js";
import type { Logger } from "../../src/logger.js";

export interface TeamsHandlerDeps {
  readonly core: IdentifyDeps;
  readonly log: Logger;
  /** Emulator mode: activities without a tenant id belong to the default tenant. */
  readonly emulator: boolean;
}
