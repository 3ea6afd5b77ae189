import type {
  AggregateQuery,
  AggregateResult,
  KpiSettings,
  TicketInput,
  TicketTargets,
  TicketTotalsBefore,
  UpsertResult,
  WeeklyAggregate,
} from "../core/kpis/types.js";
import { DEFAULT_BASELINE_WEEKS } from "../core/kpis/types.js";
import type { Platform } from "../core/org/types.js";
import type {
  DeliveryPlan,
  DigestChannel,
  DigestChannelRepository,
  KpiGoal,
  KpiGoalRepository,
  KpiSettingsRepository,
  TicketRepository,
} from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { writePlan } from "./delivery-repository.js";
import type { SqlDriver } from "./sql-driver.js";

// A batch travels as one JSON parameter: any batch size, one round trip, the same on PostgreSQL and PGlite.
const UPSERT_SQL = `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($2::jsonb)
    AS x(t text, u uuid, o timestamptz, f timestamptz, r timestamptz, d timestamptz, n int, s text, src text)
), up AS (
  INSERT INTO "Ticket" ("id", "tenantId", "ticketId", "unitId", "openedAt", "firstResponseAt", "resolvedAt",
                        "dueAt", "reopenedCount", "status", "source", "updatedAt")
  SELECT gen_random_uuid(), $1::uuid, t, u, o, f, r, d, n, s, src::"TicketSource", now() FROM input
  ON CONFLICT ("tenantId", "ticketId") DO UPDATE SET
    "unitId" = EXCLUDED."unitId", "openedAt" = EXCLUDED."openedAt",
    "firstResponseAt" = EXCLUDED."firstResponseAt", "resolvedAt" = EXCLUDED."resolvedAt",
    "dueAt" = EXCLUDED."dueAt", "reopenedCount" = EXCLUDED."reopenedCount", "status" = EXCLUDED."status",
    "source" = EXCLUDED."source", "updatedAt" = now()
  WHERE ("Ticket"."unitId", "Ticket"."openedAt", "Ticket"."firstResponseAt", "Ticket"."resolvedAt",
         "Ticket"."dueAt", "Ticket"."reopenedCount", "Ticket"."status")
    IS DISTINCT FROM
        (EXCLUDED."unitId", EXCLUDED."openedAt", EXCLUDED."firstResponseAt", EXCLUDED."resolvedAt",
         EXCLUDED."dueAt", EXCLUDED."reopenedCount", EXCLUDED."status")
  RETURNING (xmax::text = '0') AS inserted
)
SELECT (count(*) FILTER (WHERE inserted))::int AS inserted, (count(*) FILTER (WHERE NOT inserted))::int AS updated
FROM up`;

// Weeks are cut in the tenant's time zone by PostgreSQL: date_trunc on local time gives local
// Monday 00:00, daylight saving included. Each unit's scope joins in every unit below it.
const SCOPE = `scope AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS s(unit uuid, member uuid))`;

const CREATED_SQL = `
WITH ${SCOPE}
SELECT s.unit::text AS "unitId",
       to_char(date_trunc('week', k."openedAt" AT TIME ZONE $5), 'IYYY-"W"IW') AS week,
       count(*)::int AS created,
       (percentile_cont(0.5) WITHIN GROUP (
         ORDER BY EXTRACT(EPOCH FROM (k."firstResponseAt" - k."openedAt"))::float8 / 3600))::float8 AS "firstResponseMedian"
FROM "Ticket" k JOIN scope s ON s.member = k."unitId"
WHERE k."tenantId" = $1::uuid AND k."openedAt" >= $3::timestamptz AND k."openedAt" < $4::timestamptz
GROUP BY 1, 2`;

const RESOLVED_SQL = `
WITH ${SCOPE}
SELECT s.unit::text AS "unitId",
       to_char(date_trunc('week', k."resolvedAt" AT TIME ZONE $5), 'IYYY-"W"IW') AS week,
       count(*)::int AS resolved,
       (percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (
         ORDER BY EXTRACT(EPOCH FROM (k."resolvedAt" - k."openedAt"))::float8 / 3600))::float8[] AS processing,
       (count(*) FILTER (WHERE k."dueAt" IS NOT NULL))::int AS "resolvedWithDue",
       (count(*) FILTER (WHERE k."resolvedAt" <= k."dueAt"))::int AS "resolvedOnTime",
       (count(*) FILTER (WHERE k."reopenedCount" = 0))::int AS "resolvedFirstTime"
FROM "Ticket" k JOIN scope s ON s.member = k."unitId"
WHERE k."tenantId" = $1::uuid AND k."resolvedAt" >= $3::timestamptz AND k."resolvedAt" < $4::timestamptz
GROUP BY 1, 2`;

