import { type DeliveryOutcome, deliverStatement } from "../../src/core/statements/statement-service.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";
import { statementDeliveryDeps } from "./statement-deps.js";

/**
 * statements.deliver: one statement DM. The claim protocol that keeps retries and duplicates from
 * sending twice is documented on deliverStatement; a thrown error (send failed, row busy) makes
 * BullMQ retry with the backoff of JOB_OPTIONS.
 */
export async function statementsDeliver(
  deps: ProcessorDeps,
  payload: JobPayload<"statements.deliver">,
): Promise<{ outcome: DeliveryOutcome }> {
  const outcome = await deliverStatement(statementDeliveryDeps(deps), payload);
  const context = { tenantId: payload.tenantId, statementId: payload.statementId, personId: payload.personId, outcome };
  if (outcome === "sent-lease-lost") {
    deps.log.warn(context, "statement sent after this attempt's lease ran out; another attempt may have sent it too");
  } else if (outcome === "unreachable") {
    deps.log.info(context, "person has no chat Kurs can reach yet; statement not delivered");
  } else {
    deps.log.debug(context, "statement delivery done");
  }
  return { outcome };
}
