import type { JobName, JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";
import { goalsRemind } from "./goals-remind.js";
import { goalsRemindersScan } from "./goals-reminders-scan.js";
import { linkIdentities } from "./link-identities.js";
import { statementsDeliver } from "./statements-deliver.js";
import { statementsNotifyComment } from "./statements-notify-comment.js";
import { statementsPublish } from "./statements-publish.js";

export type { ProcessorDeps } from "./deps.js";

type Processors = { readonly [N in JobName]: (deps: ProcessorDeps, payload: JobPayload<N>) => Promise<unknown> };

export const processors: Processors = {
  "org.link-identities": linkIdentities,
  "goals.reminders-scan": goalsRemindersScan,
  "goals.remind": goalsRemind,
  "statements.publish": statementsPublish,
  "statements.deliver": statementsDeliver,
  "statements.notify-comment": statementsNotifyComment,
};
