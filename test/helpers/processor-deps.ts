import { WebClient } from "@slack/web-api";
import type { ProcessorDeps } from "../../jobs/processors/deps.js";
import { ChatNotifier, type NotifierDeps } from "../../src/chat/notifier.js";
import { SlackDirectory } from "../../src/chat/slack/slack-directory.js";
import { deliveryRenderers } from "../../src/core/features.js";
import type { Clock } from "../../src/core/ports.js";
import type { Database } from "../../src/db/client.js";
import { PrismaDeliveryRepository } from "../../src/db/delivery-repository.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaReminderRepository } from "../../src/db/reminder-repository.js";
import { createServices } from "../../src/db/services.js";
import { PrismaStatementRepository } from "../../src/db/statement-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { type RateLimiter, unlimited } from "../../src/delivery/rate-limit.js";
import type { Logger } from "../../src/logger.js";
import type { JobProducer } from "../../src/queue/job-producer.js";

/** What a worker gets in production, on the real database, with Slack pointed at a FakeSlack. */
export function processorDeps(
  db: Database,
  options: {
    slackApiUrl: string;
    producer: JobProducer;
    clock: Clock;
    log: Logger;
    limiter?: RateLimiter;
    teams?: NotifierDeps["teams"];
  },
): ProcessorDeps {
  const client = new WebClient("xoxb-test", { slackApiUrl: options.slackApiUrl });
  const outboxClient = new WebClient("xoxb-test", {
    slackApiUrl: options.slackApiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  const org = new PrismaOrgRepository(db.prisma);
  const tenants = new PrismaTenantRepository(db.prisma);
  const statements = new PrismaStatementRepository(db.prisma);
  const reminders = new PrismaReminderRepository(db.prisma);
  const services = createServices(db.prisma, {
    jobs: options.producer,
    clock: options.clock,
    defaultLocale: "de",
    sql: db.sql,
  });
  return {
    services,
    org,
    tenants,
    goals: { goals: new PrismaGoalRepository(db.prisma), org, clock: options.clock },
    reminders,
    statements,
    deliveries: new PrismaDeliveryRepository(db.prisma),
    // Every feature's renderers, as the worker in src/app.ts has them.
    renderers: deliveryRenderers(services),
    sender: new ChatNotifier({ slack: outboxClient, teams: options.teams, log: options.log }),
    limiter: options.limiter ?? unlimited,
    producer: options.producer,
    clock: options.clock,
    directories: { slack: new SlackDirectory(client) },
    log: options.log,
  };
}
