import type { Locale } from "../core/org/types.js";
import type { Clock, JobQueue } from "../core/ports.js";
import type { Services } from "../core/services.js";
import { KursError } from "../errors.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { PrismaChartLinks } from "./chart-links.js";
import { PrismaDeliveryRepository } from "./delivery-repository.js";
import { PrismaFeedbackRepository } from "./feedback-repository.js";
import { PrismaGoalRepository } from "./goal-repository.js";
import { PrismaOrgRepository } from "./org-repository.js";
import { PrismaQualificationNeeds } from "./qualification-need-repository.js";
import { PrismaReminderRepository } from "./reminder-repository.js";
import type { SqlDriver } from "./sql-driver.js";
import { PrismaStatementRepository } from "./statement-repository.js";
import { PrismaSubmissionLog } from "./submission-repository.js";
import { PrismaSurveyRepository } from "./survey-repository.js";
import { PrismaTenantRepository } from "./tenant-repository.js";
import { PrismaTicketRepository } from "./ticket-repository.js";
import { PrismaTrainingRepository } from "./training-repository.js";

/** The services every handler and feature job uses, on one Prisma client. */
export function createServices(
  prisma: PrismaClient,
  options: {
    readonly jobs: JobQueue;
    readonly clock: Clock;
    readonly defaultLocale: Locale;
    /**
     * Plain SQL for the KPI aggregates and bulk upserts (the database's own driver). Callers that
     * never touch KPIs may leave it out; a KPI query then fails with NO_SQL_DRIVER.
     */
    readonly sql?: SqlDriver;
    /** Where chat clients fetch chart images (PUBLIC_URL). */
    readonly publicUrl?: string;
  },
): Services {
  return {
    tenants: new PrismaTenantRepository(prisma),
    org: new PrismaOrgRepository(prisma),
    goals: new PrismaGoalRepository(prisma),
    reminders: new PrismaReminderRepository(prisma),
    statements: new PrismaStatementRepository(prisma),
    tickets: new PrismaTicketRepository(prisma, options.sql ?? missingSqlDriver),
    charts: new PrismaChartLinks(prisma, options.publicUrl ?? "http://localhost:3000", options.clock),
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

const noDriver = () =>
  Promise.reject(
    new KursError("NO_SQL_DRIVER", "KPI queries need the database's SQL driver: pass `sql` to createServices"),
  );

/** Stands in when createServices gets no SQL driver: a KPI query fails loudly, never silently. */
const missingSqlDriver: SqlDriver = { query: noDriver, transaction: noDriver };
