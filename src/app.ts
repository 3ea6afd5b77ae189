import type { Server } from "node:http";
import { WebClient } from "@slack/web-api";
import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { registerSlackHandlers } from "../handlers/slack/index.js";
import { registerTeamsHandlers } from "../handlers/teams/index.js";
import { deliveryJobs } from "../jobs/definitions.js";
import { tenantSchedules, upsertSchedules } from "../jobs/schedules.js";
import { createWorker } from "../jobs/worker-runtime.js";
import { ChatNotifier } from "./chat/notifier.js";
import { createSlackApp, type SlackTransport } from "./chat/slack/create-slack-app.js";
import { SlackDirectory } from "./chat/slack/slack-directory.js";
import { SlackUserInfoCache } from "./chat/slack/user-info.js";
import { createTeamsApp } from "./chat/teams/create-teams-app.js";
import type { Config } from "./config.js";
import { deliveryRenderers, registry } from "./core/features.js";
import type { TenantInfo } from "./core/org/types.js";
import { type Clock, systemClock } from "./core/ports.js";
import type { Services } from "./core/services.js";
import { PrismaChartLinks } from "./db/chart-links.js";
import { type Database, openDatabase } from "./db/client.js";
import { PrismaDeliveryRepository } from "./db/delivery-repository.js";
import { PrismaOrgRepository } from "./db/org-repository.js";
import { createServices } from "./db/services.js";
import { PrismaSurveyRepository } from "./db/survey-repository.js";
import { TeamsConversationRepository } from "./db/teams-conversation-repository.js";
import { PrismaTenantRepository } from "./db/tenant-repository.js";
import { PrismaTicketRepository } from "./db/ticket-repository.js";
import { RedisRateLimiter } from "./delivery/rate-limit.js";
import type { Logger } from "./logger.js";
import { JobProducer } from "./queue/job-producer.js";
import { closeRedis, createRedis, pingRedis } from "./queue/redis.js";
import { mountChartRoute } from "./web/chart-route.js";
import { createWebApp, errorHandler } from "./web/server.js";
import { mountSurveyPages } from "./web/survey-pages.js";
import { mountTeamsEndpoint } from "./web/teams-endpoint.js";
import { mountTicketWebhook } from "./web/ticket-webhook.js";

export const DEFAULT_TENANT_SLUG = "default";

export interface KursOptions {
  /** Run a BullMQ worker in this process (`npm start` does; `npm run worker` runs only that). */
  readonly worker: boolean;
  readonly web: boolean;
  /** Tests pass a controllable clock; production uses the system clock. */
  readonly clock?: Clock;
}

export interface Kurs {
  readonly db: Database;
  readonly tenant: TenantInfo;
  readonly producer: JobProducer;
  /** The core services the transports share (tests read the outbox's planned deliveries through it). */
  readonly services: Services;
  /** Listens on config.port (0 = any free port); resolves with the bound port. */
  listen(): Promise<number>;
  stop(): Promise<void>;
}

