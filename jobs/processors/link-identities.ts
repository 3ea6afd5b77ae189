import { linkIdentitiesByEmail } from "../../src/core/org/import-org.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";

/** org.link-identities: idempotent, since people already linked are skipped. */
export async function linkIdentities(
  deps: ProcessorDeps,
  payload: JobPayload<"org.link-identities">,
): Promise<{ linked: number }> {
  const directory = deps.directories[payload.platform];
  if (!directory) {
    deps.log.info({ tenantId: payload.tenantId }, "Slack is not configured; nothing to link");
    return { linked: 0 };
  }
  const linked = await linkIdentitiesByEmail(deps.org, payload.tenantId, directory);
  deps.log.info({ tenantId: payload.tenantId, linked }, "chat identities linked by e-mail");
  return { linked };
}
