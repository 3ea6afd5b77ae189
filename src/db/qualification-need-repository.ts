import type { QualificationNeeds } from "../core/ports.js";
import type { QualificationNeedView } from "../core/trainings/types.js";
import type { PrismaClient } from "../generated/prisma/client.js";

/**
 * The trainings' view of qualification needs: the QualificationNeed rows feedback talks agree (open
 * once the employee confirms the talk) and needs recorded outside a talk. Trainings never see talk
 * content, only person, criterion and priority.
 */
export class PrismaQualificationNeeds implements QualificationNeeds {
  constructor(private readonly prisma: PrismaClient) {}

  async openNeeds(tenantId: string, personId?: string): Promise<readonly QualificationNeedView[]> {
    return this.prisma.qualificationNeed.findMany({
      where: {
        tenantId,
        openedAt: { not: null },
        closedAt: null,
        addressedAt: null,
        ...(personId ? { personId } : {}),
      },
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
      // Recorded outside a talk, so open at once.
      data: {
        tenantId,
        personId: need.personId,
        criterionKey: need.criterionKey,
        priority: need.priority,
        openedAt: new Date(),
      },
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
