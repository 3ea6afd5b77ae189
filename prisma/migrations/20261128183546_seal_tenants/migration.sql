-- DropForeignKey
ALTER TABLE "OrgUnit" DROP CONSTRAINT "OrgUnit_parentId_fkey";

-- DropForeignKey
ALTER TABLE "Person" DROP CONSTRAINT "Person_managerId_fkey";

-- DropForeignKey
ALTER TABLE "RoleAssignment" DROP CONSTRAINT "RoleAssignment_personId_fkey";

-- DropForeignKey
ALTER TABLE "RoleAssignment" DROP CONSTRAINT "RoleAssignment_unitId_fkey";

-- DropForeignKey
ALTER TABLE "Statement" DROP CONSTRAINT "Statement_authorId_fkey";

-- DropForeignKey
ALTER TABLE "StatementDelivery" DROP CONSTRAINT "StatementDelivery_statementId_fkey";

-- DropForeignKey
ALTER TABLE "StatementDelivery" DROP CONSTRAINT "StatementDelivery_personId_fkey";

-- DropForeignKey
ALTER TABLE "StatementAck" DROP CONSTRAINT "StatementAck_statementId_fkey";

-- DropForeignKey
ALTER TABLE "StatementAck" DROP CONSTRAINT "StatementAck_personId_fkey";

-- DropForeignKey
ALTER TABLE "StatementComment" DROP CONSTRAINT "StatementComment_statementId_fkey";

-- DropForeignKey
ALTER TABLE "StatementComment" DROP CONSTRAINT "StatementComment_personId_fkey";

-- DropForeignKey
ALTER TABLE "FocusTopic" DROP CONSTRAINT "FocusTopic_createdById_fkey";

-- DropForeignKey
ALTER TABLE "Goal" DROP CONSTRAINT "Goal_parentId_fkey";

-- DropForeignKey
ALTER TABLE "Goal" DROP CONSTRAINT "Goal_unitId_fkey";

-- DropForeignKey
ALTER TABLE "Goal" DROP CONSTRAINT "Goal_focusTopicId_fkey";

-- DropForeignKey
ALTER TABLE "Goal" DROP CONSTRAINT "Goal_createdById_fkey";

-- DropForeignKey
ALTER TABLE "GoalOwner" DROP CONSTRAINT "GoalOwner_goalId_fkey";

-- DropForeignKey
ALTER TABLE "GoalOwner" DROP CONSTRAINT "GoalOwner_personId_fkey";

-- DropForeignKey
ALTER TABLE "Checkin" DROP CONSTRAINT "Checkin_goalId_fkey";

-- DropForeignKey
ALTER TABLE "Checkin" DROP CONSTRAINT "Checkin_personId_fkey";

-- DropForeignKey
ALTER TABLE "ReminderSent" DROP CONSTRAINT "ReminderSent_goalId_fkey";

-- DropForeignKey
ALTER TABLE "TeamsConversation" DROP CONSTRAINT "TeamsConversation_personId_fkey";

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_tenantId_id_key" ON "OrgUnit"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_id_key" ON "Person"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_tenantId_id_key" ON "Statement"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "FocusTopic_tenantId_id_key" ON "FocusTopic"("tenantId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "Goal_tenantId_id_key" ON "Goal"("tenantId", "id");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_tenantId_parentId_fkey" FOREIGN KEY ("tenantId", "parentId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_tenantId_managerId_fkey" FOREIGN KEY ("tenantId", "managerId") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_tenantId_authorId_fkey" FOREIGN KEY ("tenantId", "authorId") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementDelivery" ADD CONSTRAINT "StatementDelivery_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementDelivery" ADD CONSTRAINT "StatementDelivery_tenantId_statementId_fkey" FOREIGN KEY ("tenantId", "statementId") REFERENCES "Statement"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementDelivery" ADD CONSTRAINT "StatementDelivery_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementAck" ADD CONSTRAINT "StatementAck_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementAck" ADD CONSTRAINT "StatementAck_tenantId_statementId_fkey" FOREIGN KEY ("tenantId", "statementId") REFERENCES "Statement"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementAck" ADD CONSTRAINT "StatementAck_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementComment" ADD CONSTRAINT "StatementComment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementComment" ADD CONSTRAINT "StatementComment_tenantId_statementId_fkey" FOREIGN KEY ("tenantId", "statementId") REFERENCES "Statement"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementComment" ADD CONSTRAINT "StatementComment_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FocusTopic" ADD CONSTRAINT "FocusTopic_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_tenantId_parentId_fkey" FOREIGN KEY ("tenantId", "parentId") REFERENCES "Goal"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_tenantId_focusTopicId_fkey" FOREIGN KEY ("tenantId", "focusTopicId") REFERENCES "FocusTopic"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_tenantId_createdById_fkey" FOREIGN KEY ("tenantId", "createdById") REFERENCES "Person"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalOwner" ADD CONSTRAINT "GoalOwner_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalOwner" ADD CONSTRAINT "GoalOwner_tenantId_goalId_fkey" FOREIGN KEY ("tenantId", "goalId") REFERENCES "Goal"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalOwner" ADD CONSTRAINT "GoalOwner_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_tenantId_goalId_fkey" FOREIGN KEY ("tenantId", "goalId") REFERENCES "Goal"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Checkin" ADD CONSTRAINT "Checkin_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSent" ADD CONSTRAINT "ReminderSent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSent" ADD CONSTRAINT "ReminderSent_tenantId_goalId_fkey" FOREIGN KEY ("tenantId", "goalId") REFERENCES "Goal"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderSent" ADD CONSTRAINT "ReminderSent_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversation" ADD CONSTRAINT "TeamsConversation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamsConversation" ADD CONSTRAINT "TeamsConversation_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
