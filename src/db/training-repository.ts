import type { TrainingRepository } from "../core/ports.js";
import type {
  CancelOutcome,
  EnrolmentView,
  EnrolOutcome,
  InvitationView,
  NewSession,
  NewTraining,
  NominationView,
  Participant,
  SessionView,
  TrainingView,
} from "../core/trainings/types.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;

type TrainingRow = Awaited<ReturnType<PrismaClient["training"]["findFirstOrThrow"]>>;
type EnrolmentRow = Awaited<ReturnType<PrismaClient["trainingEnrolment"]["findFirstOrThrow"]>>;

function toTraining(row: TrainingRow): TrainingView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    titleDe: row.titleDe,
    titleEn: row.titleEn,
    descriptionDe: row.descriptionDe,
    descriptionEn: row.descriptionEn,
    criterionKeys: row.criterionKeys,
    durationMinutes: row.durationMinutes,
    mandatoryUnitIds: row.mandatoryUnitIds,
    createdAt: row.createdAt,
  };
}

function toEnrolment(row: EnrolmentRow): EnrolmentView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    trainingId: row.trainingId,
    sessionId: row.sessionId,
    personId: row.personId,
    status: row.status,
    waitlistPosition: row.waitlistPosition,
    sequence: row.sequence,
    updatedAt: row.updatedAt,
  };
}

const SEAT_HOLDING = ["enrolled", "attended", "no_show"] as const;
const ACTIVE = ["enrolled", "waitlisted"] as const;

const sessionInclude = { trainer: { select: { id: true, name: true } } } as const;

