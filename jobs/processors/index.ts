import type { JobName, JobPayload } from "../definitions.js";
import { deliverySend } from "./delivery-send.js";
import { deliverySweep } from "./delivery-sweep.js";
import type { ProcessorDeps } from "./deps.js";
import { goalsRemindersScan } from "./goals-reminders-scan.js";
import { linkIdentities } from "./link-identities.js";

export type { ProcessorDeps } from "./deps.js";

type Processors = { readonly [N in JobName]: (deps: ProcessorDeps, payload: JobPayload<N>) => Promise<unknown> };

export const processors: Processors = {
  "org.link-identities": linkIdentities,
  "goals.reminders-scan": goalsRemindersScan,
  "delivery.send": deliverySend,
  "delivery.sweep": deliverySweep,
};
