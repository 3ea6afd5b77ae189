import type { Logger } from "../logger.js";
import type { DeliveryJob } from "../queue/job-producer.js";

export interface DeliveryQueue {
  readonly ready: boolean;
  enqueueDeliveries(items: readonly DeliveryJob[]): Promise<void>;
}

/** How long the fast path may hold up a request before it leaves the rows to the sweep. */
const FAST_PATH_TIMEOUT_MS = 2_000;

export type DispatchResult = "queued" | "delayed";

/**
 * The fast path right after the commit that wrote the rows: enqueue them now if Redis is up. If it
 * is not (or does not answer in time), nothing is lost: the rows are pending in PostgreSQL and the
 * sweep enqueues them once Redis is back. "delayed" lets the caller say so instead of "failed".
 * A late add that still lands after the timeout is harmless: the job ids are the rows'.
 */
export async function dispatchDeliveries(
  queue: DeliveryQueue,
  items: readonly DeliveryJob[],
  log: Logger,
): Promise<DispatchResult> {
  if (items.length === 0) return "queued";
  if (!queue.ready) {
    log.warn({ deliveries: items.length }, "queue unreachable; deliveries wait in the outbox for the sweep");
    return "delayed";
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), FAST_PATH_TIMEOUT_MS);
    timer.unref();
  });
  try {
    const result = await Promise.race([queue.enqueueDeliveries(items).then(() => "added" as const), timeout]);
    if (result === "added") return "queued";
    log.warn({ deliveries: items.length }, "queue too slow; deliveries wait in the outbox for the sweep");
    return "delayed";
  } catch (err) {
    log.warn({ err, deliveries: items.length }, "could not queue deliveries; they wait in the outbox for the sweep");
    return "delayed";
  } finally {
    clearTimeout(timer);
  }
}
