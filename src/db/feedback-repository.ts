import { z } from "zod/v4";
import type {
  Assessment,
  Campaign,
  Criterion,
  DraftCriterion,
  FeedbackPerson,
  MemberKind,
  NewTalk,
  OpenNeed,
  ProfileVersion,
  TalkRecord,
  TalkView,
} from "../core/feedback/types.js";
import type { FeedbackRepository, SavedTalk, TalkPlans } from "../core/ports.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { writePlan } from "./delivery-repository.js";

const bilingual = z.object({ de: z.string(), en: z.string() });
const levelsSchema = z.array(z.object({ level: z.number().int(), anchor: bilingual }));
const criterionSchema = z.object({
  key: z.string(),
  name: bilingual,
  description: bilingual,
  levels: levelsSchema,
  targetLevel: z.number().int(),
});
const criteriaSchema = z.array(criterionSchema);
const assessmentSchema = z.record(z.string(), z.number().int());

type Tx = Prisma.TransactionClient;

const talkInclude = { needs: { orderBy: { createdAt: "asc" } } } as const satisfies Prisma.FeedbackTalkInclude;
type TalkRow = Prisma.FeedbackTalkGetPayload<{ include: typeof talkInclude }>;

const PRIORITY_ORDER = { high: 0, medium: 1, low: 2 } as const;

function isoDate(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}

function toAssessment(value: unknown): Assessment | null {
  if (value === null || value === undefined) return null;
  const parsed = assessmentSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

function toTalk(row: TalkRow): TalkView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    leaderId: row.leaderId,
    employeeId: row.employeeId,
    profileId: row.profileId,
    startsAt: row.startsAt,
    durationMin: row.durationMin,
    place: row.place,
    state: row.state,
    sequence: row.sequence,
    selfAssessment: toAssessment(row.selfAssessment),
    selfNote: row.selfNote,
    leaderAssessment: toAssessment(row.leaderAssessment),
    agreements: row.agreements,
    followUpDate: isoDate(row.followUpDate),
    recordedAt: row.recordedAt,
    employeeComment: row.employeeComment,
    confirmedAt: row.confirmedAt,
    needs: row.needs.map((n) => ({
      id: n.id,
      // The talk's own needs: their talk is this row.
      talkId: row.id,
      personId: n.personId,
      criterionKey: n.criterionKey,
      levelGap: n.levelGap,
      priority: n.priority,
    })),
  };
}

function toProfile(row: { id: string; version: number; criteria: unknown; publishedAt: Date }): ProfileVersion {
  return {
    id: row.id,
    version: row.version,
    criteria: criteriaSchema.parse(row.criteria),
    publishedAt: row.publishedAt,
  };
}

function criterionColumns(c: Criterion) {
  return {
    nameDe: c.name.de,
    nameEn: c.name.en,
    descriptionDe: c.description.de,
    descriptionEn: c.description.en,
    levels: c.levels.map((l) => ({ level: l.level, anchor: { de: l.anchor.de, en: l.anchor.en } })),
    targetLevel: c.targetLevel,
  };
}

