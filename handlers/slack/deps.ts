import type { SlackUserInfoCache } from "../../src/chat/slack/user-info.js";
import type { IdentifyDeps } from "../../src/core/org/identify.js";
import type { Logger } from "../../src/logger.js";

export interface SlackHandlerDeps {
  readonly core: IdentifyDeps;
  readonly userInfo: SlackUserInfoCache;
  readonly log: Logger;
}
