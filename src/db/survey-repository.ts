import type { Locale } from "../core/org/types.js";
import type { DeliveryPlan } from "../core/ports.js";
import type { SurveyRepository } from "../core/surveys/ports.js";
import type {
  AnswerValue,
  ChoiceOption,
  InstrumentDef,
  InterviewThemes,
  InvitationContext,
  InvitationView,
  NewInterview,
  NewInvitation,
  NewResponse,
  PollView,
  QuestionKind,
  ResponseData,
  SurveyView,
  WaveView,
} from "../core/surveys/types.js";
import { KursError } from "../errors.js";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { writePlan } from "./delivery-repository.js";

const surveyInclude = {
  criteria: { orderBy: { position: "asc" } },
  questions: { orderBy: { position: "asc" }, include: { criterion: { select: { key: true } } } },
  waves: { orderBy: { createdAt: "asc" } },
} as const;

type SurveyRow = Prisma.SurveyGetPayload<{ include: typeof surveyInclude }>;
type WaveRow = Prisma.SurveyWaveGetPayload<object>;
type InvitationRow = Prisma.SurveyInvitationGetPayload<object>;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && Reflect.get(err, "code") === "P2002";
}

function toWave(row: WaveRow): WaveView {
  return {
    id: row.id,
    surveyId: row.surveyId,
    key: row.key,
    label: row.label,
    status: row.status,
    anonymityThreshold: row.anonymityThreshold,
    createdAt: row.createdAt,
  };
}

function toOptions(json: Prisma.JsonValue | null): readonly ChoiceOption[] | null {
  if (!Array.isArray(json)) return null;
  return json.flatMap((o) =>
    o && typeof o === "object" && !Array.isArray(o) && typeof o.key === "string"
      ? [{ key: o.key, de: String(o.de ?? o.key), en: String(o.en ?? o.key) }]
      : [],
  );
}

function toSurvey(row: SurveyRow): SurveyView {
  return {
    id: row.id,
    tenantId: row.tenantId,
    title: row.title,
    templateKey: row.templateKey,
    audience: row.audience,
    anonymous: row.anonymous,
    anonymityThreshold: row.anonymityThreshold,
    criteria: row.criteria.map((c) => ({ key: c.key, labelDe: c.labelDe, labelEn: c.labelEn })),
    questions: row.questions.map((q) => ({
      id: q.id,
      key: q.key,
      kind: q.kind as QuestionKind,
      criterion: q.criterion?.key ?? null,
      textDe: q.textDe,
      textEn: q.textEn,
      options: toOptions(q.options),
      required: q.required,
    })),
    waves: row.waves.map(toWave),
  };
}

function toInvitation(row: InvitationRow): InvitationView {
  return {
    id: row.id,
    waveId: row.waveId,
    email: row.email,
    name: row.name,
    company: row.company,
    locale: row.locale as Locale,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    sentAt: row.sentAt,
  };
}

