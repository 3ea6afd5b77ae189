import { z } from "zod/v4";

/** The queue all Kurs jobs share; job names are `domain.verb`. */
export const QUEUE_NAME = "kurs";

/**
 * BullMQ is at-least-once: a job may run twice (worker crash, stalled lock). Every processor is
 * idempotent, and every producer passes a deterministic jobId so duplicates collapse at enqueue.
 */
export const DEFAULT_JOB_OPTIONS = Object.freeze({
  attempts: 5,
  backoff: Object.freeze({ type: "exponential", delay: 5_000 }),
  removeOnComplete: Object.freeze({ age: 24 * 3600, count: 1_000 }),
  removeOnFail: Object.freeze({ age: 7 * 24 * 3600 }),
});

export const jobSchemas = {
  /** Match people imported without a chat id to their Slack account by e-mail. */
  "org.link-identities": z.object({
    tenantId: z.uuid(),
    platform: z.literal("slack"),
  }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobSchemas, name);
}
