import { sweepDeliveries } from "../../src/delivery/sweep.js";
import { deliveryJobs, type JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";

/** delivery.sweep: enqueues what the outbox holds that is due (rows written while Redis was away, retries). */
export async function deliverySweep(
  deps: ProcessorDeps,
  _payload: JobPayload<"delivery.sweep">,
): Promise<{ enqueued: number }> {
  const result = await sweepDeliveries(
    { store: deps.deliveries, queue: deps.producer, clock: deps.clock },
    deliveryJobs.sweep.batch,
  );
  if (result.enqueued > 0) deps.log.info(result, "outbox sweep enqueued due deliveries");
  return result;
}
