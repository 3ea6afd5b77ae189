import { WebClient } from "@slack/web-api";
import type { ProcessorDeps } from "../../jobs/processors/deps.js";
import { ChatNotifier } from "../../src/chat/notifier.js";
import { SlackDirectory } from "../../src/chat/slack/slack-directory.js";
import type { Clock } from "../../src/core/ports.js";
import type { Database } from "../../src/db/client.js";
import { PrismaGoalRepository } from "../../src/db/goal-repository.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaReminderRepository } from "../../src/db/reminder-repository.js";
import { createServices } from "../../src/db/services.js";
import { PrismaStatementRepository } from "../../src/db/statement-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import type { Logger } from "../../src/logger.js";
import type { JobProducer } from "../../src/queue/job-producer.js";

/** What a worker gets in production, on the real database, with Slack pointed at a FakeSlack. */
export function processorDeps(
  db: Database,
  options: { slackApiUrl: string; producer: JobProducer; clock: Clock; log: Logger },
): ProcessorDeps {
  const client = new WebClient("xoxb-test", { slackApiUrl: options.slackApiUrl });
  const org = new PrismaOrgRepository(db.prisma);
  return {
    services: createServices(db.prisma, { jobs: options.producer, clock: options.clock, defaultLocale: "de" }),
    org,
    tenants: new PrismaTenantRepository(db.prisma),
    goals: { goals: new PrismaGoalRepository(db.prisma), org, clock: options.clock },
    reminders: new PrismaReminderRepository(db.prisma),
    statements: new PrismaStatementRepository(db.prisma),
    notifier: new ChatNotifier({ slack: client, log: options.log }),
    producer: options.producer,
    clock: options.clock,
    directories: { slack: new SlackDirectory(client) },
    log: options.log,
  };
}
