import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import {
  DEFAULT_JOB_OPTIONS,
  isJobName,
  JOB_OPTIONS,
  type JobName,
  type JobPayload,
  jobSchemas,
  QUEUE_NAME,
} from "../../jobs/definitions.js";
import { registry } from "../core/features.js";
import type { JobQueue, JobRequest } from "../core/ports.js";
import { KursError } from "../errors.js";

export class JobProducer implements JobQueue {
  readonly queue: Queue;

  constructor(connection: Redis, prefix: string) {
    this.queue = new Queue(QUEUE_NAME, { connection, prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS } });
  }

  /** Validates the payload against the job's schema before it reaches Redis; `jobId` makes retries collapse. */
  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayload<N>,
    options: { jobId: string; delayMs?: number },
  ): Promise<void> {
    const parsed = jobSchemas[name].safeParse(payload);
    if (!parsed.success) {
      throw new KursError("JOB_PAYLOAD_INVALID", `invalid payload for ${name}: ${parsed.error.message}`, {
        cause: parsed.error,
      });
    }
    await this.queue.add(name, parsed.data, { ...JOB_OPTIONS[name], jobId: options.jobId, delay: options.delayMs });
  }

  /** The JobQueue port for core: the name must be a known job; its payload is checked like enqueue's. */
  async add(job: JobRequest): Promise<void> {
    if (isJobName(job.name)) {
      await this.enqueue(job.name, job.payload as JobPayload<typeof job.name>, {
        jobId: job.jobId,
        delayMs: job.delayMs,
      });
      return;
    }
    const decl = registry.job(job.name);
    if (!decl) throw new KursError("JOB_UNKNOWN", `no job named ${job.name}`);
    const parsed = decl.schema.safeParse(job.payload);
    if (!parsed.success) {
      throw new KursError("JOB_PAYLOAD_INVALID", `invalid payload for ${job.name}: ${parsed.error.message}`, {
        cause: parsed.error,
      });
    }
    const retry = decl.retry
      ? { attempts: decl.retry.attempts, backoff: { type: "exponential", delay: decl.retry.firstDelayMs } }
      : {};
    await this.queue.add(job.name, parsed.data, { ...retry, jobId: job.jobId, delay: job.delayMs });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
