import type { Platform } from "../../src/core/org/types.js";
import type { JsonObject } from "../../src/core/ports.js";
import type { PrismaClient } from "../../src/generated/prisma/client.js";

/** One outbox row as a test reads it: who, on which platform, and the plan it came from. */
export interface PlannedRow {
  readonly id: string;
  readonly tenantId: string;
  readonly personId: string;
  readonly platform: Platform;
  readonly state: string;
  readonly plan: {
    readonly purpose: string;
    readonly subject: string;
    readonly notBefore: Date;
    readonly payload: JsonObject | null;
  };
}

/** The outbox rows (Delivery) of one tenant, oldest first, optionally of one purpose and person. */
export async function plannedDeliveries(
  prisma: PrismaClient,
  tenantId: string,
  filter: { readonly purpose?: string; readonly personId?: string } = {},
): Promise<PlannedRow[]> {
  const rows = await prisma.delivery.findMany({
    where: {
      tenantId,
      ...(filter.purpose ? { purpose: filter.purpose } : {}),
      ...(filter.personId ? { personId: filter.personId } : {}),
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenantId,
    // Channel rows (the KPI digest) have no person; this helper is about people's deliveries.
    personId: r.personId ?? "",
    platform: r.platform,
    state: r.state,
    plan: {
      purpose: r.purpose,
      subject: r.subject,
      notBefore: r.notBefore,
      payload: (r.payload ?? null) as JsonObject | null,
    },
  }));
}
