-- CreateEnum
CREATE TYPE "ChatPlatform" AS ENUM ('slack', 'teams');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'claimed', 'sent', 'failed', 'unreachable', 'cancelled');

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "tenantId" UUID NOT NULL,
    "purpose" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "personId" UUID NOT NULL,
    "platform" "ChatPlatform" NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "notBefore" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "payload" JSONB,
    "channel" TEXT,
    "messageId" TEXT,
    "sentAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Delivery_state_notBefore_idx" ON "Delivery"("state", "notBefore");

-- CreateIndex
CREATE INDEX "Delivery_tenantId_personId_purpose_idx" ON "Delivery"("tenantId", "personId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_tenantId_purpose_subject_personId_platform_key" ON "Delivery"("tenantId", "purpose", "subject", "personId", "platform");

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_tenantId_personId_fkey" FOREIGN KEY ("tenantId", "personId") REFERENCES "Person"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Keep what was delivered: each StatementDelivery becomes one row per platform the person is linked
-- to, or a Slack row when linked to none (sent when it had been sent; a claim still in flight becomes
-- pending, so the sweep sends it).
INSERT INTO "Delivery" ("id", "tenantId", "purpose", "subject", "personId", "platform", "state", "notBefore", "sentAt", "createdAt", "updatedAt")
SELECT gen_random_uuid(), d."tenantId", 'statements.statement', d."statementId"::text, d."personId", p.platform::"ChatPlatform",
       CASE WHEN d."sentAt" IS NULL THEN 'pending'::"DeliveryState" ELSE 'sent'::"DeliveryState" END,
       d."createdAt", d."sentAt", d."createdAt", CURRENT_TIMESTAMP
FROM "StatementDelivery" d
JOIN LATERAL (
  SELECT 'slack' AS platform FROM "Person" x WHERE x."id" = d."personId" AND x."slackUserId" IS NOT NULL
  UNION ALL
  SELECT 'teams' FROM "Person" x WHERE x."id" = d."personId" AND x."teamsAadObjectId" IS NOT NULL
  UNION ALL
  -- Linked nowhere any more: keep the record of the delivery all the same.
  SELECT 'slack' FROM "Person" x WHERE x."id" = d."personId" AND x."slackUserId" IS NULL AND x."teamsAadObjectId" IS NULL
) p ON TRUE
ON CONFLICT DO NOTHING;

-- Each ReminderSent (one nudge per goal, person and stale period) becomes a sent reminder delivery
-- whose payload names the measure and period, which is how the scan knows it was reminded.
INSERT INTO "Delivery" ("id", "tenantId", "purpose", "subject", "personId", "platform", "state", "notBefore", "payload", "sentAt", "createdAt", "updatedAt")
SELECT gen_random_uuid(), r."tenantId", 'goals.reminder', 'legacy-' || r."id"::text, r."personId",
       CASE WHEN p."slackUserId" IS NOT NULL OR p."teamsAadObjectId" IS NULL THEN 'slack'::"ChatPlatform" ELSE 'teams'::"ChatPlatform" END,
       'sent'::"DeliveryState", r."sentAt",
       jsonb_build_object('items', jsonb_build_array(jsonb_build_object(
         'goalId', r."goalId"::text,
         'staleSince', to_char(r."staleSince", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))),
       r."sentAt", r."sentAt", CURRENT_TIMESTAMP
FROM "ReminderSent" r
JOIN "Person" p ON p."id" = r."personId"
ON CONFLICT DO NOTHING;

-- The old claim tables go; DROP TABLE takes their own foreign keys with it, whatever they are
-- named (tenant sealing makes them composite), and nothing else references them.
-- DropTable
DROP TABLE "StatementDelivery";

-- DropTable
DROP TABLE "ReminderSent";

