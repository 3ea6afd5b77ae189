import type { Locale } from "../core/org/types.js";
import type { Clock, JobQueue } from "../core/ports.js";
import type { Services } from "../core/services.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { PrismaDeliveryRepository } from "./delivery-repository.js";
import { PrismaFeedbackRepository } from "./feedback-repository.js";
import { PrismaGoalRepository } from "./goal-repository.js";
import { PrismaOrgRepository } from "./org-repository.js";
import { PrismaQualificationNeeds } from "./qualification-need-repository.js";
import { PrismaReminderRepository } from "./reminder-repository.js";
import { PrismaStatementRepository } from "./statement-repository.js";
import { PrismaSubmissionLog } from "./submission-repository.js";
import { PrismaSurveyRepository } from "./survey-repository.js";
import { PrismaTenantRepository } from "./tenant-repository.js";
import { PrismaTrainingRepository } from "./training-repository.js";

/** The services every handler and feature job uses, on one Prisma client. */
export function createServices(
  prisma: PrismaClient,
  options: {
    readonly jobs: JobQueue;
    readonly clock: Clock;
    readonly defaultLocale: Locale;
  },
): Services {
  return {
    tenants: new PrismaTenantRepository(prisma),
    org: new PrismaOrgRepository(prisma),
    goals: new PrismaGoalRepository(prisma),
    reminders: new PrismaReminderRepository(prisma),
    statements: new PrismaStatementRepository(prisma),
    trainings: new PrismaTrainingRepository(prisma),
    qualificationNeeds: new PrismaQualificationNeeds(prisma),
    feedback: new PrismaFeedbackRepository(prisma),
    outbox: new PrismaDeliveryRepository(prisma),
    surveys: new PrismaSurveyRepository(prisma),
    submissions: new PrismaSubmissionLog(prisma),
    jobs: options.jobs,
    clock: options.clock,
    defaultLocale: options.defaultLocale,
  };
}
