-- CreateTable
CREATE TABLE "KpiChart" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KpiChart_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KpiChart_tokenHash_key" ON "KpiChart"("tokenHash");

-- CreateIndex
CREATE INDEX "KpiChart_tenantId_expiresAt_idx" ON "KpiChart"("tenantId", "expiresAt");

-- AddForeignKey
ALTER TABLE "KpiChart" ADD CONSTRAINT "KpiChart_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
