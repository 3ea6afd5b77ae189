-- CreateEnum
CREATE TYPE "FeedbackMemberKind" AS ENUM ('working_group', 'hr');

-- CreateEnum
CREATE TYPE "FeedbackTalkState" AS ENUM ('scheduled', 'recorded', 'confirmed', 'cancelled');

-- CreateEnum
CREATE TYPE "NeedPriority" AS ENUM ('high', 'medium', 'low');

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "feedbackHrAccess" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CompetencyCriterion" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "nameDe" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "descriptionDe" TEXT NOT NULL,
    "descriptionEn" TEXT NOT NULL,
    "levels" JSONB NOT NULL,
    "targetLevel" INTEGER NOT NULL DEFAULT 3,
    "updatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CompetencyCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompetencyComment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetencyComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompetencyApproval" (
    "tenantId" UUID NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetencyApproval_pkey" PRIMARY KEY ("tenantId","criterionKey","personId")
);

-- CreateTable
CREATE TABLE "CompetencyProfile" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "criteria" JSONB NOT NULL,
    "publishedById" UUID NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetencyProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackMember" (
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "kind" "FeedbackMemberKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackMember_pkey" PRIMARY KEY ("tenantId","kind","personId")
);

-- CreateTable
CREATE TABLE "FeedbackCampaign" (
    "tenantId" UUID NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "createdById" UUID NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackCampaign_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "FeedbackTalk" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "leaderId" UUID NOT NULL,
    "employeeId" UUID NOT NULL,
    "profileId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMin" INTEGER NOT NULL DEFAULT 60,
    "place" TEXT,
    "state" "FeedbackTalkState" NOT NULL DEFAULT 'scheduled',
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "selfAssessment" JSONB,
    "selfNote" TEXT,
    "selfAssessedAt" TIMESTAMP(3),
    "leaderAssessment" JSONB,
    "agreements" TEXT,
    "followUpDate" DATE,
    "recordedAt" TIMESTAMP(3),
    "employeeComment" TEXT,
    "confirmedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedbackTalk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualificationNeed" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "talkId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "levelGap" INTEGER NOT NULL,
    "priority" "NeedPriority" NOT NULL,
    "openedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualificationNeed_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CompetencyCriterion_tenantId_key_key" ON "CompetencyCriterion"("tenantId", "key");

-- CreateIndex
CREATE INDEX "CompetencyComment_tenantId_criterionKey_idx" ON "CompetencyComment"("tenantId", "criterionKey");

-- CreateIndex
CREATE UNIQUE INDEX "CompetencyProfile_tenantId_version_key" ON "CompetencyProfile"("tenantId", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CompetencyProfile_tenantId_id_key" ON "CompetencyProfile"("tenantId", "id");

-- CreateIndex
CREATE INDEX "FeedbackTalk_tenantId_leaderId_startsAt_idx" ON "FeedbackTalk"("tenantId", "leaderId", "startsAt");

-- CreateIndex
CREATE INDEX "FeedbackTalk_tenantId_employeeId_startsAt_idx" ON "FeedbackTalk"("tenantId", "employeeId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackTalk_tenantId_id_key" ON "FeedbackTalk"("tenantId", "id");

-- CreateIndex
CREATE INDEX "QualificationNeed_tenantId_personId_idx" ON "QualificationNeed"("tenantId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "QualificationNeed_talkId_criterionKey_key" ON "QualificationNeed"("talkId", "criterionKey");

-- AddForeignKey
ALTER TABLE "CompetencyCriterion" ADD CONSTRAINT "CompetencyCriterion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyComment" ADD CONSTRAINT "CompetencyComment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyComment" ADD CONSTRAINT "CompetencyComment_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyApproval" ADD CONSTRAINT "CompetencyApproval_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyApproval" ADD CONSTRAINT "CompetencyApproval_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyProfile" ADD CONSTRAINT "CompetencyProfile_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CompetencyProfile" ADD CONSTRAINT "CompetencyProfile_tenantId_publishedById_fkey" FOREIGN KEY ("tenantId", "publishedById") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackMember" ADD CONSTRAINT "FeedbackMember_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackMember" ADD CONSTRAINT "FeedbackMember_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackCampaign" ADD CONSTRAINT "FeedbackCampaign_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackCampaign" ADD CONSTRAINT "FeedbackCampaign_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "Person"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackTalk" ADD CONSTRAINT "FeedbackTalk_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackTalk" ADD CONSTRAINT "FeedbackTalk_tenantId_leaderId_fkey" FOREIGN KEY ("tenantId", "leaderId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackTalk" ADD CONSTRAINT "FeedbackTalk_tenantId_employeeId_fkey" FOREIGN KEY ("tenantId", "employeeId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackTalk" ADD CONSTRAINT "FeedbackTalk_tenantId_profileId_fkey" FOREIGN KEY ("tenantId", "profileId") REFERENCES "CompetencyProfile"("tenantId", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualificationNeed" ADD CONSTRAINT "QualificationNeed_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualificationNeed" ADD CONSTRAINT "QualificationNeed_tenantId_talkId_fkey" FOREIGN KEY ("tenantId", "talkId") REFERENCES "FeedbackTalk"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QualificationNeed" ADD CONSTRAINT "QualificationNeed_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
