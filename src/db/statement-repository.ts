import { randomUUID } from "node:crypto";
import type { PersonRef } from "../core/org/types.js";
import type { DeliveryPlan, StatementRepository } from "../core/ports.js";
import { STATEMENT_PURPOSE } from "../core/statements/statement-service.js";
import type {
  AckTally,
  NewStatement,
  NewStatementComment,
  StatementCommentView,
  StatementView,
} from "../core/statements/types.js";
import { KursError } from "../errors.js";
import type { PrismaClient } from "../generated/prisma/client.js";
import { deliverySummary, writePlan } from "./delivery-repository.js";
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
    return (await this.save(input, null)).statement;
  }

  publish(
    input: NewStatement,
    plan: Omit<DeliveryPlan, "subject">,
  ): Promise<{ readonly statement: StatementView; readonly deliveryIds: readonly string[] }> {
    return this.save(input, plan);
  }

  private async save(
    input: NewStatement,
    plan: Omit<DeliveryPlan, "subject"> | null,
  ): Promise<{ statement: StatementView; deliveryIds: readonly string[] }> {
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
        return await this.prisma.$transaction(async (tx) => {
          const row = await tx.statement.create({
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
          const deliveryIds = plan ? await writePlan(tx, input.tenantId, { ...plan, subject: row.id }) : [];
          return { statement: toView(row), deliveryIds };
        });
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

  async addComment(
    input: NewStatementComment,
    plan?: Omit<DeliveryPlan, "subject">,
  ): Promise<{ readonly comment: StatementCommentView; readonly deliveryIds: readonly string[] }> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.statementComment.create({
        data: {
          tenantId: input.tenantId,
          statementId: input.statementId,
          personId: input.personId,
          text: input.text,
          createdAt: input.at,
        },
        include: commentInclude,
      });
      const deliveryIds = plan ? await writePlan(tx, input.tenantId, { ...plan, subject: row.id }) : [];
      return { comment: toCommentView(row), deliveryIds };
    });
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

  async tally(tenantId: string, statementId: string): Promise<AckTally> {
    const summary = await deliverySummary(this.prisma, tenantId, STATEMENT_PURPOSE, statementId);
    const acks = await this.prisma.statementAck.findMany({
      where: { tenantId, statementId },
      select: { personId: true },
    });
    const byPerson = new Map<string, string[]>();
    for (const u of summary.unreachable) byPerson.set(u.personId, [...(byPerson.get(u.personId) ?? []), u.reason]);
    return {
      delivered: summary.reached,
      acknowledged: acks.map((a) => a.personId),
      unreachable: [...byPerson].map(([personId, reasons]) => ({ personId, reason: reasons.join("; ") })),
      waiting: summary.waiting,
    };
  }
}
