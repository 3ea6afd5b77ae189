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
  add(job: JobRequest): Promise<void> {
    if (!isJobName(job.name)) {
      return Promise.reject(new KursError("JOB_UNKNOWN", `no job named ${job.name}`));
    }
    return this.enqueue(job.name, job.payload as JobPayload<typeof job.name>, {
      jobId: job.jobId,
      delayMs: job.delayMs,
    });
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
