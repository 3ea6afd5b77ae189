import type { JobsOptions } from "bullmq";
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

/**
 * The outbox's jobs, each with its name, payload schema, deterministic id and options in one place.
 * `delivery.send` carries only the row's id: what to send is decided by the row and its renderer
 * when the job runs. Its id is the delivery's, so the fast path, the sweep and a reminder scan
 * enqueueing the same row collapse onto one job; it is removed once done, so a row put back to
 * pending (a retry) can be enqueued again by the sweep.
 */
export const deliveryJobs = {
  send: {
    name: "delivery.send",
    schema: z.object({ tenantId: z.uuid(), deliveryId: z.uuid() }),
    jobId: (tenantId: string, deliveryId: string) => `delivery.send:${tenantId}:${deliveryId}`,
    // Retries of a failed send are the row's business (attempts, backoff, notBefore); BullMQ's
    // attempts only cover the database being away while the job runs.
    options: {
      attempts: 20,
      backoff: { type: "exponential", delay: 5_000 },
      removeOnComplete: true,
      // Also when failed (the database was away through every attempt): a kept job would swallow
      // the sweep's re-enqueue of its row under the same id. The error is in the log.
      removeOnFail: true,
    },
  },
  sweep: {
    name: "delivery.sweep",
    schema: z.object({}),
    /** The stable scheduler id: one sweep however many replicas upsert it. */
    schedulerId: "delivery.sweep",
    /** Rows enqueued per run; a longer backlog is taken by the next run. */
    batch: 2_000,
    options: { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 50 } },
  },
} as const;

export const jobSchemas = {
  /** Match people imported without a chat id to their Slack account by e-mail. */
  "org.link-identities": z.object({
    tenantId: z.uuid(),
    platform: z.literal("slack"),
  }),
  /** Hourly per tenant: plan the check-in nudges due within the next day as outbox rows (goals.reminder). */
  "goals.reminders-scan": z.object({
    tenantId: z.uuid(),
  }),
  "delivery.send": deliveryJobs.send.schema,
  "delivery.sweep": deliveryJobs.sweep.schema,
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

/** Per-job overrides of DEFAULT_JOB_OPTIONS; each job's own spec where it has one (deliveryJobs). */
export const JOB_OPTIONS: Partial<Record<JobName, JobsOptions>> = {
  "delivery.send": deliveryJobs.send.options,
  "delivery.sweep": deliveryJobs.sweep.options,
};

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobSchemas, name);
}
