import type { QualificationNeeds } from "../core/ports.js";
import type { QualificationNeedView } from "../core/trainings/types.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/**
 * Qualification needs over the QualificationNeed table, so trainings work and are testable on their
 * own. The feedback feature (branch h-feedback) records needs from talks; when both land, the lead
 * points this port at that feature's repository or keeps this table as the shared one.
 */
export class PrismaQualificationNeeds implements QualificationNeeds {
  constructor(private readonly prisma: PrismaClient) {}

  async openNeeds(tenantId: string, personId?: string): Promise<readonly QualificationNeedView[]> {
    return this.prisma.qualificationNeed.findMany({
      where: { tenantId, addressedAt: null, ...(personId ? { personId } : {}) },
      select: { id: true, personId: true, criterionKey: true, priority: true },
      orderBy: [{ priority: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    });
  }

  async markAddressed(tenantId: string, needId: string, enrolmentId: string): Promise<void> {
    await this.prisma.qualificationNeed.updateMany({
      where: { tenantId, id: needId, addressedAt: null },
      data: { addressedAt: new Date(), enrolmentId },
    });
  }

  /** Records a need (tests, the demo; in production the feedback talk does). */
  async record(tenantId: string, need: Omit<QualificationNeedView, "id">): Promise<QualificationNeedView> {
    return this.prisma.qualificationNeed.create({
      data: { tenantId, personId: need.personId, criterionKey: need.criterionKey, priority: need.priority },
      select: { id: true, personId: true, criterionKey: true, priority: true },
    });
  }

  async addressedNeeds(tenantId: string): Promise<readonly QualificationNeedView[]> {
    return this.prisma.qualificationNeed.findMany({
      where: { tenantId, addressedAt: { not: null } },
      select: { id: true, personId: true, criterionKey: true, priority: true },
    });
  }
}