export class PrismaTrainingRepository implements TrainingRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async trainings(tenantId: string): Promise<readonly TrainingView[]> {
    const rows = await this.prisma.training.findMany({
      where: { tenantId, archivedAt: null },
      orderBy: [{ kind: "asc" }, { titleDe: "asc" }, { id: "asc" }],
    });
    return rows.map(toTraining);
  }

  async training(tenantId: string, id: string): Promise<TrainingView | null> {
    const row = await this.prisma.training.findFirst({ where: { tenantId, id } });
    return row ? toTraining(row) : null;
  }

  async createTraining(input: NewTraining): Promise<TrainingView> {
    const row = await this.prisma.training.create({
      data: {
        tenantId: input.tenantId,
        kind: input.kind,
        titleDe: input.titleDe,
        titleEn: input.titleEn,
        descriptionDe: input.descriptionDe,
        descriptionEn: input.descriptionEn,
        criterionKeys: [...input.criterionKeys],
        durationMinutes: input.durationMinutes,
        mandatoryUnitIds: [...input.mandatoryUnitIds],
        createdById: input.createdById,
      },
    });
    return toTraining(row);
  }

  async sessions(tenantId: string, trainingId?: string): Promise<readonly SessionView[]> {
    const rows = await this.prisma.trainingSession.findMany({
      where: { tenantId, ...(trainingId ? { trainingId } : {}) },
      include: sessionInclude,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    const counts = await this.counts(
      tenantId,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({ ...toSessionBase(r), ...(counts.get(r.id) ?? { taken: 0, waitlisted: 0 }) }));
  }

  async session(tenantId: string, id: string): Promise<SessionView | null> {
    const row = await this.prisma.trainingSession.findFirst({ where: { tenantId, id }, include: sessionInclude });
    if (!row) return null;
    const counts = await this.counts(tenantId, [row.id]);
    return { ...toSessionBase(row), ...(counts.get(row.id) ?? { taken: 0, waitlisted: 0 }) };
  }

  private async counts(tenantId: string, sessionIds: readonly string[]) {
    const result = new Map<string, { taken: number; waitlisted: number }>();
    if (sessionIds.length === 0) return result;
    const groups = await this.prisma.trainingEnrolment.groupBy({
      by: ["sessionId", "status"],
      where: { tenantId, sessionId: { in: [...sessionIds] } },
      _count: { _all: true },
    });
    for (const g of groups) {
      const entry = result.get(g.sessionId) ?? { taken: 0, waitlisted: 0 };
      if ((SEAT_HOLDING as readonly string[]).includes(g.status)) entry.taken += g._count._all;
      if (g.status === "waitlisted") entry.waitlisted += g._count._all;
      result.set(g.sessionId, entry);
    }
    return result;
  }

  async createSession(input: NewSession): Promise<SessionView> {
    const row = await this.prisma.trainingSession.create({
      data: {
        tenantId: input.tenantId,
        trainingId: input.trainingId,
        startsAt: input.startsAt,
        timezone: input.timezone,
        place: input.place,
        onlineUrl: input.onlineUrl,
        trainerId: input.trainerId,
        capacity: input.capacity,
      },
      include: sessionInclude,
    });
    return { ...toSessionBase(row), taken: 0, waitlisted: 0 };
  }

  /** Locks the session row: every seat decision of one session runs one at a time. */
  private async lockSession(tx: Tx, tenantId: string, sessionId: string) {
    const rows = await tx.$queryRaw<{ id: string; capacity: number; cancelledAt: Date | null; trainingId: string }[]>`
      SELECT id, capacity, "cancelledAt", "trainingId" FROM "TrainingSession"
      WHERE "tenantId" = ${tenantId}::uuid AND id = ${sessionId}::uuid FOR UPDATE`;
    return rows[0];
  }

  async enrol(
    tenantId: string,
    sessionId: string,
    personId: string,
    options: { readonly nominatedById?: string | null } = {},
  ): Promise<EnrolOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const session = await this.lockSession(tx, tenantId, sessionId);
      if (!session || session.cancelledAt) return { kind: "closed" };
      const elsewhere = await tx.trainingEnrolment.findFirst({
        where: {
          tenantId,
          trainingId: session.trainingId,
          personId,
          sessionId: { not: sessionId },
          status: { in: [...ACTIVE, "attended"] },
        },
      });
      if (elsewhere) return { kind: "other-session", enrolment: toEnrolment(elsewhere) };
      const existing = await tx.trainingEnrolment.findUnique({
        where: { tenantId_sessionId_personId: { tenantId, sessionId, personId } },
      });
      if (existing && existing.status !== "cancelled") return { kind: "already", enrolment: toEnrolment(existing) };
      const taken = await tx.trainingEnrolment.count({
        where: { tenantId, sessionId, status: { in: [...SEAT_HOLDING] } },
      });
      const seat = taken < session.capacity;
      let waitlistPosition: number | null = null;
      if (!seat) {
        const last = await tx.trainingEnrolment.aggregate({
          where: { tenantId, sessionId, status: "waitlisted" },
          _max: { waitlistPosition: true },
        });
        waitlistPosition = (last._max.waitlistPosition ?? 0) + 1;
      }
      const status = seat ? "enrolled" : "waitlisted";
      const row = existing
        ? await tx.trainingEnrolment.update({
            where: { id: existing.id },
            data: {
              status,
              waitlistPosition,
              sequence: existing.sequence + 1,
              nominatedById: options.nominatedById ?? existing.nominatedById,
            },
          })
        : await tx.trainingEnrolment.create({
            data: {
              tenantId,
              trainingId: session.trainingId,
              sessionId,
              personId,
              status,
              waitlistPosition,
              nominatedById: options.nominatedById ?? null,
            },
          });
      return { kind: status, enrolment: toEnrolment(row) };
    });
  }

  async cancel(tenantId: string, enrolmentId: string): Promise<CancelOutcome | null> {
    return this.prisma.$transaction(async (tx) => {
      const found = await tx.trainingEnrolment.findFirst({ where: { tenantId, id: enrolmentId } });
      if (!found) return null;
      await this.lockSession(tx, tenantId, found.sessionId);
      // Read again under the lock: a concurrent cancel of the same row must not promote twice.
      const current = await tx.trainingEnrolment.findFirst({ where: { tenantId, id: enrolmentId } });
      if (!current || (current.status !== "enrolled" && current.status !== "waitlisted")) return null;
      const heldSeat = current.status === "enrolled";
      const cancelled = await tx.trainingEnrolment.update({
        where: { id: current.id },
        data: { status: "cancelled", waitlistPosition: null },
      });
      let promoted: EnrolmentRow | null = null;
      if (heldSeat) {
        const next = await tx.trainingEnrolment.findFirst({
          where: { tenantId, sessionId: current.sessionId, status: "waitlisted" },
          orderBy: [{ waitlistPosition: "asc" }, { updatedAt: "asc" }],
        });
        if (next) {
          promoted = await tx.trainingEnrolment.update({
            where: { id: next.id },
            data: { status: "enrolled", waitlistPosition: null, sequence: next.sequence + 1 },
          });
        }
      }
      // Close the gap so positions stay 1, 2, 3 … as people are told.
      const waiting = await tx.trainingEnrolment.findMany({
        where: { tenantId, sessionId: current.sessionId, status: "waitlisted" },
        orderBy: [{ waitlistPosition: "asc" }, { updatedAt: "asc" }],
      });
      for (const [index, w] of waiting.entries()) {
        if (w.waitlistPosition !== index + 1) {
          await tx.trainingEnrolment.update({ where: { id: w.id }, data: { waitlistPosition: index + 1 } });
        }
      }
      return { cancelled: toEnrolment(cancelled), promoted: promoted ? toEnrolment(promoted) : null };
    });
  }

  async setAttendance(
    tenantId: string,
    enrolmentId: string,
    status: "attended" | "no_show",
  ): Promise<EnrolmentView | null> {
    const updated = await this.prisma.trainingEnrolment.updateMany({
      where: { tenantId, id: enrolmentId, status: { in: [...SEAT_HOLDING] } },
      data: { status },
    });
    return updated.count > 0 ? this.enrolment(tenantId, enrolmentId) : null;
  }

  async enrolment(tenantId: string, id: string): Promise<EnrolmentView | null> {
    const row = await this.prisma.trainingEnrolment.findFirst({ where: { tenantId, id } });
    return row ? toEnrolment(row) : null;
  }

  async enrolments(
    tenantId: string,
    filter: { readonly personId?: string; readonly sessionId?: string; readonly trainingId?: string } = {},
  ): Promise<readonly EnrolmentView[]> {
    const rows = await this.prisma.trainingEnrolment.findMany({
      where: {
        tenantId,
        ...(filter.personId ? { personId: filter.personId } : {}),
        ...(filter.sessionId ? { sessionId: filter.sessionId } : {}),
        ...(filter.trainingId ? { trainingId: filter.trainingId } : {}),
      },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toEnrolment);
  }

  async nominate(tenantId: string, trainingId: string, personId: string, nominatedById: string) {
    const row = await this.prisma.trainingNomination.upsert({
      where: { tenantId_trainingId_personId: { tenantId, trainingId, personId } },
      create: { tenantId, trainingId, personId, nominatedById },
      update: {},
    });
    return toNomination(row);
  }

  async nominations(tenantId: string, personId?: string): Promise<readonly NominationView[]> {
    const rows = await this.prisma.trainingNomination.findMany({
      where: { tenantId, ...(personId ? { personId } : {}) },
      orderBy: { createdAt: "asc" },
    });
    return rows.map(toNomination);
  }

  async createInvitation(input: Omit<InvitationView, "id">): Promise<InvitationView> {
    const row = await this.prisma.trainingInvitation.create({
      data: {
        tenantId: input.tenantId,
        trainingId: input.trainingId,
        unitIds: [...input.unitIds],
        deadline: input.deadline,
        createdById: input.createdById,
      },
    });
    return row;
  }

  async addMandatoryUnits(tenantId: string, trainingId: string, unitIds: readonly string[]): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const row = await tx.training.findFirst({ where: { tenantId, id: trainingId } });
      if (!row) return;
      const merged = [...new Set([...row.mandatoryUnitIds, ...unitIds])];
      await tx.training.update({ where: { id: row.id }, data: { mandatoryUnitIds: merged } });
    });
  }

  async invitation(tenantId: string, id: string): Promise<InvitationView | null> {
    return this.prisma.trainingInvitation.findFirst({ where: { tenantId, id } });
  }

  async admins(tenantId: string): Promise<readonly string[]> {
    const rows = await this.prisma.trainingAdmin.findMany({ where: { tenantId }, select: { personId: true } });
    return rows.map((r) => r.personId);
  }

  async setAdmin(tenantId: string, personId: string, admin: boolean): Promise<void> {
    if (admin) {
      await this.prisma.trainingAdmin.upsert({
        where: { tenantId_personId: { tenantId, personId } },
        create: { tenantId, personId },
        update: {},
      });
    } else {
      await this.prisma.trainingAdmin.deleteMany({ where: { tenantId, personId } });
    }
  }

  async participants(tenantId: string, ids?: readonly string[]): Promise<readonly Participant[]> {
    return this.prisma.person.findMany({
      where: { tenantId, active: true, ...(ids ? { id: { in: [...ids] } } : {}) },
      select: {
        id: true,
        name: true,
        locale: true,
        timezone: true,
        managerId: true,
        slackUserId: true,
        teamsAadObjectId: true,
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
  }
}

function toSessionBase(
  row: Awaited<ReturnType<PrismaClient["trainingSession"]["findFirstOrThrow"]>> & {
    trainer: { id: string; name: string } | null;
  },
): Omit<SessionView, "taken" | "waitlisted"> {
  return {
    id: row.id,
    tenantId: row.tenantId,
    trainingId: row.trainingId,
    startsAt: row.startsAt,
    timezone: row.timezone,
    place: row.place,
    onlineUrl: row.onlineUrl,
    trainer: row.trainer,
    capacity: row.capacity,
    cancelledAt: row.cancelledAt,
  };
}

function toNomination(row: {
  id: string;
  trainingId: string;
  personId: string;
  nominatedById: string;
  createdAt: Date;
}): NominationView {
  return {
    id: row.id,
    trainingId: row.trainingId,
    personId: row.personId,
    nominatedById: row.nominatedById,
    createdAt: row.createdAt,
  };
}
