import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import {
  DEFAULT_JOB_OPTIONS,
  deliveryJobs,
  isJobName,
  JOB_OPTIONS,
  type JobName,
  type JobPayload,
  jobSchemas,
  QUEUE_NAME,
} from "../../jobs/definitions.js";
import { registry } from "../core/features.js";
import type { JobQueue, JobRequest } from "../core/ports.js";
import { dispatchDeliveries } from "../delivery/dispatch.js";
import { KursError } from "../errors.js";
import { createLogger, type Logger } from "../logger.js";

const silentLogger = createLogger("silent");

/** One outbox row to enqueue; `delayMs` for a row due later (a reminder's 09:00 slot). */
export interface DeliveryJob {
  readonly tenantId: string;
  readonly deliveryId: string;
  readonly delayMs?: number;
}

export class JobProducer implements JobQueue {
  readonly queue: Queue;

  constructor(
    private readonly connection: Redis,
    prefix: string,
    /** Where the fast path says that deliveries wait for the sweep. */
    private readonly log: Logger = silentLogger,
  ) {
    this.queue = new Queue(QUEUE_NAME, { connection, prefix, defaultJobOptions: { ...DEFAULT_JOB_OPTIONS } });
  }

  /** Whether Redis answers right now; the producer's connection fails fast instead of queueing in memory. */
  get ready(): boolean {
    return this.connection.status === "ready";
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

  dispatchDeliveries(tenantId: string, deliveryIds: readonly string[]): Promise<"queued" | "delayed"> {
    return dispatchDeliveries(
      this,
      deliveryIds.map((deliveryId) => ({ tenantId, deliveryId })),
      this.log.child({ tenantId }),
    );
  }

  /** One addBulk for many outbox rows; the job id is the row's, so rows already queued collapse. */
  async enqueueDeliveries(items: readonly DeliveryJob[]): Promise<void> {
    if (items.length === 0) return;
    const spec = deliveryJobs.send;
    await this.queue.addBulk(
      items.map((item) => ({
        name: spec.name,
        data: spec.schema.parse({ tenantId: item.tenantId, deliveryId: item.deliveryId }),
        opts: {
          ...spec.options,
          jobId: spec.jobId(item.tenantId, item.deliveryId),
          ...(item.delayMs && item.delayMs > 0 ? { delay: item.delayMs } : {}),
        },
      })),
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
