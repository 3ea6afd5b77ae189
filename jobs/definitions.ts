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
  /** Hourly per tenant: plan the check-in nudges due within the next day as delayed goals.remind jobs. */
  "goals.reminders-scan": z.object({
    tenantId: z.uuid(),
  }),
  /** One person's check-in nudge at a 09:00 slot; what it lists is decided when it runs. */
  "goals.remind": z.object({
    tenantId: z.uuid(),
    personId: z.uuid(),
    slot: z.iso.datetime(),
  }),
  /** A statement was saved: schedule one statements.deliver per reachable person. */
  "statements.publish": z.object({
    tenantId: z.uuid(),
    statementId: z.uuid(),
  }),
  /** The statement as one DM to one person; the StatementDelivery row is claimed before sending. */
  "statements.deliver": z.object({
    tenantId: z.uuid(),
    statementId: z.uuid(),
    personId: z.uuid(),
  }),
  /** Tell a statement's author about a new comment. */
  "statements.notify-comment": z.object({
    tenantId: z.uuid(),
    commentId: z.uuid(),
  }),
} as const;

export type JobName = keyof typeof jobSchemas;
export type JobPayload<N extends JobName> = z.infer<(typeof jobSchemas)[N]>;

/**
 * Per-job overrides of DEFAULT_JOB_OPTIONS. A statement DM must survive a Slack or Teams outage of
 * hours, not the default's ~75 seconds of retries: twelve attempts from 10 s doubling span ~5.7 h.
 */
export const JOB_OPTIONS: Partial<
  Record<JobName, { attempts: number; backoff: { type: "exponential"; delay: number } }>
> = {
  "statements.deliver": { attempts: 12, backoff: { type: "exponential", delay: 10_000 } },
  "statements.notify-comment": { attempts: 12, backoff: { type: "exponential", delay: 10_000 } },
};

// Deterministic job ids live next to the feature that enqueues them.
export { statementJobIds } from "../src/core/statements/statement-service.js";

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobSchemas, name);
}
