-- CreateEnum
CREATE TYPE "SurveySentiment" AS ENUM ('positive', 'negative');

-- CreateTable
CREATE TABLE "SurveyInterview" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "customer" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "interviewerId" UUID NOT NULL,
    "notes" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyInterview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyInterviewTag" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "interviewId" UUID NOT NULL,
    "criterion" TEXT NOT NULL,
    "sentiment" "SurveySentiment" NOT NULL,

    CONSTRAINT "SurveyInterviewTag_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyInterview_tenantId_surveyId_idx" ON "SurveyInterview"("tenantId", "surveyId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInterview_tenantId_id_key" ON "SurveyInterview"("tenantId", "id");

-- CreateIndex
CREATE INDEX "SurveyInterviewTag_tenantId_idx" ON "SurveyInterviewTag"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyInterviewTag_interviewId_criterion_sentiment_key" ON "SurveyInterviewTag"("interviewId", "criterion", "sentiment");

-- AddForeignKey
ALTER TABLE "SurveyInterview" ADD CONSTRAINT "SurveyInterview_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInterview" ADD CONSTRAINT "SurveyInterview_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "Survey"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInterview" ADD CONSTRAINT "SurveyInterview_tenantId_interviewerId_fkey" FOREIGN KEY ("tenantId", "interviewerId") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInterviewTag" ADD CONSTRAINT "SurveyInterviewTag_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyInterviewTag" ADD CONSTRAINT "SurveyInterviewTag_tenantId_interviewId_fkey" FOREIGN KEY ("tenantId", "interviewId") REFERENCES "SurveyInterview"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
