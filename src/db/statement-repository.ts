import { randomUUID } from "node:crypto";
import type { PersonRef } from "../core/org/types.js";
import type { StatementRepository } from "../core/ports.js";
import type {
  AckTally,
  DeliveryClaim,
  NewStatement,
  NewStatementComment,
  StatementCommentView,
  StatementView,
} from "../core/statements/types.js";
import { KursError } from "../errors.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { personRefSelect } from "./org-repository.js";

const statementInclude = { author: { select: { id: true, name: true } } } as const;

type StatementRow = Awaited<ReturnType<PrismaClient["statement"]["findFirstOrThrow"]>> & {
  author: { id: string; name: string };
};

function toView(row: StatementRow): StatementView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    seriesId: row.seriesId,
    version: row.version,
    titleDe: row.titleDe,
    bodyDe: row.bodyDe,
    titleEn: row.titleEn,
    bodyEn: row.bodyEn,
    author: row.author,
    publishedAt: row.publishedAt,
    createdAt: row.createdAt,
  };
}

const commentInclude = { person: { select: { id: true, name: true } } } as const;

type CommentRow = Awaited<ReturnType<PrismaClient["statementComment"]["findFirstOrThrow"]>> & {
  person: { id: string; name: string };
};

function toCommentView(row: CommentRow): StatementCommentView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    statementId: row.statementId,
    person: row.person,
    text: row.text,
    createdAt: row.createdAt,
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && Reflect.get(err, "code") === "P2002";
}

/** Two revisions of one series saved at the same moment both want version n+1; the loser retries. */
const VERSION_ATTEMPTS = 3;