export class PrismaFeedbackRepository implements FeedbackRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async seedDraft(tenantId: string, criteria: readonly Criterion[]): Promise<void> {
    if ((await this.prisma.competencyCriterion.count({ where: { tenantId } })) > 0) return;
    // skipDuplicates: two first uses racing seed the same keys once.
    await this.prisma.competencyCriterion.createMany({
      data: criteria.map((c, position) => ({ tenantId, key: c.key, position, ...criterionColumns(c) })),
      skipDuplicates: true,
    });
  }

  async draft(tenantId: string): Promise<readonly DraftCriterion[]> {
    const [rows, approvals, comments] = await Promise.all([
      this.prisma.competencyCriterion.findMany({ where: { tenantId }, orderBy: [{ position: "asc" }, { key: "asc" }] }),
      this.prisma.competencyApproval.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } }),
      this.prisma.competencyComment.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } }),
    ]);
    const names = new Map(
      (
        await this.prisma.person.findMany({
          where: { tenantId, id: { in: [...new Set(comments.map((c) => c.personId))] } },
          select: { id: true, name: true },
        })
      ).map((p) => [p.id, p.name]),
    );
    return rows.map((r) => ({
      key: r.key,
      position: r.position,
      name: { de: r.nameDe, en: r.nameEn },
      description: { de: r.descriptionDe, en: r.descriptionEn },
      levels: levelsSchema.parse(r.levels),
      targetLevel: r.targetLevel,
      approvals: approvals.filter((a) => a.criterionKey === r.key).map((a) => a.personId),
      comments: comments
        .filter((c) => c.criterionKey === r.key)
        .map((c) => ({
          personId: c.personId,
          personName: names.get(c.personId) ?? "?",
          text: c.text,
          at: c.createdAt,
        })),
    }));
  }

  async updateCriterion(tenantId: string, criterion: Criterion, byId: string): Promise<DraftCriterion | null> {
    const updated = await this.prisma.$transaction(async (tx) => {
      const res = await tx.competencyCriterion.updateMany({
        where: { tenantId, key: criterion.key },
        data: { ...criterionColumns(criterion), updatedById: byId },
      });
      if (res.count === 0) return false;
      // An approval holds for the wording that was approved.
      await tx.competencyApproval.deleteMany({ where: { tenantId, criterionKey: criterion.key } });
      return true;
    });
    if (!updated) return null;
    return (await this.draft(tenantId)).find((c) => c.key === criterion.key) ?? null;
  }

  async addComment(tenantId: string, criterionKey: string, personId: string, text: string): Promise<void> {
    await this.prisma.competencyComment.create({ data: { tenantId, criterionKey, personId, text } });
  }

  async approve(tenantId: string, criterionKey: string, personId: string): Promise<void> {
    await this.prisma.competencyApproval.upsert({
      where: { tenantId_criterionKey_personId: { tenantId, criterionKey, personId } },
      create: { tenantId, criterionKey, personId },
      update: {},
    });
  }

  async publish(tenantId: string, criteria: readonly Criterion[], byId: string): Promise<ProfileVersion> {
    const snapshot = criteria.map((c) => ({
      key: c.key,
      name: { de: c.name.de, en: c.name.en },
      description: { de: c.description.de, en: c.description.en },
      levels: c.levels.map((l) => ({ level: l.level, anchor: { de: l.anchor.de, en: l.anchor.en } })),
      targetLevel: c.targetLevel,
    }));
    // Two publishes racing: the unique (tenantId, version) makes the loser fail rather than share a number.
    const row = await this.prisma.$transaction(async (tx) => {
      const last = await tx.competencyProfile.findFirst({ where: { tenantId }, orderBy: { version: "desc" } });
      return tx.competencyProfile.create({
        data: { tenantId, version: (last?.version ?? 0) + 1, criteria: snapshot, publishedById: byId },
      });
    });
    return toProfile(row);
  }

  async latestProfile(tenantId: string): Promise<ProfileVersion | null> {
    const row = await this.prisma.competencyProfile.findFirst({ where: { tenantId }, orderBy: { version: "desc" } });
    return row ? toProfile(row) : null;
  }

  async profile(tenantId: string, id: string): Promise<ProfileVersion | null> {
    const row = await this.prisma.competencyProfile.findFirst({ where: { tenantId, id } });
    return row ? toProfile(row) : null;
  }

  async members(tenantId: string, kind: MemberKind): Promise<readonly string[]> {
    const rows = await this.prisma.feedbackMember.findMany({
      where: { tenantId, kind, person: { active: true } },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((r) => r.personId);
  }

  async setMember(tenantId: string, kind: MemberKind, personId: string, member: boolean): Promise<void> {
    if (member) {
      await this.prisma.feedbackMember.upsert({
        where: { tenantId_kind_personId: { tenantId, kind, personId } },
        create: { tenantId, kind, personId },
        update: {},
      });
    } else {
      await this.prisma.feedbackMember.deleteMany({ where: { tenantId, kind, personId } });
    }
  }

  async campaign(tenantId: string): Promise<Campaign | null> {
    const row = await this.prisma.feedbackCampaign.findUnique({ where: { tenantId } });
    return row ? { startDate: isoDate(row.startDate) ?? "", endDate: isoDate(row.endDate) ?? "" } : null;
  }

  async setCampaign(tenantId: string, campaign: Campaign, byId: string): Promise<void> {
    const data = {
      startDate: new Date(`${campaign.startDate}T00:00:00Z`),
      endDate: new Date(`${campaign.endDate}T00:00:00Z`),
      createdById: byId,
    };
    await this.prisma.feedbackCampaign.upsert({ where: { tenantId }, create: { tenantId, ...data }, update: data });
  }

  async hrAccess(tenantId: string): Promise<boolean> {
    const row = await this.prisma.tenant.findUnique({ where: { id: tenantId }, select: { feedbackHrAccess: true } });
    return row?.feedbackHrAccess === true;
  }

  async people(tenantId: string): Promise<readonly FeedbackPerson[]> {
    return this.prisma.person.findMany({
      where: { tenantId, active: true },
      select: {
        id: true,
        name: true,
        email: true,
        managerId: true,
        locale: true,
        timezone: true,
        slackUserId: true,
        teamsAadObjectId: true,
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
  }

  /** Serialises bookings per tenant for the rest of the transaction. */
  private async lock(tx: Tx, tenantId: string): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`feedback-talks:${tenantId}`}))`;
  }

  private async overlapping(
    tx: Tx,
    tenantId: string,
    personIds: readonly string[],
    startsAt: Date,
    durationMin: number,
    exceptId?: string,
  ): Promise<TalkView[]> {
    const end = new Date(startsAt.getTime() + durationMin * 60_000);
    // Talks last at most a few hours; a window of a day before covers every talk that can reach into this one.
    const rows = await tx.feedbackTalk.findMany({
      where: {
        tenantId,
        state: { not: "cancelled" },
        ...(exceptId ? { id: { not: exceptId } } : {}),
        OR: [{ leaderId: { in: [...personIds] } }, { employeeId: { in: [...personIds] } }],
        startsAt: { lt: end, gte: new Date(startsAt.getTime() - 24 * 3_600_000) },
      },
      include: talkInclude,
    });
    return rows.filter((r) => r.startsAt.getTime() + r.durationMin * 60_000 > startsAt.getTime()).map(toTalk);
  }

  /** The talk as saved in `tx` and the outbox rows its change sends, written in the same transaction. */
  private async saved(tx: Tx, tenantId: string, id: string, plans?: TalkPlans): Promise<SavedTalk> {
    const talk = toTalk(await tx.feedbackTalk.findFirstOrThrow({ where: { tenantId, id }, include: talkInclude }));
    const deliveryIds: string[] = [];
    for (const plan of plans ? plans(talk) : []) deliveryIds.push(...(await writePlan(tx, tenantId, plan)));
    return { talk, deliveryIds };
  }

  async createTalk(talk: NewTalk, plans?: TalkPlans) {
    return this.prisma.$transaction(async (tx) => {
      await this.lock(tx, talk.tenantId);
      const conflicts = await this.overlapping(
        tx,
        talk.tenantId,
        [talk.leaderId, talk.employeeId],
        talk.startsAt,
        talk.durationMin,
      );
      if (conflicts.length > 0) return { ok: false as const, conflicts };
      const row = await tx.feedbackTalk.create({ data: { ...talk }, select: { id: true } });
      return { ok: true as const, ...(await this.saved(tx, talk.tenantId, row.id, plans)) };
    });
  }

  async rescheduleTalk(tenantId: string, id: string, startsAt: Date, place: string | null, plans?: TalkPlans) {
    return this.prisma.$transaction(async (tx) => {
      await this.lock(tx, tenantId);
      const current = await tx.feedbackTalk.findFirst({ where: { tenantId, id, state: "scheduled" } });
      if (!current) return { ok: false as const, conflicts: null };
      const conflicts = await this.overlapping(
        tx,
        tenantId,
        [current.leaderId, current.employeeId],
        startsAt,
        current.durationMin,
        id,
      );
      if (conflicts.length > 0) return { ok: false as const, conflicts };
      await tx.feedbackTalk.updateMany({
        where: { tenantId, id },
        data: { startsAt, place, sequence: { increment: 1 } },
      });
      return { ok: true as const, ...(await this.saved(tx, tenantId, id, plans)) };
    });
  }

  cancelTalk(tenantId: string, id: string, plans?: TalkPlans): Promise<SavedTalk | null> {
    return this.prisma.$transaction(async (tx) => {
      const res = await tx.feedbackTalk.updateMany({
        where: { tenantId, id, state: "scheduled" },
        data: { state: "cancelled", sequence: { increment: 1 } },
      });
      return res.count === 1 ? this.saved(tx, tenantId, id, plans) : null;
    });
  }

  async talk(tenantId: string, id: string): Promise<TalkView | null> {
    const row = await this.prisma.feedbackTalk.findFirst({ where: { tenantId, id }, include: talkInclude });
    return row ? toTalk(row) : null;
  }

  async talksOf(tenantId: string, personId: string): Promise<readonly TalkView[]> {
    const rows = await this.prisma.feedbackTalk.findMany({
      where: { tenantId, OR: [{ leaderId: personId }, { employeeId: personId }] },
      include: talkInclude,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toTalk);
  }

  async activeTalks(tenantId: string): Promise<readonly TalkView[]> {
    const rows = await this.prisma.feedbackTalk.findMany({
      where: { tenantId, state: { not: "cancelled" } },
      include: talkInclude,
      orderBy: [{ startsAt: "asc" }, { id: "asc" }],
    });
    return rows.map(toTalk);
  }

  async saveSelfAssessment(
    tenantId: string,
    id: string,
    assessment: Assessment,
    note: string | null,
  ): Promise<TalkView | null> {
    const res = await this.prisma.feedbackTalk.updateMany({
      where: { tenantId, id, state: "scheduled" },
      data: { selfAssessment: { ...assessment }, selfNote: note, selfAssessedAt: new Date() },
    });
    return res.count === 1 ? this.talk(tenantId, id) : null;
  }

  recordTalk(tenantId: string, id: string, record: TalkRecord, plans?: TalkPlans): Promise<SavedTalk | null> {
    return this.prisma.$transaction(async (tx) => {
      const res = await tx.feedbackTalk.updateMany({
        where: { tenantId, id, state: { in: ["scheduled", "recorded"] } },
        data: {
          state: "recorded",
          leaderAssessment: { ...record.leaderAssessment },
          agreements: record.agreements,
          followUpDate: record.followUpDate ? new Date(`${record.followUpDate}T00:00:00Z`) : null,
          recordedAt: new Date(),
          employeeComment: null,
        },
      });
      if (res.count !== 1) return null;
      const talk = await tx.feedbackTalk.findFirstOrThrow({ where: { tenantId, id } });
      await tx.qualificationNeed.deleteMany({ where: { tenantId, talkId: id } });
      if (record.needs.length > 0) {
        await tx.qualificationNeed.createMany({
          data: record.needs.map((n) => ({ tenantId, talkId: id, personId: talk.employeeId, ...n })),
        });
      }
      return this.saved(tx, tenantId, id, plans);
    });
  }

  confirmTalk(tenantId: string, id: string, plans?: TalkPlans): Promise<SavedTalk | null> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const res = await tx.feedbackTalk.updateMany({
        where: { tenantId, id, state: "recorded" },
        data: { state: "confirmed", confirmedAt: now },
      });
      if (res.count !== 1) return null;
      await tx.qualificationNeed.updateMany({ where: { tenantId, talkId: id }, data: { openedAt: now } });
      return this.saved(tx, tenantId, id, plans);
    });
  }

  commentTalk(tenantId: string, id: string, comment: string, plans?: TalkPlans): Promise<SavedTalk | null> {
    return this.prisma.$transaction(async (tx) => {
      const res = await tx.feedbackTalk.updateMany({
        where: { tenantId, id, state: "recorded" },
        data: { employeeComment: comment },
      });
      return res.count === 1 ? this.saved(tx, tenantId, id, plans) : null;
    });
  }

  async openNeeds(tenantId: string, personId?: string): Promise<readonly OpenNeed[]> {
    const rows = await this.prisma.qualificationNeed.findMany({
      where: {
        tenantId,
        ...(personId ? { personId } : {}),
        // Needs from talks; needs recorded elsewhere have no profile version to name their criterion.
        talkId: { not: null },
        openedAt: { not: null },
        closedAt: null,
        person: { active: true },
      },
      include: { talk: { select: { profile: { select: { criteria: true } } } } },
      orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    });
    const needs = rows.map((r): OpenNeed => {
      const criterion = criteriaSchema.parse(r.talk?.profile.criteria ?? []).find((c) => c.key === r.criterionKey);
      return {
        id: r.id,
        personId: r.personId,
        criterionKey: r.criterionKey,
        criterionName: criterion?.name ?? { de: r.criterionKey, en: r.criterionKey },
        levelGap: r.levelGap,
        priority: r.priority,
        // The query keeps only needs from talks.
        talkId: r.talkId ?? "",
        agreedAt: r.openedAt ?? r.createdAt,
      };
    });
    // Stable sort: priority first, then the order agreed.
    return needs.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
  }
}