/** The calendar day in UTC: anonymous responses keep no time that could be matched to a login or a log. */
function dayOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export class PrismaSurveyRepository implements SurveyRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(input: {
    tenantId: string;
    title: string;
    templateKey: string | null;
    createdById: string | null;
    anonymityThreshold: number;
    instrument: InstrumentDef;
  }): Promise<SurveyView> {
    const { tenantId, instrument } = input;
    const id = await this.prisma.$transaction(async (tx) => {
      const survey = await tx.survey.create({
        data: {
          tenantId,
          title: input.title,
          templateKey: input.templateKey,
          audience: instrument.audience,
          anonymous: instrument.anonymous,
          anonymityThreshold: input.anonymityThreshold,
          createdById: input.createdById,
        },
      });
      const criterionIds = new Map<string, string>();
      for (const [position, c] of instrument.criteria.entries()) {
        const row = await tx.surveyCriterion.create({
          data: { tenantId, surveyId: survey.id, key: c.key, labelDe: c.labelDe, labelEn: c.labelEn, position },
        });
        criterionIds.set(c.key, row.id);
      }
      await tx.surveyQuestion.createMany({
        data: instrument.questions.map((q, position) => ({
          tenantId,
          surveyId: survey.id,
          criterionId: q.criterion ? (criterionIds.get(q.criterion) ?? null) : null,
          key: q.key,
          kind: q.kind,
          textDe: q.textDe,
          textEn: q.textEn,
          options: q.options ? q.options.map((o) => ({ ...o })) : undefined,
          required: q.required,
          position,
        })),
      });
      return survey.id;
    });
    const view = await this.get(tenantId, id);
    if (!view) throw new KursError("SURVEY_NOT_FOUND", `survey ${id} vanished after creation`);
    return view;
  }

  async get(tenantId: string, surveyId: string): Promise<SurveyView | null> {
    const row = await this.prisma.survey.findFirst({ where: { tenantId, id: surveyId }, include: surveyInclude });
    return row ? toSurvey(row) : null;
  }

  async addWave(tenantId: string, surveyId: string, key: string, label: string): Promise<WaveView> {
    try {
      return toWave(await this.prisma.surveyWave.create({ data: { tenantId, surveyId, key, label } }));
    } catch (err) {
      if (isUniqueViolation(err)) throw new KursError("WAVE_EXISTS", `wave ${key} exists`, { cause: err });
      throw err;
    }
  }

  async openWave(tenantId: string, waveId: string, anonymityThreshold: number, at: Date): Promise<WaveView> {
    // The threshold is only written while the wave is a draft: once open it never changes.
    await this.prisma.surveyWave.updateMany({
      where: { tenantId, id: waveId, status: "draft" },
      data: { status: "open", anonymityThreshold, opensAt: at },
    });
    const row = await this.prisma.surveyWave.findFirst({ where: { tenantId, id: waveId } });
    if (!row) throw new KursError("WAVE_NOT_FOUND", `no wave ${waveId}`);
    return toWave(row);
  }

  async setThreshold(tenantId: string, surveyId: string, threshold: number): Promise<void> {
    const opened = await this.prisma.surveyWave.count({ where: { tenantId, surveyId, status: { not: "draft" } } });
    if (opened > 0) throw new KursError("THRESHOLD_FROZEN", "a wave of this survey has opened");
    await this.prisma.survey.updateMany({ where: { tenantId, id: surveyId }, data: { anonymityThreshold: threshold } });
  }

  async addResponses(tenantId: string, waveId: string, responses: readonly NewResponse[], on: Date): Promise<number> {
    const wave = await this.prisma.surveyWave.findFirst({
      where: { tenantId, id: waveId },
      include: { survey: { include: { questions: true } } },
    });
    if (!wave) throw new KursError("WAVE_NOT_FOUND", `no wave ${waveId}`);
    const questionIds = new Map(wave.survey.questions.map((q) => [q.key, q.id]));
    await this.prisma.$transaction(async (tx) => {
      for (const r of responses)
        await insertResponse(
          tx,
          tenantId,
          waveId,
          questionIds,
          wave.survey.anonymous ? { ...r, personId: null } : r,
          on,
        );
    });
    return responses.length;
  }

  async responses(tenantId: string, surveyId: string): Promise<readonly ResponseData[]> {
    const rows = await this.prisma.surveyResponse.findMany({
      where: { tenantId, wave: { surveyId } },
      select: {
        waveId: true,
        unitId: true,
        answers: { select: { value: true, choice: true, text: true, question: { select: { key: true } } } },
      },
    });
    return rows.map((r) => ({
      waveId: r.waveId,
      unitId: r.unitId,
      answers: r.answers.map(
        (a): AnswerValue => ({ questionKey: a.question.key, value: a.value, choice: a.choice, text: a.text }),
      ),
    }));
  }

  async invitations(tenantId: string, waveId: string): Promise<readonly InvitationView[]> {
    const rows = await this.prisma.surveyInvitation.findMany({
      where: { tenantId, waveId },
      orderBy: { email: "asc" },
    });
    return rows.map(toInvitation);
  }

  async addInvitations(
    tenantId: string,
    waveId: string,
    invitations: readonly NewInvitation[],
  ): Promise<readonly InvitationView[]> {
    const created = await this.prisma.surveyInvitation.createManyAndReturn({
      data: invitations.map((i) => ({ tenantId, waveId, ...i })),
      skipDuplicates: true,
    });
    return created.map(toInvitation);
  }

  async renewToken(
    tenantId: string,
    invitationId: string,
    tokenHash: string,
    expiresAt: Date,
    onlyUnsent: boolean,
  ): Promise<boolean> {
    const { count } = await this.prisma.surveyInvitation.updateMany({
      where: { tenantId, id: invitationId, usedAt: null, ...(onlyUnsent ? { sentAt: null } : {}) },
      data: { tokenHash, expiresAt, sentAt: null },
    });
    return count === 1;
  }

  async markSent(tenantId: string, invitationId: string, at: Date): Promise<void> {
    await this.prisma.surveyInvitation.updateMany({ where: { tenantId, id: invitationId }, data: { sentAt: at } });
  }

  async findInvitation(tokenHash: string): Promise<InvitationContext | null> {
    const row = await this.prisma.surveyInvitation.findUnique({
      where: { tokenHash },
      include: { wave: { include: { survey: { include: surveyInclude } } } },
    });
    if (!row) return null;
    return {
      tenantId: row.tenantId,
      invitation: toInvitation(row),
      wave: toWave(row.wave),
      survey: toSurvey(row.wave.survey),
    };
  }

  async submitInvited(tokenHash: string, response: NewResponse, at: Date): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const invitation = await tx.surveyInvitation.findUnique({
        where: { tokenHash },
        include: { wave: { include: { survey: { include: { questions: true } } } } },
      });
      if (!invitation) return false;
      // The conditional update is the single-use guard: of two concurrent submits, one wins.
      const { count } = await tx.surveyInvitation.updateMany({
        where: { id: invitation.id, usedAt: null, expiresAt: { gt: at } },
        data: { usedAt: at },
      });
      if (count !== 1) return false;
      const questionIds = new Map(invitation.wave.survey.questions.map((q) => [q.key, q.id]));
      const anonymous = invitation.wave.survey.anonymous;
      await insertResponse(
        tx,
        invitation.tenantId,
        invitation.waveId,
        questionIds,
        anonymous ? { ...response, personId: null } : response,
        at,
      );
      return true;
    });
  }

  async openPulse(input: {
    tenantId: string;
    waveId: string;
    anonymityThreshold: number;
    opensAt: Date;
    closesAt: Date;
    plans: readonly DeliveryPlan[];
  }): Promise<readonly string[]> {
    return this.prisma.$transaction(
      async (tx) => {
        const { count } = await tx.surveyWave.updateMany({
          where: { tenantId: input.tenantId, id: input.waveId, status: "draft" },
          data: {
            status: "open",
            anonymityThreshold: input.anonymityThreshold,
            opensAt: input.opensAt,
            closesAt: input.closesAt,
          },
        });
        if (count !== 1) throw new KursError("WAVE_NOT_DRAFT", `wave ${input.waveId} is not a draft`);
        const ids: string[] = [];
        for (const plan of input.plans) ids.push(...(await writePlan(tx, input.tenantId, plan)));
        return ids;
      },
      { timeout: 60_000 },
    );
  }

  async answerInChat(
    tenantId: string,
    waveId: string,
    personId: string,
    response: NewResponse,
    at: Date,
  ): Promise<boolean> {
    const wave = await this.prisma.surveyWave.findFirst({
      where: { tenantId, id: waveId, status: "open" },
      include: { survey: { include: { questions: true } } },
    });
    if (!wave) return false;
    const questionIds = new Map(wave.survey.questions.map((q) => [q.key, q.id]));
    try {
      return await this.prisma.$transaction(async (tx) => {
        // The unique (wave, person) row is the one-answer-per-person guard; it holds no answer.
        await tx.surveyParticipation.create({ data: { tenantId, waveId, personId, answeredAt: at } });
        await insertResponse(
          tx,
          tenantId,
          waveId,
          questionIds,
          wave.survey.anonymous ? { ...response, personId: null } : { ...response, personId },
          at,
        );
        return true;
      });
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  }

  async hasAnswered(tenantId: string, waveId: string, personId: string): Promise<boolean> {
    return (await this.prisma.surveyParticipation.count({ where: { tenantId, waveId, personId } })) > 0;
  }

  participationCount(tenantId: string, waveId: string): Promise<number> {
    return this.prisma.surveyParticipation.count({ where: { tenantId, waveId } });
  }

  async closeWave(
    tenantId: string,
    waveId: string,
    at: Date,
    resultPurpose: string,
  ): Promise<{ closed: boolean; deliveryIds: readonly string[] }> {
    return this.prisma.$transaction(async (tx) => {
      const { count } = await tx.surveyWave.updateMany({
        where: { tenantId, id: waveId, status: "open" },
        data: { status: "closed", closesAt: at },
      });
      if (count !== 1) return { closed: false, deliveryIds: [] };
      // The scheduled result's job waits in the queue until its time; rather than move it, it is
      // cancelled and a result due now is planned under its own subject.
      const scheduled = await tx.delivery.updateManyAndReturn({
        where: { tenantId, purpose: resultPurpose, subject: waveId, state: "pending" },
        data: { state: "cancelled", reason: "closed early" },
        select: { personId: true, platform: true },
      });
      const deliveryIds = await writePlan(tx, tenantId, {
        purpose: resultPurpose,
        subject: `${waveId}:closed`,
        // Results go to the creator, a person: the rows this replaces have one.
        targets: scheduled.flatMap((r) => (r.personId ? [{ personId: r.personId, platform: r.platform }] : [])),
        notBefore: at,
      });
      return { closed: true, deliveryIds };
    });
  }

  async wave(tenantId: string, waveId: string) {
    const row = await this.prisma.surveyWave.findFirst({
      where: { tenantId, id: waveId },
      include: { survey: { include: surveyInclude } },
    });
    if (!row) return null;
    return {
      survey: toSurvey(row.survey),
      wave: toWave(row),
      closesAt: row.closesAt,
      createdById: row.survey.createdById,
    };
  }

  async openForPerson(tenantId: string, personId: string, promptPurpose: string) {
    const prompted = await this.prisma.delivery.findMany({
      where: { tenantId, personId, purpose: promptPurpose },
      select: { subject: true },
      distinct: ["subject"],
    });
    const ids = prompted.map((p) => p.subject).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    if (ids.length === 0) return [];
    const rows = await this.prisma.surveyWave.findMany({
      where: { tenantId, id: { in: ids }, status: "open", participation: { none: { personId } } },
      include: { survey: { include: surveyInclude } },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((row) => ({ survey: toSurvey(row.survey), wave: toWave(row), closesAt: row.closesAt }));
  }

  async employeeSurveys(tenantId: string, limit: number) {
    return this.prisma.survey.findMany({
      where: { tenantId, audience: "employees" },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, title: true, createdById: true },
    });
  }

  async addInterview(tenantId: string, interview: NewInterview): Promise<string> {
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.surveyInterview.create({
        data: {
          tenantId,
          surveyId: interview.surveyId,
          customer: interview.customer,
          heldOn: new Date(`${interview.heldOn}T00:00:00Z`),
          interviewerId: interview.interviewerId,
          notes: interview.notes,
        },
        select: { id: true },
      });
      await tx.surveyInterviewTag.createMany({
        data: interview.tags.map((t) => ({ tenantId, interviewId: row.id, ...t })),
        skipDuplicates: true,
      });
      return row.id;
    });
  }

  async interviewThemes(tenantId: string, surveyId: string): Promise<InterviewThemes> {
    const [interviews, tags] = await Promise.all([
      this.prisma.surveyInterview.count({ where: { tenantId, surveyId } }),
      this.prisma.surveyInterviewTag.groupBy({
        by: ["criterion", "sentiment"],
        where: { tenantId, interview: { surveyId } },
        _count: { _all: true },
      }),
    ]);
    const criteria: Record<string, { positive: number; negative: number }> = {};
    for (const t of tags) {
      const entry = criteria[t.criterion] ?? { positive: 0, negative: 0 };
      entry[t.sentiment] = t._count._all;
      criteria[t.criterion] = entry;
    }
    return { interviews, criteria };
  }

  recentSurveys(tenantId: string, limit: number) {
    return this.prisma.survey.findMany({
      where: { tenantId },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { id: true, title: true },
    });
  }

  async createPoll(input: {
    tenantId: string;
    hostId: string;
    question: string;
    options: readonly string[];
    correct: number | null;
    channel: string | null;
  }): Promise<PollView> {
    const row = await this.prisma.surveyPoll.create({
      data: {
        tenantId: input.tenantId,
        hostId: input.hostId,
        question: input.question,
        options: [...input.options],
        correct: input.correct,
        channel: input.channel,
      },
      select: { id: true },
    });
    const poll = await this.poll(input.tenantId, row.id);
    if (!poll) throw new KursError("POLL_NOT_FOUND", `poll ${row.id} vanished after creation`);
    return poll;
  }

  async poll(tenantId: string, pollId: string): Promise<PollView | null> {
    const row = await this.prisma.surveyPoll.findFirst({ where: { tenantId, id: pollId } });
    if (!row) return null;
    const options = Array.isArray(row.options) ? row.options.map((o) => String(o)) : [];
    const grouped = await this.prisma.surveyPollVote.groupBy({
      by: ["option"],
      where: { tenantId, pollId },
      _count: { _all: true },
    });
    const counts = options.map((_, i) => grouped.find((g) => g.option === i)?._count._all ?? 0);
    return {
      id: row.id,
      tenantId: row.tenantId,
      hostId: row.hostId,
      question: row.question,
      options,
      correct: row.correct,
      closedAt: row.closedAt,
      counts,
    };
  }

  async vote(tenantId: string, pollId: string, personId: string, option: number): Promise<boolean> {
    const open = await this.prisma.surveyPoll.count({ where: { tenantId, id: pollId, closedAt: null } });
    if (open === 0) return false;
    // The unique (poll, person) row makes a second vote replace the first, also when two race.
    await this.prisma.surveyPollVote.upsert({
      where: { pollId_personId: { pollId, personId } },
      create: { tenantId, pollId, personId, option },
      update: { option },
    });
    return true;
  }

  async closePoll(tenantId: string, pollId: string, at: Date): Promise<boolean> {
    const { count } = await this.prisma.surveyPoll.updateMany({
      where: { tenantId, id: pollId, closedAt: null },
      data: { closedAt: at },
    });
    return count === 1;
  }
}

async function insertResponse(
  tx: Prisma.TransactionClient,
  tenantId: string,
  waveId: string,
  questionIds: ReadonlyMap<string, string>,
  r: NewResponse,
  on: Date,
): Promise<void> {
  const row = await tx.surveyResponse.create({
    data: {
      tenantId,
      waveId,
      source: r.source,
      locale: r.locale,
      unitId: r.unitId,
      personId: r.personId,
      submittedOn: dayOf(on),
    },
  });
  const answers = r.answers.flatMap((a) => {
    const questionId = questionIds.get(a.questionKey);
    if (!questionId) throw new KursError("QUESTION_NOT_FOUND", `no question ${a.questionKey}`);
    return [{ tenantId, responseId: row.id, questionId, value: a.value, choice: a.choice, text: a.text }];
  });
  if (answers.length > 0) await tx.surveyAnswer.createMany({ data: answers });
}
