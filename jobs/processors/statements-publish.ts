import { fanOutStatement } from "../../src/core/statements/statement-service.js";
import { type JobPayload, statementJobIds } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";
import { statementDeliveryDeps } from "./statement-deps.js";

/**
 * statements.publish: one statements.deliver job per reachable person. The delivery job ids are
 * deterministic, so a second publish of the same statement (a duplicate enqueue, a retry after a
 * crash mid-fan-out) schedules only the people the first one did not reach yet.
 */
export async function statementsPublish(
  deps: ProcessorDeps,
  payload: JobPayload<"statements.publish">,
): Promise<{ scheduled: number }> {
  const { tenantId, statementId } = payload;
  const scheduled = await fanOutStatement(statementDeliveryDeps(deps), tenantId, statementId, (personId) =>
    deps.producer.enqueue(
      "statements.deliver",
      { tenantId, statementId, personId },
      { jobId: statementJobIds.deliver(statementId, personId) },
    ),
  );
  if (scheduled === null) {
    deps.log.warn({ tenantId, statementId }, "statement to publish does not exist; nothing sent");
    return { scheduled: 0 };
  }
  deps.log.info({ tenantId, statementId, scheduled }, "statement deliveries scheduled");
  return { scheduled };
}
