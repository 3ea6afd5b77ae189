import { type DeliverOutcome, deliverOne } from "../../src/delivery/deliver.js";
import { DeferJob } from "../defer.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";

/**
 * delivery.send: one outbox row on its one platform (protocol on deliverOne). "later" keeps the job
 * (same id) delayed until the row is due, its lease runs out or the rate limit allows; everything
 * else completes the job, because the row itself now says what happened.
 */
export async function deliverySend(
  deps: ProcessorDeps,
  payload: JobPayload<"delivery.send">,
): Promise<{ outcome: DeliverOutcome["kind"] }> {
  const outcome = await deliverOne(
    {
      store: deps.deliveries,
      renderers: deps.renderers,
      sender: deps.sender,
      limiter: deps.limiter,
      clock: deps.clock,
      log: deps.log,
    },
    payload,
  );
  const context = { tenantId: payload.tenantId, deliveryId: payload.deliveryId, outcome: outcome.kind };
  switch (outcome.kind) {
    case "later":
      throw new DeferJob(outcome.at, outcome.why);
    case "sent":
      if (outcome.leaseLost) {
        deps.log.warn(context, "sent after this attempt's lease ran out; another attempt may have sent it too");
      } else {
        deps.log.debug(context, "delivered");
      }
      break;
    case "unreachable":
    case "failed":
      deps.log.warn({ ...context, reason: outcome.reason }, "delivery given up");
      break;
    case "cancelled":
      deps.log.info({ ...context, reason: outcome.reason }, "delivery cancelled");
      break;
    default:
      deps.log.debug(context, "delivery already done");
  }
  return { outcome: outcome.kind };
}
