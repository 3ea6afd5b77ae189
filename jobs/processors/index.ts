import type { JobName, JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";
import { linkIdentities } from "./link-identities.js";

export type { ProcessorDeps } from "./deps.js";

type Processors = { readonly [N in JobName]: (deps: ProcessorDeps, payload: JobPayload<N>) => Promise<unknown> };

export const processors: Processors = {
  "org.link-identities": linkIdentities,
};