/** The composition root: config -> db -> core services -> transports -> jobs. */
export async function createKurs(config: Config, log: Logger, options: KursOptions): Promise<Kurs> {
  const db = await openDatabase(config.database, { log: log.child({ component: "db" }) });
  const stops: { name: string; run: () => Promise<unknown> }[] = [];
  try {
    const migrated = await db.migrate();
    log.info({ database: db.kind, applied: migrated.applied.length }, "database ready");
    const tenants = new PrismaTenantRepository(db.prisma);
    const org = new PrismaOrgRepository(db.prisma);
    const clock = options.clock ?? systemClock;
    const conversations = new TeamsConversationRepository(db.prisma);

    // Single-workspace mode: one tenant, created at start and bound to the configured workspace.
    let tenant = await tenants.ensure({
      slug: DEFAULT_TENANT_SLUG,
      name: config.tenantName,
      defaultLocale: config.defaultLocale,
      teamsTenantId: config.teams.appTenantId,
    });

    const producerRedis = createRedis(config.redisUrl, "producer", log.child({ component: "redis" }));
    stops.push({ name: "producer redis", run: () => closeRedis(producerRedis) });
    const producer = new JobProducer(producerRedis, config.queuePrefix, log.child({ component: "outbox" }));
    // Connection problems are logged once per outage by createRedis; BullMQ's own copies are noise.
    producer.queue.on("error", (err) => log.debug({ err }, "queue error"));
    stops.unshift({ name: "producer", run: () => producer.close() });

    const services: Services = createServices(db.prisma, {
      jobs: producer,
      clock,
      defaultLocale: config.defaultLocale,
      sql: db.sql,
      publicUrl: config.publicUrl,
    });

    const web = createWebApp(
      [
        { name: "database", check: () => db.ping() },
        { name: "redis", check: () => pingRedis(producerRedis) },
      ],
      log.child({ component: "web" }),
    );

    let slack: SlackTransport | undefined;
    let slackDirectory: SlackDirectory | undefined;
    if (options.web && config.slack) {
      slack = createSlackApp(config.slack, web, log.child({ transport: "slack" }));
      slackDirectory = new SlackDirectory(slack.app.client);
      registerSlackHandlers(slack.app, {
        services,
        registry,
        userInfo: new SlackUserInfoCache(slack.app.client),
        log: log.child({ transport: "slack" }),
      });
      tenant = await bindSlackWorkspace(slack, tenants, tenant, log);
    } else if (options.web) {
      log.info(
        "Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or SLACK_APP_TOKEN) to connect a workspace",
      );
    }

    // Teams' adapter is needed by the worker too: proactive messages go through it.
    const teams = config.teams.enabled ? createTeamsApp(config.teams, log.child({ transport: "teams" })) : undefined;
    if (options.web && teams) {
      registerTeamsHandlers(teams.app, {
        services,
        registry,
        conversations,
        log: log.child({ transport: "teams" }),
        emulator: teams.emulator,
      });
      mountTeamsEndpoint(web, teams, log.child({ transport: "teams" }));
      if (teams.emulator) {
        log.warn("Teams runs in emulator mode (no MICROSOFT_APP_ID): /api/messages accepts loopback callers only");
      }
    } else if (options.web) {
      log.info("Teams is off (TEAMS_ENABLED=false)");
    }
    if (options.web) {
      mountSurveyPages(web, {
        surveys: new PrismaSurveyRepository(db.prisma),
        clock,
        log: log.child({ component: "survey-pages" }),
      });
      mountChartRoute(web, {
        charts: new PrismaChartLinks(db.prisma, config.publicUrl, clock),
        clock,
        log: log.child({ component: "charts" }),
      });
      mountTicketWebhook(web, {
        tenants,
        tickets: new PrismaTicketRepository(db.prisma, db.sql),
        clock,
        log: log.child({ component: "webhooks" }),
      });
    }
    web.use(errorHandler(log.child({ component: "web" })));

    let worker: Worker | undefined;
    let workerRedis: Redis | undefined;
    if (options.worker) {
      workerRedis = createRedis(config.redisUrl, "worker", log.child({ component: "redis" }));
      const wr = workerRedis;
      const slackClient = config.slack ? (slack?.app.client ?? workerSlackClient(config)) : undefined;
      const teamsSend = teams
        ? {
            adapter: teams.adapter,
            appId: config.teams.appId ?? "",
            conversations,
            defaultServiceUrl: config.teams.serviceUrl,
          }
        : undefined;
      // The outbox's own Slack client hands 429s back (with Retry-After) instead of sleeping in the
      // worker, and retries network errors only briefly: the outbox owns the longer retries.
      const sender = new ChatNotifier({
        slack: config.slack ? outboxSlackClient(config) : undefined,
        teams: teamsSend,
        log: log.child({ component: "outbox" }),
      });
      worker = createWorker(
        wr,
        config.queuePrefix,
        {
          services,
          org,
          tenants,
          goals: { goals: services.goals, org, clock },
          reminders: services.reminders,
          statements: services.statements,
          deliveries: new PrismaDeliveryRepository(db.prisma),
          renderers: deliveryRenderers(services),
          sender,
          limiter: new RedisRateLimiter(producerRedis, config.queuePrefix, config.outbox),
          producer,
          clock,
          directories: slackClient ? { slack: slackDirectory ?? new SlackDirectory(slackClient) } : {},
          log: log.child({ component: "worker" }),
        },
        config.workerConcurrency,
      );
      const w = worker;
      stops.unshift(
        { name: "worker", run: () => drainWorker(w, wr, log) },
        { name: "worker redis", run: () => closeRedis(wr) },
      );
      // Schedules are upserted by stable id, so every replica doing it leaves one schedule.
      registerSchedules(producer, tenants, tenant, Boolean(config.slack), config.outbox.sweepSeconds).catch(
        (err: unknown) =>
          log.warn({ err }, "could not register recurring jobs yet; they are registered at the next start"),
      );
    }

    let server: Server | undefined;
    return {
      db,
      tenant,
      producer,
      services,
      async listen() {
        if (slack?.socketMode) await slack.app.start();
        return new Promise<number>((resolve, reject) => {
          const s = web.listen(config.port, () => {
            const address = s.address();
            const port = typeof address === "object" && address ? address.port : config.port;
            log.info({ port, slack: slack ? (slack.socketMode ? "socket mode" : "http") : "off" }, "Kurs is listening");
            resolve(port);
          });
          s.on("error", reject);
          server = s;
        });
      },
      async stop() {
        // Stop taking requests, let running jobs finish, then close connections.
        if (server) {
          const s = server;
          await new Promise<void>((resolve) => s.close(() => resolve()));
          s.closeAllConnections?.();
        }
        if (slack?.socketMode) await slack.app.stop();
        for (const stop of stops) {
          log.debug({ step: stop.name }, "stopping");
          await stop.run();
        }
        await db.close();
      },
    };
  } catch (err) {
    for (const stop of stops) await stop.run().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw err;
  }
}

