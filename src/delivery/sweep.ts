import type { Clock } from "../core/ports.js";
import type { DeliveryQueue } from "./dispatch.js";
import type { DeliveryStore } from "./types.js";

/**
 * The sweep (job `delivery.sweep`, every 30 s): enqueues every row that is pending and due, or
 * claimed under a lease that ran out, in one addBulk. Rows whose job is still queued collapse onto
 * it (job id = row id). This is what turns "Redis was down" into "sent later" instead of "lost".
 */
export async function sweepDeliveries(
  deps: { readonly store: DeliveryStore; readonly queue: DeliveryQueue; readonly clock: Clock },
  batch: number,
  tenantId?: string,
): Promise<{ enqueued: number }> {
  const due = await deps.store.due(deps.clock.now(), batch, tenantId);
  await deps.queue.enqueueDeliveries(due.map((row) => ({ tenantId: row.tenantId, deliveryId: row.id })));
  return { enqueued: due.length };
}
