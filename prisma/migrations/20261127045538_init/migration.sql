-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('de', 'en');

-- CreateEnum
CREATE TYPE "Formality" AS ENUM ('sie', 'du');

-- CreateEnum
CREATE TYPE "UnitKind" AS ENUM ('company', 'area', 'team');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('managing_director', 'area_head', 'team_lead', 'member');

-- CreateTable
CREATE TABLE "Tenant" (
    "id" UUID NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slackTeamId" TEXT,
    "slackEnterpriseId" TEXT,
    "teamsTenantId" TEXT,
    "defaultLocale" "Locale" NOT NULL DEFAULT 'de',
    "formality" "Formality" NOT NULL DEFAULT 'sie',
    "timezone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "holidayState" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgUnit" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "parentId" UUID,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "kind" "UnitKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgUnit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" "Locale",
    "timezone" TEXT,
    "managerId" UUID,
    "slackUserId" TEXT,
    "teamsAadObjectId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoleAssignment" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "personId" UUID NOT NULL,
    "unitId" UUID NOT NULL,
    "role" "Role" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoleAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_slackTeamId_key" ON "Tenant"("slackTeamId");

-- CreateIndex
CREATE UNIQUE INDEX "Tenant_teamsTenantId_key" ON "Tenant"("teamsTenantId");

-- CreateIndex
CREATE INDEX "Tenant_slackEnterpriseId_idx" ON "Tenant"("slackEnterpriseId");

-- CreateIndex
CREATE INDEX "OrgUnit_tenantId_parentId_idx" ON "OrgUnit"("tenantId", "parentId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgUnit_tenantId_path_key" ON "OrgUnit"("tenantId", "path");

-- CreateIndex
CREATE INDEX "Person_tenantId_managerId_idx" ON "Person"("tenantId", "managerId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_email_key" ON "Person"("tenantId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_slackUserId_key" ON "Person"("tenantId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Person_tenantId_teamsAadObjectId_key" ON "Person"("tenantId", "teamsAadObjectId");

-- CreateIndex
CREATE INDEX "RoleAssignment_tenantId_unitId_idx" ON "RoleAssignment"("tenantId", "unitId");

-- CreateIndex
CREATE UNIQUE INDEX "RoleAssignment_tenantId_personId_unitId_key" ON "RoleAssignment"("tenantId", "personId", "unitId");

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrgUnit" ADD CONSTRAINT "OrgUnit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "OrgUnit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Person" ADD CONSTRAINT "Person_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoleAssignment" ADD CONSTRAINT "RoleAssignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "OrgUnit"("id") ON DELETE CASCADE ON UPDATE CASCADE;