/**
 * The default tenant's schedules, and the tenant-wide ones (reminder scans) of every other tenant:
 * a tenant created later gets them at the next start of any replica. This process's Slack
 * workspace is the default tenant's, so only that one links identities through it.
 */
async function registerSchedules(
  producer: JobProducer,
  tenants: PrismaTenantRepository,
  tenant: TenantInfo,
  slack: boolean,
  sweepSeconds: number,
): Promise<void> {
  // One sweep for every tenant (each row it enqueues carries its tenantId), so a tenant created
  // while Kurs runs is swept without a restart.
  const sweep = deliveryJobs.sweep;
  if (sweepSeconds > 0) {
    await producer.queue.upsertJobScheduler(
      sweep.schedulerId,
      { every: sweepSeconds * 1000 },
      { name: sweep.name, data: {}, opts: { ...sweep.options } },
    );
  } else {
    await producer.queue.removeJobScheduler(sweep.schedulerId);
  }
  await upsertSchedules(producer.queue, tenant, tenantSchedules(tenant, { slack }));
  for (const other of await tenants.all()) {
    if (other.id !== tenant.id) await upsertSchedules(producer.queue, other, tenantSchedules(other, { slack: false }));
  }
}

/**
 * Lets running jobs finish. With Redis away a graceful close would wait for a reconnect that may
 * never come; the jobs it holds are then re-run after their lock expires (at-least-once, idempotent).
 */
async function drainWorker(worker: Worker, redis: Redis, log: Logger, graceMs = 20_000): Promise<void> {
  if (redis.status !== "ready") {
    await worker.close(true);
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), graceMs);
  });
  const result = await Promise.race([worker.close().then(() => "closed" as const), timedOut]);
  clearTimeout(timer);
  if (result === "timeout") {
    log.warn({ graceMs }, "jobs still running after the grace period; closing the worker anyway");
    await worker.close(true);
  }
}

async function bindSlackWorkspace(
  slack: SlackTransport,
  tenants: PrismaTenantRepository,
  tenant: TenantInfo,
  log: Logger,
): Promise<TenantInfo> {
  try {
    const auth = await slack.app.client.auth.test();
    if (!auth.team_id) return tenant;
    return await tenants.ensure({
      slug: tenant.slug,
      name: tenant.name,
      slackTeamId: auth.team_id,
      slackEnterpriseId: auth.enterprise_id,
    });
  } catch (err) {
    log.warn({ err }, "Slack auth.test failed; the workspace is bound at the next start. Check SLACK_BOT_TOKEN.");
    return tenant;
  }
}

function outboxSlackClient(config: Config): WebClient {
  const apiUrl = config.slack?.apiUrl;
  return new WebClient(config.slack?.botToken, {
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500 },
    ...(apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {}),
  });
}

function workerSlackClient(config: Config): WebClient {
  const apiUrl = config.slack?.apiUrl;
  return new WebClient(
    config.slack?.botToken,
    apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {},
  );
}