export class PrismaStatementRepository implements StatementRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: NewStatement): Promise<StatementView> {
    for (let attempt = 1; ; attempt += 1) {
      const seriesId = input.seriesId ?? randomUUID();
      const latest = input.seriesId
        ? await this.prisma.statement.aggregate({
            where: { tenantId: input.tenantId, seriesId },
            _max: { version: true },
          })
        : undefined;
      const version = (latest?._max.version ?? 0) + 1;
      try {
        const row = await this.prisma.statement.create({
          data: {
            tenantId: input.tenantId,
            seriesId,
            version,
            titleDe: input.titleDe,
            bodyDe: input.bodyDe,
            titleEn: input.titleEn,
            bodyEn: input.bodyEn,
            authorId: input.authorId,
            publishedAt: input.publishedAt,
          },
          include: statementInclude,
        });
        return toView(row);
      } catch (err) {
        if (isUniqueViolation(err) && attempt < VERSION_ATTEMPTS) continue;
        throw new KursError("STATEMENT_SAVE_FAILED", `could not save version ${version} of series ${seriesId}`, {
          cause: err,
        });
      }
    }
  }

  async get(tenantId: string, id: string): Promise<StatementView | null> {
    const row = await this.prisma.statement.findFirst({ where: { tenantId, id }, include: statementInclude });
    return row ? toView(row) : null;
  }

  async latestPublished(tenantId: string): Promise<StatementView | null> {
    const row = await this.prisma.statement.findFirst({
      where: { tenantId, publishedAt: { not: null } },
      orderBy: [{ publishedAt: "desc" }, { version: "desc" }],
      include: statementInclude,
    });
    return row ? toView(row) : null;
  }

  async latestInSeries(tenantId: string, seriesId: string): Promise<StatementView | null> {
    const row = await this.prisma.statement.findFirst({
      where: { tenantId, seriesId },
      orderBy: { version: "desc" },
      include: statementInclude,
    });
    return row ? toView(row) : null;
  }

  async acknowledge(tenantId: string, statementId: string, personId: string, at: Date): Promise<Date> {
    // ON CONFLICT DO NOTHING: a double click or a retried request keeps the first acknowledgement.
    await this.prisma.statementAck.createMany({
      data: [{ tenantId, statementId, personId, createdAt: at }],
      skipDuplicates: true,
    });
    return (await this.ackedAt(tenantId, statementId, personId)) ?? at;
  }

  async ackedAt(tenantId: string, statementId: string, personId: string): Promise<Date | null> {
    const row = await this.prisma.statementAck.findFirst({
      where: { tenantId, statementId, personId },
      select: { createdAt: true },
    });
    return row?.createdAt ?? null;
  }

  async addComment(input: NewStatementComment): Promise<StatementCommentView> {
    const row = await this.prisma.statementComment.create({
      data: {
        tenantId: input.tenantId,
        statementId: input.statementId,
        personId: input.personId,
        text: input.text,
        createdAt: input.at,
      },
      include: commentInclude,
    });
    return toCommentView(row);
  }

  async getComment(tenantId: string, id: string): Promise<StatementCommentView | null> {
    const row = await this.prisma.statementComment.findFirst({ where: { tenantId, id }, include: commentInclude });
    return row ? toCommentView(row) : null;
  }

  async recipient(tenantId: string, personId: string): Promise<PersonRef | null> {
    return this.prisma.person.findFirst({
      where: { tenantId, id: personId, active: true },
      select: personRefSelect,
    });
  }

  /**
   * The claim of deliverStatement's protocol. createdAt is the lease timestamp: the insert sets it,
   * a takeover moves it forward. Both are single statements, so Postgres decides every race.
   */
  async claimDelivery(
    tenantId: string,
    statementId: string,
    personId: string,
    now: Date,
    leaseMs: number,
  ): Promise<DeliveryClaim> {
    // The loop only repeats when a row vanished between insert and read (a failed attempt released it).
    for (let round = 0; round < 3; round += 1) {
      const inserted = await this.prisma.statementDelivery.createMany({
        data: [{ tenantId, statementId, personId, createdAt: now }],
        skipDuplicates: true,
      });
      if (inserted.count === 1) return { kind: "claimed", claimedAt: now };
      const row = await this.prisma.statementDelivery.findFirst({
        where: { tenantId, statementId, personId },
        select: { sentAt: true, createdAt: true },
      });
      if (!row) continue;
      if (row.sentAt) return { kind: "sent", sentAt: row.sentAt };
      const expiry = new Date(now.getTime() - leaseMs);
      const taken = await this.prisma.statementDelivery.updateMany({
        where: { tenantId, statementId, personId, sentAt: null, createdAt: { lte: expiry } },
        data: { createdAt: now },
      });
      if (taken.count === 1) return { kind: "claimed", claimedAt: now };
      return { kind: "busy", leaseUntil: new Date(row.createdAt.getTime() + leaseMs) };
    }
    return { kind: "busy", leaseUntil: new Date(now.getTime() + leaseMs) };
  }

  async releaseDelivery(tenantId: string, statementId: string, personId: string, claimedAt: Date): Promise<void> {
    await this.prisma.statementDelivery.deleteMany({
      where: { tenantId, statementId, personId, sentAt: null, createdAt: claimedAt },
    });
  }

  async markDelivered(
    tenantId: string,
    statementId: string,
    personId: string,
    claimedAt: Date,
    sentAt: Date,
  ): Promise<boolean> {
    const updated = await this.prisma.statementDelivery.updateMany({
      where: { tenantId, statementId, personId, sentAt: null, createdAt: claimedAt },
      data: { sentAt },
    });
    if (updated.count === 1) return true;
    // Lease taken over meanwhile: the row still says "not sent", and this send did happen.
    await this.prisma.statementDelivery.updateMany({
      where: { tenantId, statementId, personId, sentAt: null },
      data: { sentAt },
    });
    return false;
  }

  async tally(tenantId: string, statementId: string): Promise<AckTally> {
    const [deliveries, acks] = await Promise.all([
      this.prisma.statementDelivery.findMany({
        where: { tenantId, statementId, sentAt: { not: null } },
        select: { personId: true },
      }),
      this.prisma.statementAck.findMany({ where: { tenantId, statementId }, select: { personId: true } }),
    ]);
    return { delivered: deliveries.map((d) => d.personId), acknowledged: acks.map((a) => a.personId) };
  }
}
