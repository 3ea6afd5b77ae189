import type { SlackUserInfoCache } from "../../src/chat/slack/user-info.js";
import type { GoalDeps } from "../../src/core/goals/goal-service.js";
import type { IdentifyDeps } from "../../src/core/org/identify.js";
import type { StatementDeps } from "../../src/core/statements/statement-service.js";
import type { Logger } from "../../src/logger.js";
import type { JobProducer } from "../../src/queue/job-producer.js";

export interface SlackHandlerDeps {
  readonly core: IdentifyDeps;
  readonly goals: GoalDeps;
  readonly statements: StatementDeps;
  readonly producer: JobProducer;
  readonly userInfo: SlackUserInfoCache;
  readonly log: Logger;
}
