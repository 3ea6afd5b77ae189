-- CreateTable
CREATE TABLE "SurveyPoll" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "hostId" UUID NOT NULL,
    "question" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "correct" INTEGER,
    "channel" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SurveyPoll_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyPollVote" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "pollId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "option" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SurveyPollVote_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SurveyPoll_tenantId_createdAt_idx" ON "SurveyPoll"("tenantId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyPoll_tenantId_id_key" ON "SurveyPoll"("tenantId", "id");

-- CreateIndex
CREATE INDEX "SurveyPollVote_tenantId_idx" ON "SurveyPollVote"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyPollVote_pollId_personId_key" ON "SurveyPollVote"("pollId", "personId");

-- AddForeignKey
ALTER TABLE "SurveyPoll" ADD CONSTRAINT "SurveyPoll_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyPoll" ADD CONSTRAINT "SurveyPoll_tenantId_hostId_fkey" FOREIGN KEY ("tenantId", "hostId") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyPollVote" ADD CONSTRAINT "SurveyPollVote_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyPollVote" ADD CONSTRAINT "SurveyPollVote_tenantId_pollId_fkey" FOREIGN KEY ("tenantId", "pollId") REFERENCES "SurveyPoll"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyPollVote" ADD CONSTRAINT "SurveyPollVote_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
