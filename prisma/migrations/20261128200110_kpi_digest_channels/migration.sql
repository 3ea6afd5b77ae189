-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "toChannel" TEXT,
ALTER COLUMN "personId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "KpiDigestChannel" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "platform" "ChatPlatform" NOT NULL,
    "channel" TEXT NOT NULL,
    "unitId" UUID,
    "serviceUrl" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiDigestChannel_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KpiDigestChannel_tenantId_platform_channel_key" ON "KpiDigestChannel"("tenantId", "platform", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_tenantId_purpose_subject_toChannel_platform_key" ON "Delivery"("tenantId", "purpose", "subject", "toChannel", "platform");

-- AddForeignKey
ALTER TABLE "KpiDigestChannel" ADD CONSTRAINT "KpiDigestChannel_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KpiDigestChannel" ADD CONSTRAINT "KpiDigestChannel_tenantId_unitId_fkey" FOREIGN KEY ("tenantId", "unitId") REFERENCES "OrgUnit"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;
