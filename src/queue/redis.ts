import { Redis } from "ioredis";
import type { Logger } from "../logger.js";

export type RedisRole = "producer" | "worker";

/**
 * Producer and worker get separate connections: a worker blocks on BRPOPLPUSH-style commands,
 * and a producer must fail fast (enableOfflineQueue: false) instead of hanging a Slack ack
 * while Redis is away. Both reconnect forever with a capped backoff: no crash loop.
 */
export function createRedis(url: string, role: RedisRole, log: Logger): Redis {
  const redis = new Redis(url, {
    lazyConnect: false,
    connectionName: `kurs-${role}`,
    maxRetriesPerRequest: role === "worker" ? null : 1,
    enableOfflineQueue: role === "worker",
    retryStrategy: (attempt) => Math.min(500 * 2 ** Math.min(attempt, 4), 5_000),
  });
  let down = false;
  redis.on("error", (err: NodeJS.ErrnoException) => {
    if (down) return;
    down = true;
    log.error(
      { err: { message: err.message, code: err.code }, redisUrl: redactUrl(url), role },
      `Redis at ${redactUrl(url)} is unreachable. Start one (e.g. \`redis-server\` or \`docker compose up -d redis\`) or set REDIS_URL; Kurs keeps retrying.`,
    );
  });
  redis.on("ready", () => {
    if (down) log.info({ redisUrl: redactUrl(url), role }, "Redis is reachable again");
    down = false;
  });
  return redis;
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]+@/, "//$1:…@");
}

export async function pingRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  if (redis.status !== "ready") throw new Error(`redis connection is ${redis.status}`);
  await Promise.race([
    redis.ping(),
    new Promise((_, reject) => setTimeout(() => reject(new Error("redis ping timed out")), timeoutMs).unref()),
  ]);
}

/** QUIT when connected (flushes pending replies); otherwise drop the socket, since QUIT would wait for a reconnect. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "ready") {
    await redis.quit().catch(() => redis.disconnect());
  } else {
    redis.disconnect();
  }
}
