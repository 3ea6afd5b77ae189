import type { ImportPlan, OrgSnapshot } from "../core/org/import-plan.js";
import type { PersonProfile, PersonRef, Platform, UnitNode } from "../core/org/types.js";
import type { OrgRepository } from "../core/ports.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/** The columns of a PersonRef, for every repository that hands people to core. */
export const personRefSelect = {
  id: true,
  name: true,
  email: true,
  slackUserId: true,
  teamsAadObjectId: true,
  locale: true,
  timezone: true,
  roles: { select: { role: true, unitId: true } },
} as const;

const profileInclude = {
  manager: { select: { id: true, name: true, email: true } },
  roles: {
    include: { unit: { select: { id: true, name: true, path: true, kind: true } } },
    orderBy: { createdAt: "asc" },
  },
} as const;

type ProfileRow = Awaited<ReturnType<PrismaClient["person"]["findFirstOrThrow"]>> & {
  manager: { id: string; name: string; email: string } | null;
  roles: { role: PersonProfile["roles"][number]["role"]; unit: PersonProfile["roles"][number]["unit"] }[];
};

function toProfile(row: ProfileRow): PersonProfile {
  return {
    id: row.id,
    tenantId: row.tenantId,
    name: row.name,
    email: row.email,
    locale: row.locale,
    timezone: row.timezone,
    slackUserId: row.slackUserId,
    teamsAadObjectId: row.teamsAadObjectId,
    roles: row.roles.map((r) => ({ role: r.role, unit: r.unit })),
    manager: row.manager,
  };
}

function platformColumn(platform: Platform): "slackUserId" | "teamsAadObjectId" {
  return platform === "slack" ? "slackUserId" : "teamsAadObjectId";
}

export class PrismaOrgRepository implements OrgRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findPersonByPlatformId(tenantId: string, platform: Platform, userId: string): Promise<PersonProfile | null> {
    const row = await this.prisma.person.findFirst({
      where: { tenantId, active: true, [platformColumn(platform)]: userId },
      include: profileInclude,
    });
    return row ? toProfile(row) : null;
  }

  async findPersonByEmail(tenantId: string, email: string): Promise<PersonProfile | null> {
    const row = await this.prisma.person.findFirst({
      where: { tenantId, active: true, email: email.toLowerCase() },
      include: profileInclude,
    });
    return row ? toProfile(row) : null;
  }

  async linkPlatformId(tenantId: string, personId: string, platform: Platform, userId: string): Promise<void> {
    const column = platformColumn(platform);
    // A platform id belongs to one person; a stale link (account moved) is released first.
    await this.prisma.$transaction([
      this.prisma.person.updateMany({
        where: { tenantId, [column]: userId, NOT: { id: personId } },
        data: { [column]: null },
      }),
      this.prisma.person.updateMany({ where: { tenantId, id: personId }, data: { [column]: userId } }),
    ]);
  }

  async snapshot(tenantId: string): Promise<OrgSnapshot> {
    const [units, people] = await Promise.all([
      this.prisma.orgUnit.findMany({ where: { tenantId }, select: { id: true, path: true } }),
      this.prisma.person.findMany({
        where: { tenantId },
        include: { manager: { select: { email: true } }, roles: { include: { unit: { select: { path: true } } } } },
      }),
    ]);
    return {
      units,
      people: people.map((p) => ({
        id: p.id,
        email: p.email,
        name: p.name,
        locale: p.locale,
        timezone: p.timezone,
        slackUserId: p.slackUserId,
        teamsAadObjectId: p.teamsAadObjectId,
        managerEmail: p.manager?.email ?? null,
        active: p.active,
        roles: p.roles.map((r) => ({ role: r.role, unitPath: r.unit.path })),
      })),
    };
  }

  async applyImport(tenantId: string, plan: ImportPlan): Promise<void> {
    await this.prisma.$transaction(
      async (tx) => {
        const unitIds = new Map(
          (await tx.orgUnit.findMany({ where: { tenantId }, select: { id: true, path: true } })).map((u) => [
            u.path,
            u.id,
          ]),
        );
        for (const unit of plan.unitsToCreate) {
          const parentId = unit.parentPath === null ? null : (unitIds.get(unit.parentPath) ?? null);
          const created = await tx.orgUnit.create({
            data: { tenantId, path: unit.path, name: unit.name, kind: unit.kind, parentId },
            select: { id: true },
          });
          unitIds.set(unit.path, created.id);
        }
        // Free chat ids that move to another person before assigning them (unique per tenant).
        const movingIds = [...plan.peopleToCreate, ...plan.peopleToUpdate.map((u) => u.changes)];
        const slackIds = movingIds.map((p) => p.slackUserId).filter((v): v is string => typeof v === "string");
        const teamsIds = movingIds.map((p) => p.teamsAadObjectId).filter((v): v is string => typeof v === "string");
        if (slackIds.length > 0)
          await tx.person.updateMany({
            where: { tenantId, slackUserId: { in: slackIds } },
            data: { slackUserId: null },
          });
        if (teamsIds.length > 0)
          await tx.person.updateMany({
            where: { tenantId, teamsAadObjectId: { in: teamsIds } },
            data: { teamsAadObjectId: null },
          });

        if (plan.peopleToCreate.length > 0) {
          await tx.person.createMany({ data: plan.peopleToCreate.map((p) => ({ tenantId, ...p })) });
        }
        for (const update of plan.peopleToUpdate) {
          await tx.person.update({ where: { id: update.id, tenantId }, data: update.changes });
        }
        if (plan.deactivate.length > 0) {
          await tx.person.updateMany({
            where: { tenantId, id: { in: plan.deactivate.map((p) => p.id) } },
            data: { active: false },
          });
        }
        const personIds = new Map(
          (await tx.person.findMany({ where: { tenantId }, select: { id: true, email: true } })).map((p) => [
            p.email,
            p.id,
          ]),
        );
        for (const link of plan.managers) {
          const managerId = link.managerEmail === null ? null : (personIds.get(link.managerEmail) ?? null);
          await tx.person.update({ where: { tenantId_email: { tenantId, email: link.email } }, data: { managerId } });
        }
        for (const assignment of plan.roles) {
          const personId = personIds.get(assignment.email);
          const unitId = unitIds.get(assignment.unitPath);
          if (!personId || !unitId) continue;
          await tx.roleAssignment.deleteMany({ where: { tenantId, personId } });
          await tx.roleAssignment.create({ data: { tenantId, personId, unitId, role: assignment.role } });
        }
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  }

  async peopleWithoutPlatformId(
    tenantId: string,
    platform: Platform,
  ): Promise<readonly { id: string; email: string }[]> {
    return this.prisma.person.findMany({
      where: { tenantId, active: true, [platformColumn(platform)]: null },
      select: { id: true, email: true },
      orderBy: { email: "asc" },
    });
  }

  async units(tenantId: string): Promise<readonly UnitNode[]> {
    return this.prisma.orgUnit.findMany({
      where: { tenantId },
      select: { id: true, name: true, path: true, kind: true, parentId: true },
      orderBy: { path: "asc" },
    });
  }

  async people(tenantId: string): Promise<readonly PersonRef[]> {
    return this.prisma.person.findMany({
      where: { tenantId, active: true },
      select: personRefSelect,
      orderBy: { name: "asc" },
    });
  }
}
