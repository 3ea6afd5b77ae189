-- CreateEnum
CREATE TYPE "SurveyAudience" AS ENUM ('customers', 'employees');

-- CreateEnum
CREATE TYPE "SurveyQuestionKind" AS ENUM ('likert5', 'nps', 'single_choice', 'free_text');

-- CreateEnum
CREATE TYPE "SurveyWaveStatus" AS ENUM ('draft', 'open', 'closed');

-- CreateEnum
CREATE TYPE "SurveyResponseSource" AS ENUM ('web', 'import', 'chat');

-- CreateTable
CREATE TABLE "Survey" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "templateKey" TEXT,
    "audience" "SurveyAudience" NOT NULL,
    "anonymous" BOOLEAN NOT NULL DEFAULT true,
    "anonymityThreshold" INTEGER NOT NULL DEFAULT 5,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyCriterion" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "labelDe" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SurveyCriterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyQuestion" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "criterionId" UUID,
    "key" TEXT NOT NULL,
    "kind" "SurveyQuestionKind" NOT NULL,
    "textDe" TEXT NOT NULL,
    "textEn" TEXT NOT NULL,
    "options" JSONB,
    "required" BOOLEAN NOT NULL DEFAULT false,
    "position" INTEGER NOT NULL,

    CONSTRAINT "SurveyQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyWave" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "status" "SurveyWaveStatus" NOT NULL DEFAULT 'draft',
    "anonymityThreshold" INTEGER,
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyWave_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyInvitation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "waveId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "company" TEXT,
    "locale" "Locale" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "waveId" UUID NOT NULL,
    "source" "SurveyResponseSource" NOT NULL,
    "locale" "Locale",
    "unitId" UUID,
    "personId" UUID,
    "submittedOn" DATE NOT NULL,

    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyAnswer" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "value" INTEGER,
    "choice" TEXT,
    "text" TEXT,

    CONSTRAINT "SurveyAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyParticipation" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "waveId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyParticipation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Survey_tenantId_createdAt_idx" ON "Survey"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Survey_tenantId_id_key" ON "Survey"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyCriterion_tenantId_id_key" ON "SurveyCriterion"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyCriterion_surveyId_key_key" ON "SurveyCriterion"("surveyId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuestion_tenantId_id_key" ON "SurveyQuestion"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyQuestion_surveyId_key_key" ON "SurveyQuestion"("surveyId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyWave_tenantId_id_key" ON "SurveyWave"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyWave_surveyId_key_key" ON "SurveyWave"("surveyId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_tokenHash_key" ON "SurveyInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "SurveyInvitation_tenantId_waveId_idx" ON "SurveyInvitation"("tenantId", "waveId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInvitation_waveId_email_key" ON "SurveyInvitation"("waveId", "email");

-- CreateIndex
CREATE INDEX "SurveyResponse_tenantId_waveId_idx" ON "SurveyResponse"("tenantId", "waveId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_tenantId_id_key" ON "SurveyResponse"("tenantId", "id");

-- CreateIndex
CREATE INDEX "SurveyAnswer_tenantId_questionId_idx" ON "SurveyAnswer"("tenantId", "questionId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyAnswer_responseId_questionId_key" ON "SurveyAnswer"("responseId", "questionId");

-- CreateIndex
CREATE INDEX "SurveyParticipation_tenantId_idx" ON "SurveyParticipation"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyParticipation_waveId_personId_key" ON "SurveyParticipation"("waveId", "personId");

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCriterion" ADD CONSTRAINT "SurveyCriterion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyCriterion" ADD CONSTRAINT "SurveyCriterion_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "Survey"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "Survey"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyQuestion" ADD CONSTRAINT "SurveyQuestion_tenantId_criterionId_fkey" FOREIGN KEY ("tenantId", "criterionId") REFERENCES "SurveyCriterion"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyWave" ADD CONSTRAINT "SurveyWave_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyWave" ADD CONSTRAINT "SurveyWave_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "Survey"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInvitation" ADD CONSTRAINT "SurveyInvitation_tenantId_waveId_fkey" FOREIGN KEY ("tenantId", "waveId") REFERENCES "SurveyWave"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_tenantId_waveId_fkey" FOREIGN KEY ("tenantId", "waveId") REFERENCES "SurveyWave"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_tenantId_responseId_fkey" FOREIGN KEY ("tenantId", "responseId") REFERENCES "SurveyResponse"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_tenantId_questionId_fkey" FOREIGN KEY ("tenantId", "questionId") REFERENCES "SurveyQuestion"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_tenantId_waveId_fkey" FOREIGN KEY ("tenantId", "waveId") REFERENCES "SurveyWave"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyParticipation" ADD CONSTRAINT "SurveyParticipation_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Anonymity: a group smaller than 3 is never shown, whatever an admin sets (not expressible in Prisma).
ALTER TABLE "Survey" ADD CONSTRAINT "Survey_anonymityThreshold_check" CHECK ("anonymityThreshold" >= 3);
ALTER TABLE "SurveyWave" ADD CONSTRAINT "SurveyWave_anonymityThreshold_check" CHECK ("anonymityThreshold" IS NULL OR "anonymityThreshold" >= 3);
ALTER TABLE "SurveyAnswer" ADD CONSTRAINT "SurveyAnswer_value_check" CHECK ("value" IS NULL OR ("value" >= 0 AND "value" <= 10));
