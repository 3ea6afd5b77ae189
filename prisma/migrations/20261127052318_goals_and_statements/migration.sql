-- CreateEnum
CREATE TYPE "GoalLevel" AS ENUM ('company', 'area', 'team', 'measure');

-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('open', 'on_track', 'at_risk', 'off_track', 'done');

-- CreateEnum
CREATE TYPE "CheckinStatus" AS ENUM ('on_track', 'at_risk', 'off_track');

-- CreateTable
CREATE TABLE "Statement" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "seriesId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "titleDe" TEXT NOT NULL,
    "bodyDe" TEXT NOT NULL,
    "titleEn" TEXT,
    "bodyEn" TEXT,
    "authorId" UUID NOT NULL,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementDelivery" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementAck" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementComment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "statementId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FocusTopic" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "createdById" UUID NOT NULL,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FocusTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Goal" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "level" "GoalLevel" NOT NULL,
    "parentId" UUID,
    "unitId" UUID NOT NULL,
    "focusTopicId" UUID,
    "title" TEXT NOT NULL,
    "successCriterion" TEXT NOT NULL,
    "dueDate" DATE NOT NULL,
    "kpiKey" TEXT,
    "kpiTarget" DOUBLE PRECISION,
    "status" "GoalStatus" NOT NULL DEFAULT 'open',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "lastCheckinAt" TIMESTAMP(3),
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalOwner" (
    "tenantId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "personId" UUID NOT NULL,

    CONSTRAINT "GoalOwner_pkey" PRIMARY KEY ("goalId","personId")
);

-- CreateTable
CREATE TABLE "Checkin" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "progress" INTEGER NOT NULL,
    "status" "CheckinStatus" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Checkin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderSent" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "goalId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "staleSince" TIMESTAMP(3) NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderSent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamsConversation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "reference" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamsConversation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Statement_tenantId_publishedAt_idx" ON "Statement"("tenantId", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_seriesId_version_key" ON "Statement"("seriesId", "version");

-- CreateIndex
CREATE INDEX "StatementDelivery_tenantId_idx" ON "StatementDelivery"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementDelivery_statementId_personId_key" ON "StatementDelivery"("statementId", "personId");

-- CreateIndex
CREATE INDEX "StatementAck_tenantId_idx" ON "StatementAck"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementAck_statementId_personId_key" ON "StatementAck"("statementId", "personId");

-- CreateIndex
CREATE INDEX "StatementComment_tenantId_statementId_idx" ON "StatementComment"("tenantId", "statementId");

-- CreateIndex
CREATE INDEX "FocusTopic_tenantId_idx" ON "FocusTopic"("tenantId");

-- CreateIndex
CREATE INDEX "Goal_tenantId_unitId_idx" ON "Goal"("tenantId", "unitId");

-- CreateIndex
CREATE INDEX "Goal_tenantId_parentId_idx" ON "Goal"("tenantId", "parentId");

-- CreateIndex
CREATE INDEX "Goal_tenantId_level_idx" ON "Goal"("tenantId", "level");

-- CreateIndex
CREATE INDEX "GoalOwner_tenantId_personId_idx" ON "GoalOwner"("tenantId", "personId");

-- CreateIndex
CREATE INDEX "Checkin_tenantId_goalId_createdAt_idx" ON "Checkin"("tenantId", "goalId", "createdAt");

-- CreateIndex
CREATE INDEX "ReminderSent_tenantId_idx" ON "ReminderSent"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderSent_goalId_personId_staleSince_key" ON "ReminderSent"("goalId", "personId", "staleSince");

-- CreateIndex
CREATE UNIQUE INDEX "TeamsConversation_tenantId_personId_key" ON "TeamsConversation"("tenantId", "personId");

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementDelivery" ADD CONSTRAINT "StatementDelivery_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementDelivery" ADD CONSTRAINT "StatementDelivery_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementAck" ADD CONSTRAINT "StatementAck_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementAck" ADD CONSTRAINT "StatementAck_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementComment" ADD CONSTRAINT "StatementComment_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementComment" ADD CONSTRAINT "StatementComment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocusTopic" ADD CONSTRAINT "FocusTopic_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocusTopic" ADD CONSTRAINT "FocusTopic_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Goal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_focusTopicId_fkey" FOREIGN KEY ("focusTopicId") REFERENCES "FocusTopic"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalOwner" ADD CONSTRAINT "GoalOwner_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalOwner" ADD CONSTRAINT "GoalOwner_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSent" ADD CONSTRAINT "ReminderSent_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversation" ADD CONSTRAINT "TeamsConversation_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
