import type { SlackUserInfoCache } from "../../src/chat/slack/user-info.js";
import type { Registry } from "../../src/core/features.js";
import type { Services } from "../../src/core/services.js";
import type { Logger } from "../../src/logger.js";

export interface SlackHandlerDeps {
  readonly services: Services;
  /** The feature registry every listener dispatches through (tests may pass their own). */
  readonly registry: Registry;
  readonly userInfo: SlackUserInfoCache;
  readonly log: Logger;
}
