-- CreateEnum
CREATE TYPE "TrainingKind" AS ENUM ('basic', 'advanced', 'in_depth');

-- CreateEnum
CREATE TYPE "EnrolmentStatus" AS ENUM ('enrolled', 'waitlisted', 'attended', 'no_show', 'cancelled');

-- CreateTable
CREATE TABLE "Training" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "kind" "TrainingKind" NOT NULL,
    "titleDe" TEXT NOT NULL,
    "titleEn" TEXT,
    "descriptionDe" TEXT,
    "descriptionEn" TEXT,
    "criterionKeys" TEXT[],
    "durationMinutes" INTEGER NOT NULL,
    "mandatoryUnitIds" UUID[],
    "createdById" UUID,
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingSession" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "trainingId" UUID NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "timezone" TEXT NOT NULL,
    "place" TEXT,
    "onlineUrl" TEXT,
    "trainerId" UUID,
    "capacity" INTEGER NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingEnrolment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "trainingId" UUID NOT NULL,
    "sessionId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "status" "EnrolmentStatus" NOT NULL,
    "waitlistPosition" INTEGER,
    "sequence" INTEGER NOT NULL DEFAULT 0,
    "nominatedById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TrainingEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingNomination" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "trainingId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "nominatedById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingNomination_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingInvitation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "trainingId" UUID NOT NULL,
    "unitIds" UUID[],
    "deadline" TIMESTAMP(3) NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAdmin" (
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TrainingAdmin_pkey" PRIMARY KEY ("tenantId","personId")
);

-- CreateIndex
CREATE INDEX "Training_tenantId_kind_idx" ON "Training"("tenantId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "Training_tenantId_id_key" ON "Training"("tenantId", "id");

-- CreateIndex
CREATE INDEX "TrainingSession_tenantId_trainingId_startsAt_idx" ON "TrainingSession"("tenantId", "trainingId", "startsAt");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingSession_tenantId_id_key" ON "TrainingSession"("tenantId", "id");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_tenantId_personId_idx" ON "TrainingEnrolment"("tenantId", "personId");

-- CreateIndex
CREATE INDEX "TrainingEnrolment_tenantId_trainingId_status_idx" ON "TrainingEnrolment"("tenantId", "trainingId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_tenantId_id_key" ON "TrainingEnrolment"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingEnrolment_tenantId_sessionId_personId_key" ON "TrainingEnrolment"("tenantId", "sessionId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingNomination_tenantId_trainingId_personId_key" ON "TrainingNomination"("tenantId", "trainingId", "personId");

-- CreateIndex
CREATE INDEX "TrainingInvitation_tenantId_trainingId_idx" ON "TrainingInvitation"("tenantId", "trainingId");

-- CreateIndex
CREATE UNIQUE INDEX "TrainingInvitation_tenantId_id_key" ON "TrainingInvitation"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "Training" ADD CONSTRAINT "Training_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_tenantId_trainingId_fkey" FOREIGN KEY ("tenantId", "trainingId") REFERENCES "Training"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingSession" ADD CONSTRAINT "TrainingSession_tenantId_trainerId_fkey" FOREIGN KEY ("tenantId", "trainerId") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_trainingId_fkey" FOREIGN KEY ("tenantId", "trainingId") REFERENCES "Training"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_sessionId_fkey" FOREIGN KEY ("tenantId", "sessionId") REFERENCES "TrainingSession"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingEnrolment" ADD CONSTRAINT "TrainingEnrolment_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingNomination" ADD CONSTRAINT "TrainingNomination_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingNomination" ADD CONSTRAINT "TrainingNomination_tenantId_trainingId_fkey" FOREIGN KEY ("tenantId", "trainingId") REFERENCES "Training"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingNomination" ADD CONSTRAINT "TrainingNomination_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingNomination" ADD CONSTRAINT "TrainingNomination_tenantId_nominatedById_fkey" FOREIGN KEY ("tenantId", "nominatedById") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingInvitation" ADD CONSTRAINT "TrainingInvitation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingInvitation" ADD CONSTRAINT "TrainingInvitation_tenantId_trainingId_fkey" FOREIGN KEY ("tenantId", "trainingId") REFERENCES "Training"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAdmin" ADD CONSTRAINT "TrainingAdmin_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingAdmin" ADD CONSTRAINT "TrainingAdmin_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- QualificationNeed is the feedback talks' table (20261128190643_feedback_talks); trainings mark
-- needs addressed by an enrolment, and needs may be recorded outside a talk.
ALTER TABLE "QualificationNeed" ALTER COLUMN "talkId" DROP NOT NULL,
ALTER COLUMN "levelGap" SET DEFAULT 0,
ADD COLUMN "addressedAt" TIMESTAMP(3),
ADD COLUMN "enrolmentId" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "QualificationNeed_tenantId_id_key" ON "QualificationNeed"("tenantId", "id");
