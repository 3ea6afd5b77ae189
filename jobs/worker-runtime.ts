import { DelayedError, type Job, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { registry } from "../src/core/features.js";
import type { Logger } from "../src/logger.js";
import { DeferJob } from "./defer.js";
import { isJobName, type JobName, jobSchemas, QUEUE_NAME } from "./definitions.js";
import { type ProcessorDeps, processors } from "./processors/index.js";

/** Creates the BullMQ worker; `close()` waits for running jobs, which is how SIGTERM drains. */
export function createWorker(connection: Redis, prefix: string, deps: ProcessorDeps, concurrency: number): Worker {
  const worker = new Worker(
    QUEUE_NAME,
    async (job: Job, token?: string) => {
      const log = deps.log.child({ jobId: job.id, job: job.name });
      try {
        if (isJobName(job.name)) return await dispatch(job.name, job, log, deps);
        const decl = registry.job(job.name);
        if (!decl) throw new UnrecoverableError(`unknown job ${job.name}`);
        const parsed = decl.schema.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}: ${parsed.error.message}`);
        return await decl.run(deps.services, parsed.data);
      } catch (err) {
        if (!(err instanceof DeferJob)) throw err;
        // At least a second later: a row whose time has just come is not spun on.
        await job.moveToDelayed(Math.max(err.until.getTime(), Date.now() + 1_000), token);
        throw new DelayedError();
      }
    },
    { connection, prefix, concurrency, autorun: true },
  );
  worker.on("failed", (job, err) =>
    deps.log.error({ err, jobId: job?.id, job: job?.name, attempts: job?.attemptsMade }, "job failed"),
  );
  // Connection errors are reported by the Redis connection itself (src/queue/redis.ts).
  worker.on("error", (err) => deps.log.debug({ err }, "worker error"));
  return worker;
}

async function dispatch<N extends JobName>(name: N, job: Job, log: Logger, deps: ProcessorDeps): Promise<unknown> {
  const parsed = jobSchemas[name].safeParse(job.data);
  // A payload that does not parse will not parse on retry either.
  if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${name}: ${parsed.error.message}`);
  const processor = processors[name] as (d: ProcessorDeps, p: unknown) => Promise<unknown>;
  return processor({ ...deps, log }, parsed.data);
}
