-- CreateEnum
CREATE TYPE "TicketSource" AS ENUM ('csv', 'webhook', 'zammad', 'demo');

-- CreateTable
CREATE TABLE "Ticket" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "ticketId" TEXT NOT NULL,
    "unitId" UUID NOT NULL,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "firstResponseAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "reopenedCount" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL,
    "source" "TicketSource" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketGroupMapping" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "groupName" TEXT NOT NULL,
    "unitId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TicketGroupMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KpiSettings" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "programmeStart" DATE,
    "baselineWeeks" INTEGER NOT NULL DEFAULT 12,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KpiSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TicketWebhookSecret" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "secret" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TicketWebhookSecret_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Ticket_tenantId_unitId_openedAt_idx" ON "Ticket"("tenantId", "unitId", "openedAt");

-- CreateIndex
CREATE INDEX "Ticket_tenantId_unitId_resolvedAt_idx" ON "Ticket"("tenantId", "unitId", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Ticket_tenantId_ticketId_key" ON "Ticket"("tenantId", "ticketId");

-- CreateIndex
CREATE INDEX "TicketGroupMapping_tenantId_unitId_idx" ON "TicketGroupMapping"("tenantId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketGroupMapping_tenantId_groupName_key" ON "TicketGroupMapping"("tenantId", "groupName");

-- CreateIndex
CREATE UNIQUE INDEX "KpiSettings_tenantId_key" ON "KpiSettings"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "TicketWebhookSecret_tenantId_key" ON "TicketWebhookSecret"("tenantId");

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Ticket" ADD CONSTRAINT "Ticket_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketGroupMapping" ADD CONSTRAINT "TicketGroupMapping_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketGroupMapping" ADD CONSTRAINT "TicketGroupMapping_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiSettings" ADD CONSTRAINT "KpiSettings_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TicketWebhookSecret" ADD CONSTRAINT "TicketWebhookSecret_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
