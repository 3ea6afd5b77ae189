import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import { deleteKeys } from "./redis-keys.js";

/**
 * A queue prefix of its own for one test, under this run's prefix (global-setup provides it), so
 * the run's teardown can check that every test removed its BullMQ keys.
 */
export function testQueuePrefix(): string {
  return `${inject("queuePrefix")}-${randomUUID().slice(0, 8)}`;
}

/**
 * Deletes a test's queue keys once its producers, workers and listeners are closed. Deleting by
 * prefix also removes what obliterate() leaves: job schedulers, metrics, the events stream.
 */
export function deleteQueueKeys(prefix: string): Promise<number> {
  return deleteKeys(inject("redisUrl"), `${prefix}:*`);
}
