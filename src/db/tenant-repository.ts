import { isGermanState, type TenantSettings, type TenantSettingsPatch } from "../core/org/tenant-settings.js";
import type { TenantInfo } from "../core/org/types.js";
import type { BindResult, EnsureTenantInput, TenantBindings, TenantRepository } from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";

type TenantRow = Awaited<ReturnType<PrismaClient["tenant"]["findFirstOrThrow"]>>;

function toInfo(row: TenantRow): TenantInfo {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    defaultLocale: row.defaultLocale,
    formality: row.formality,
    timezone: row.timezone,
  };
}

function toSettings(row: TenantRow): TenantSettings {
  // A state code written outside `kurs tenant` and not known to date-holidays counts as none.
  return {
    ...toInfo(row),
    holidayState: isGermanState(row.holidayState) ? row.holidayState : null,
    feedbackHrAccess: row.feedbackHrAccess,
  };
}

export class PrismaTenantRepository implements TenantRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findBySlack(teamId: string, enterpriseId?: string): Promise<TenantInfo | null> {
    const byTeam = await this.prisma.tenant.findUnique({ where: { slackTeamId: teamId } });
    if (byTeam) return toInfo(byTeam);
    // An Enterprise Grid org installs once for all its workspaces; any of them maps to the tenant.
    if (enterpriseId) {
      const byGrid = await this.prisma.tenant.findFirst({ where: { slackEnterpriseId: enterpriseId } });
      if (byGrid) return toInfo(byGrid);
    }
    return null;
  }

  async findByTeams(teamsTenantId: string): Promise<TenantInfo | null> {
    const row = await this.prisma.tenant.findUnique({ where: { teamsTenantId } });
    return row ? toInfo(row) : null;
  }

  async findBySlug(slug: string): Promise<TenantInfo | null> {
    const row = await this.prisma.tenant.findUnique({ where: { slug } });
    return row ? toInfo(row) : null;
  }

  async findById(id: string): Promise<TenantInfo | null> {
    const row = await this.prisma.tenant.findUnique({ where: { id } });
    return row ? toInfo(row) : null;
  }

  async all(): Promise<readonly TenantInfo[]> {
    const rows = await this.prisma.tenant.findMany({ orderBy: { createdAt: "asc" } });
    return rows.map(toInfo);
  }

  async settings(id: string): Promise<TenantSettings | null> {
    const row = await this.prisma.tenant.findUnique({ where: { id } });
    return row ? toSettings(row) : null;
  }

  async updateSettings(id: string, patch: TenantSettingsPatch): Promise<TenantSettings> {
    const row = await this.prisma.tenant.update({
      where: { id },
      data: {
        holidayState: patch.holidayState,
        timezone: patch.timezone,
        formality: patch.formality,
        defaultLocale: patch.defaultLocale,
        feedbackHrAccess: patch.feedbackHrAccess,
      },
    });
    return toSettings(row);
  }

  async bindings(id: string): Promise<TenantBindings> {
    const row = await this.prisma.tenant.findUnique({
      where: { id },
      select: { slackTeamId: true, teamsTenantId: true },
    });
    return { slackTeamId: row?.slackTeamId ?? null, teamsTenantId: row?.teamsTenantId ?? null };
  }

  async bind(id: string, ids: TenantBindings): Promise<BindResult> {
    const conflict = await this.conflict(id, ids);
    if (conflict) return conflict;
    try {
      await this.prisma.tenant.update({
        where: { id },
        data: {
          ...(ids.slackTeamId ? { slackTeamId: ids.slackTeamId } : {}),
          ...(ids.teamsTenantId ? { teamsTenantId: ids.teamsTenantId } : {}),
        },
      });
    } catch (err) {
      // Bound elsewhere between the check and the update: the unique index decided; say to whom.
      const raced = typeof err === "object" && err !== null && Reflect.get(err, "code") === "P2002";
      const other = raced ? await this.conflict(id, ids) : null;
      if (other) return other;
      throw err;
    }
    return { ok: true };
  }

  private async conflict(id: string, ids: TenantBindings): Promise<BindResult | null> {
    if (ids.slackTeamId) {
      const other = await this.prisma.tenant.findFirst({
        where: { slackTeamId: ids.slackTeamId, id: { not: id } },
        select: { slug: true },
      });
      if (other) return { ok: false, platform: "slack", value: ids.slackTeamId, otherSlug: other.slug };
    }
    if (ids.teamsTenantId) {
      const other = await this.prisma.tenant.findFirst({
        where: { teamsTenantId: ids.teamsTenantId, id: { not: id } },
        select: { slug: true },
      });
      if (other) return { ok: false, platform: "teams", value: ids.teamsTenantId, otherSlug: other.slug };
    }
    return null;
  }

  async ensure(input: EnsureTenantInput): Promise<TenantInfo> {
    // INSERT … ON CONFLICT DO NOTHING: two replicas starting at once must not race on the slug.
    await this.prisma.tenant.createMany({
      data: [{ slug: input.slug, name: input.name, defaultLocale: input.defaultLocale ?? "de" }],
      skipDuplicates: true,
    });
    const row = await this.prisma.tenant.findUniqueOrThrow({ where: { slug: input.slug } });
    const bind: { slackTeamId?: string; slackEnterpriseId?: string; teamsTenantId?: string } = {};
    if (input.slackTeamId && row.slackTeamId !== input.slackTeamId) {
      const other = await this.prisma.tenant.findUnique({ where: { slackTeamId: input.slackTeamId } });
      if (!other) bind.slackTeamId = input.slackTeamId;
    }
    if (input.slackEnterpriseId && row.slackEnterpriseId !== input.slackEnterpriseId)
      bind.slackEnterpriseId = input.slackEnterpriseId;
    if (input.teamsTenantId && row.teamsTenantId !== input.teamsTenantId) {
      const other = await this.prisma.tenant.findUnique({ where: { teamsTenantId: input.teamsTenantId } });
      if (!other) bind.teamsTenantId = input.teamsTenantId;
    }
    if (Object.keys(bind).length === 0) return toInfo(row);
    return toInfo(await this.prisma.tenant.update({ where: { id: row.id }, data: bind }));
  }
}