const BEFORE_SQL = `
WITH ${SCOPE}
SELECT s.unit::text AS "unitId",
       count(*)::int AS "createdBefore",
       (count(*) FILTER (WHERE k."resolvedAt" < $3::timestamptz))::int AS "resolvedBefore"
FROM "Ticket" k JOIN scope s ON s.member = k."unitId"
WHERE k."tenantId" = $1::uuid AND k."openedAt" < $3::timestamptz
GROUP BY 1`;

interface CreatedRow extends Record<string, unknown> {
  unitId: string;
  week: string;
  created: number;
  firstResponseMedian: number | null;
}
interface ResolvedRow extends Record<string, unknown> {
  unitId: string;
  week: string;
  resolved: number;
  processing: (number | null)[] | null;
  resolvedWithDue: number;
  resolvedOnTime: number;
  resolvedFirstTime: number;
}

/**
 * Tickets and KPI settings. The bulk upsert and the aggregates go through plain SQL (`sql`);
 * everything small through Prisma. Both are the same database (Database.prisma and .sql).
 */
export class PrismaTicketRepository
  implements TicketRepository, KpiSettingsRepository, DigestChannelRepository, KpiGoalRepository
{
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sql: SqlDriver,
  ) {}

  async targets(tenantId: string): Promise<TicketTargets> {
    const [units, groups] = await Promise.all([
      this.prisma.orgUnit.findMany({ where: { tenantId }, select: { id: true, path: true } }),
      this.prisma.ticketGroupMapping.findMany({ where: { tenantId }, select: { groupName: true, unitId: true } }),
    ]);
    return {
      paths: new Map(units.map((u) => [u.path, u.id])),
      groups: new Map(groups.map((g) => [g.groupName, g.unitId])),
    };
  }

  async upsertTickets(tenantId: string, tickets: readonly TicketInput[]): Promise<UpsertResult> {
    if (tickets.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
    const payload = JSON.stringify(
      tickets.map((t) => ({
        t: t.ticketId,
        u: t.unitId,
        o: t.openedAt.toISOString(),
        f: t.firstResponseAt?.toISOString() ?? null,
        r: t.resolvedAt?.toISOString() ?? null,
        d: t.dueAt?.toISOString() ?? null,
        n: t.reopenedCount,
        s: t.status,
        src: t.source,
      })),
    );
    const rows = await this.sql.query<{ inserted: number; updated: number }>(UPSERT_SQL, [tenantId, payload]);
    const inserted = rows[0]?.inserted ?? 0;
    const updated = rows[0]?.updated ?? 0;
    return { inserted, updated, unchanged: tickets.length - inserted - updated };
  }

  async weeklyAggregates(query: AggregateQuery): Promise<AggregateResult> {
    const scope = JSON.stringify(query.units.flatMap((u) => u.memberIds.map((member) => ({ unit: u.unitId, member }))));
    const params = [query.tenantId, scope, query.from.toISOString(), query.to.toISOString(), query.timezone];
    // Three independent scans; on PostgreSQL they run on separate pool connections at once.
    const [created, resolved, before] = await Promise.all([
      this.sql.query<CreatedRow>(CREATED_SQL, params),
      this.sql.query<ResolvedRow>(RESOLVED_SQL, params),
      this.sql.query<TicketTotalsBefore & Record<string, unknown>>(BEFORE_SQL, params.slice(0, 3)),
    ]);
    const weeks = new Map<string, WeeklyAggregate>();
    const key = (unitId: string, week: string): string => `${unitId}|${week}`;
    for (const c of created) {
      weeks.set(key(c.unitId, c.week), {
        unitId: c.unitId,
        week: c.week,
        created: c.created,
        resolved: 0,
        processingMedian: null,
        processingP90: null,
        firstResponseMedian: c.firstResponseMedian,
        resolvedWithDue: 0,
        resolvedOnTime: 0,
        resolvedFirstTime: 0,
      });
    }
    for (const r of resolved) {
      const k = key(r.unitId, r.week);
      weeks.set(k, {
        unitId: r.unitId,
        week: r.week,
        created: weeks.get(k)?.created ?? 0,
        firstResponseMedian: weeks.get(k)?.firstResponseMedian ?? null,
        resolved: r.resolved,
        processingMedian: r.processing?.[0] ?? null,
        processingP90: r.processing?.[1] ?? null,
        resolvedWithDue: r.resolvedWithDue,
        resolvedOnTime: r.resolvedOnTime,
        resolvedFirstTime: r.resolvedFirstTime,
      });
    }
    return { weeks: [...weeks.values()], before };
  }

  async mapGroup(tenantId: string, groupName: string, unitId: string): Promise<void> {
    await this.prisma.ticketGroupMapping.upsert({
      where: { tenantId_groupName: { tenantId, groupName } },
      create: { tenantId, groupName, unitId },
      update: { unitId },
    });
  }

  async digestChannels(tenantId: string): Promise<readonly DigestChannel[]> {
    const rows = await this.prisma.kpiDigestChannel.findMany({
      where: { tenantId },
      select: { platform: true, channel: true, unitId: true },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((r) => ({ platform: r.platform as Platform, channel: r.channel, unitId: r.unitId }));
  }

  async setDigestChannel(tenantId: string, channel: DigestChannel): Promise<void> {
    await this.prisma.kpiDigestChannel.upsert({
      where: { tenantId_platform_channel: { tenantId, platform: channel.platform, channel: channel.channel } },
      create: { tenantId, platform: channel.platform, channel: channel.channel, unitId: channel.unitId },
      update: { unitId: channel.unitId },
    });
  }

  async kpiGoals(tenantId: string): Promise<readonly KpiGoal[]> {
    const rows = await this.prisma.goal.findMany({
      where: { tenantId, kpiKey: { not: null }, status: { not: "done" } },
      select: { id: true, unitId: true, title: true, kpiKey: true, kpiTarget: true, progress: true },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((r) => ({ ...r, kpiKey: r.kpiKey ?? "" }));
  }

  async setGoalProgress(tenantId: string, goalId: string, progress: number): Promise<void> {
    await this.prisma.goal.updateMany({ where: { tenantId, id: goalId }, data: { progress } });
  }

  planDeliveries(tenantId: string, plan: DeliveryPlan): Promise<readonly string[]> {
    return writePlan(this.prisma, tenantId, plan);
  }

  async groups(tenantId: string): Promise<readonly { groupName: string; unitPath: string }[]> {
    const rows = await this.prisma.ticketGroupMapping.findMany({
      where: { tenantId },
      select: { groupName: true, unit: { select: { path: true } } },
      orderBy: { groupName: "asc" },
    });
    return rows.map((r) => ({ groupName: r.groupName, unitPath: r.unit.path }));
  }

  async kpiSettings(tenantId: string): Promise<KpiSettings> {
    const row = await this.prisma.kpiSettings.findUnique({ where: { tenantId } });
    return {
      programmeStart: row?.programmeStart ? row.programmeStart.toISOString().slice(0, 10) : null,
      baselineWeeks: row?.baselineWeeks ?? DEFAULT_BASELINE_WEEKS,
    };
  }

  async updateKpiSettings(tenantId: string, patch: Partial<KpiSettings>): Promise<KpiSettings> {
    const data = {
      programmeStart:
        patch.programmeStart === undefined
          ? undefined
          : patch.programmeStart === null
            ? null
            : new Date(`${patch.programmeStart}T00:00:00Z`),
      baselineWeeks: patch.baselineWeeks,
    };
    await this.prisma.kpiSettings.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
    return this.kpiSettings(tenantId);
  }

  async webhookSecret(tenantId: string): Promise<string | null> {
    const row = await this.prisma.ticketWebhookSecret.findUnique({ where: { tenantId } });
    return row?.secret ?? null;
  }

  async setWebhookSecret(tenantId: string, secret: string): Promise<void> {
    await this.prisma.ticketWebhookSecret.upsert({
      where: { tenantId },
      create: { tenantId, secret },
      update: { secret },
    });
  }
}
