import { DateTime } from "luxon";
import type { DeliveryRender } from "../feature.js";
import type { Platform, TenantInfo } from "../org/types.js";
import type { DeliveryPlan, DeliveryRequest, DeliveryTarget, JsonObject, RenderedDelivery } from "../ports.js";
import type { Services } from "../services.js";
import type { Block, Card } from "../ui/card.js";
import { type Translate, translator } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { trainingActions } from "./actions.js";
import { rosterCard, sessionWhere, upcoming, type View } from "./cards.js";
import { beforeInZone, formatDate, formatWhen, trainingDescription, trainingTitle } from "./format.js";
import { sessionCalendar } from "./ics.js";
import type { EnrolmentView, Participant, SessionView, TrainingView } from "./types.js";

/**
 * Everything the trainings feature sends goes through the outbox: it plans deliveries here (purpose,
 * a deterministic subject, notBefore) and renders them at send time below. A subject names one
 * message for good — (purpose, subject, person, platform) is delivered at most once — and renderers
 * cancel what has become moot (a reminder for a seat given up, an invitation already answered).
 */
export const PURPOSES = {
  enrolled: "trainings.enrolled",
  cancelled: "trainings.cancelled",
  promoted: "trainings.promoted",
  reminder: "trainings.reminder",
  attendance: "trainings.attendance",
  roster: "trainings.roster",
  invitation: "trainings.invitation",
  deadline: "trainings.deadline",
  leaderList: "trainings.leader-list",
  recommendation: "trainings.recommendation",
  recommendationLeader: "trainings.recommendation-leader",
  nominated: "trainings.nominated",
} as const;

export function targetsOf(p: Pick<Participant, "id" | "slackUserId" | "teamsAadObjectId">): DeliveryTarget[] {
  const platforms: Platform[] = [];
  if (p.slackUserId) platforms.push("slack");
  if (p.teamsAadObjectId) platforms.push("teams");
  return platforms.map((platform) => ({ personId: p.id, platform }));
}

const str = (payload: JsonObject | null, key: string): string | undefined => {
  const v = payload?.[key];
  return typeof v === "string" ? v : undefined;
};
const num = (payload: JsonObject | null, key: string): number | undefined => {
  const v = payload?.[key];
  return typeof v === "number" ? v : undefined;
};

// ---------------------------------------------------------------------------------------------
// Planning

/**
 * Plans one delivery in the outbox; what is due now also takes the fast path to the queue. Without
 * Redis ("delayed") nothing is lost: the rows wait in the database and the outbox's sweep sends them.
 */
export async function planDelivery(
  services: Services,
  tenantId: string,
  plan: DeliveryPlan,
): Promise<readonly string[]> {
  const ids = await services.outbox.plan(tenantId, plan);
  if (ids.length > 0 && plan.notBefore.getTime() <= services.clock.now().getTime()) {
    await services.jobs.dispatchDeliveries(tenantId, ids);
  }
  return ids;
}

/** When the session ends: the attendance question and the trainer's list go out then. */
export function sessionEnd(session: SessionView, training: TrainingView): Date {
  return new Date(session.startsAt.getTime() + training.durationMinutes * 60_000);
}

/**
 * What a seat brings: the confirmation (with the .ics), reminders one week and one day before (on the
 * person's wall clock, so a DST change in between does not shift them by an hour), and the attendance
 * question after the session. Reminders already past are not planned.
 */
export async function planSeat(
  services: Services,
  tenant: TenantInfo,
  input: {
    readonly enrolment: EnrolmentView;
    readonly session: SessionView;
    readonly training: TrainingView;
    readonly person: Participant;
    /** "promoted": the seat came from the waitlist. */
    readonly how: "enrolled" | "waitlisted" | "promoted";
  },
): Promise<void> {
  const { enrolment, session, training, person } = input;
  const targets = targetsOf(person);
  if (targets.length === 0) return;
  const now = services.clock.now();
  const base = { enrolment: enrolment.id, sequence: enrolment.sequence, startsAt: session.startsAt.toISOString() };
  const key = `enrolment:${enrolment.id}:${enrolment.sequence}`;
  await planDelivery(services, tenant.id, {
    purpose: input.how === "promoted" ? PURPOSES.promoted : PURPOSES.enrolled,
    subject: key,
    targets,
    notBefore: now,
    payload: base,
  });
  if (input.how === "waitlisted") return;
  const zone = person.timezone ?? tenant.timezone;
  for (const [when, days] of [
    ["week", 7],
    ["day", 1],
  ] as const) {
    const notBefore = beforeInZone(session.startsAt, zone, { days });
    if (notBefore.getTime() <= now.getTime()) continue;
    await planDelivery(services, tenant.id, {
      purpose: PURPOSES.reminder,
      subject: `${key}:${when}`,
      targets,
      notBefore,
      payload: { ...base, when },
    });
  }
  await planDelivery(services, tenant.id, {
    purpose: PURPOSES.attendance,
    subject: `${key}:attendance`,
    targets,
    notBefore: sessionEnd(session, training),
    payload: base,
  });
}

/** A cancelled seat: the calendar cancel goes out now; the planned reminders cancel themselves at send time. */
export async function planCancel(
  services: Services,
  tenantId: string,
  enrolment: EnrolmentView,
  person: Participant,
): Promise<void> {
  const targets = targetsOf(person);
  if (targets.length === 0) return;
  await planDelivery(services, tenantId, {
    purpose: PURPOSES.cancelled,
    subject: `enrolment:${enrolment.id}:${enrolment.sequence}:cancel`,
    targets,
    notBefore: services.clock.now(),
    payload: { enrolment: enrolment.id, sequence: enrolment.sequence },
  });
}

/** The trainer's attendance list, when the session ends. */
export async function planRoster(
  services: Services,
  tenantId: string,
  session: SessionView,
  training: TrainingView,
): Promise<void> {
  if (!session.trainer) return;
  const [trainer] = await services.trainings.participants(tenantId, [session.trainer.id]);
  if (!trainer) return;
  const targets = targetsOf(trainer);
  if (targets.length === 0) return;
  await planDelivery(services, tenantId, {
    purpose: PURPOSES.roster,
    subject: `session:${session.id}:roster`,
    targets,
    notBefore: sessionEnd(session, training),
    payload: { session: session.id },
  });
}

// ---------------------------------------------------------------------------------------------
// Rendering

interface Reader {
  readonly tenant: TenantInfo;
  readonly person: Participant;
  readonly view: View;
}

const cancel = (reason: string): RenderedDelivery => ({ kind: "cancel", reason });

async function reader(services: Services, request: DeliveryRequest): Promise<Reader | string> {
  const tenant = await services.tenants.findById(request.tenantId);
  if (!tenant) return "tenant gone";
  const [person] = await services.trainings.participants(tenant.id, [request.personId]);
  if (!person) return "person gone";
  const locale = person.locale ?? tenant.defaultLocale;
  const t: Translate = translator(locale, tenant.formality);
  return { tenant, person, view: { t, locale, zone: person.timezone ?? tenant.timezone, now: services.clock.now() } };
}

interface Seat {
  readonly enrolment: EnrolmentView;
  readonly session: SessionView;
  readonly training: TrainingView;
}

async function seat(services: Services, tenantId: string, enrolmentId: string | undefined): Promise<Seat | null> {
  if (!enrolmentId) return null;
  const enrolment = await services.trainings.enrolment(tenantId, enrolmentId);
  if (!enrolment) return null;
  const [session, training] = await Promise.all([
    services.trainings.session(tenantId, enrolment.sessionId),
    services.trainings.training(tenantId, enrolment.trainingId),
  ]);
  return session && training ? { enrolment, session, training } : null;
}

function message(
  r: Reader,
  card: Card,
  extra: Partial<Pick<Extract<RenderedDelivery, { kind: "message" }>, "files">> = {},
): RenderedDelivery {
  return { kind: "message", card, locale: r.view.locale, ...extra };
}

function whereLines(r: Reader, session: SessionView): string {
  const lines: string[] = [];
  if (session.place) lines.push(r.view.t("trainings.notice.where", { place: escapeMarkup(session.place) }));
  if (session.onlineUrl) lines.push(r.view.t("trainings.notice.link", { link: session.onlineUrl }));
  if (session.trainer) lines.push(r.view.t("trainings.sessions.trainer", { name: escapeMarkup(session.trainer.name) }));
  return lines.join("\n");
}

function calendar(r: Reader, s: Seat, cancelled: boolean) {
  return sessionCalendar({
    training: s.training,
    session: s.session,
    personId: r.person.id,
    title: trainingTitle(s.training, r.view.locale),
    description: trainingDescription(s.training, r.view.locale),
    sequence: s.enrolment.sequence,
    cancelled,
    stamp: s.enrolment.updatedAt,
  });
}

/** The seat a delivery was planned for, still as planned: same sequence, same start; else null. */
function stillHeld(s: Seat | null, request: DeliveryRequest, statuses: readonly string[]): s is Seat {
  if (!s) return false;
  if (s.session.cancelledAt) return false;
  if (num(request.payload, "sequence") !== s.enrolment.sequence) return false;
  const startsAt = str(request.payload, "startsAt");
  if (startsAt && startsAt !== s.session.startsAt.toISOString()) return false;
  return statuses.includes(s.enrolment.status);
}

const renderEnrolled: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const s = await seat(services, request.tenantId, str(request.payload, "enrolment"));
  if (!stillHeld(s, request, ["enrolled", "waitlisted"])) return cancel("seat no longer held");
  const { t, zone, locale } = r.view;
  const title = trainingTitle(s.training, locale);
  const when = formatWhen(s.session.startsAt, zone, locale);
  const waitlisted = s.enrolment.status === "waitlisted";
  const text = waitlisted
    ? t("trainings.enrol.waitlisted", { title: escapeMarkup(title), when, position: s.enrolment.waitlistPosition ?? 1 })
    : t("trainings.enrol.enrolled", { title: escapeMarkup(title), when });
  const card: Card = {
    summary: t(waitlisted ? "trainings.notice.waitlistedSummary" : "trainings.notice.enrolledSummary", { title }),
    blocks: [
      { type: "text", text },
      ...(whereLines(r, s.session) ? [{ type: "text" as const, text: whereLines(r, s.session) }] : []),
      {
        type: "actions",
        actions: [
          trainingActions.cancel.button(
            t("trainings.buttons.cancel"),
            { enrolment: s.enrolment.id },
            { style: "danger" },
          ),
        ],
      },
    ],
  };
  return message(r, card, waitlisted ? {} : { files: [calendar(r, s, false)] });
};

const renderPromoted: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const s = await seat(services, request.tenantId, str(request.payload, "enrolment"));
  if (!stillHeld(s, request, ["enrolled"])) return cancel("seat no longer held");
  const { t, zone, locale } = r.view;
  const title = trainingTitle(s.training, locale);
  const when = formatWhen(s.session.startsAt, zone, locale);
  return message(
    r,
    {
      summary: t("trainings.notice.promotedSummary", { title }),
      blocks: [
        { type: "text", text: t("trainings.notice.promoted", { title: escapeMarkup(title), when }) },
        {
          type: "actions",
          actions: [
            trainingActions.cancel.button(
              t("trainings.buttons.cancel"),
              { enrolment: s.enrolment.id },
              { style: "danger" },
            ),
          ],
        },
      ],
    },
    { files: [calendar(r, s, false)] },
  );
};

const renderCancelled: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const s = await seat(services, request.tenantId, str(request.payload, "enrolment"));
  if (!s || num(request.payload, "sequence") !== s.enrolment.sequence || s.enrolment.status !== "cancelled") {
    return cancel("enrolled again meanwhile");
  }
  const { t, zone, locale } = r.view;
  const title = trainingTitle(s.training, locale);
  const when = formatWhen(s.session.startsAt, zone, locale);
  return message(
    r,
    {
      summary: t("trainings.notice.cancelledSummary", { title }),
      blocks: [{ type: "text", text: t("trainings.enrol.cancelled", { title: escapeMarkup(title), when }) }],
    },
    { files: [calendar(r, s, true)] },
  );
};

const renderReminder: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const s = await seat(services, request.tenantId, str(request.payload, "enrolment"));
  if (!stillHeld(s, request, ["enrolled"])) return cancel("seat no longer held or session moved");
  const { t, zone, locale } = r.view;
  const title = trainingTitle(s.training, locale);
  const when = formatWhen(s.session.startsAt, zone, locale);
  const key = str(request.payload, "when") === "day" ? "trainings.notice.reminderDay" : "trainings.notice.reminderWeek";
  const blocks: Block[] = [{ type: "text", text: t(key, { title: escapeMarkup(title), when }) }];
  const where = whereLines(r, s.session);
  if (where) blocks.push({ type: "text", text: where });
  blocks.push({
    type: "actions",
    actions: [
      trainingActions.cancel.button(t("trainings.buttons.cancel"), { enrolment: s.enrolment.id }, { style: "danger" }),
    ],
  });
  return message(r, { summary: t("trainings.notice.reminderSummary", { title, when }), blocks });
};

const renderAttendance: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const s = await seat(services, request.tenantId, str(request.payload, "enrolment"));
  // Already marked by the trainer (attended or no-show): nothing to ask.
  if (!stillHeld(s, request, ["enrolled"])) return cancel("attendance already recorded or seat given up");
  const { t, zone, locale } = r.view;
  const title = trainingTitle(s.training, locale);
  const when = formatWhen(s.session.startsAt, zone, locale);
  return message(r, {
    summary: t("trainings.notice.attendanceSummary", { title }),
    blocks: [
      { type: "text", text: t("trainings.notice.attendance", { title: escapeMarkup(title), when }) },
      {
        type: "actions",
        actions: [
          trainingActions.confirm.button(
            t("trainings.buttons.confirm"),
            { enrolment: s.enrolment.id },
            { style: "primary" },
          ),
        ],
      },
    ],
  });
};

/** The trainer's list, as it stands when sent (people who cancelled are not on it). */
export async function rosterFor(
  services: Services,
  tenantId: string,
  view: View,
  sessionId: string,
): Promise<Card | null> {
  const session = await services.trainings.session(tenantId, sessionId);
  if (!session) return null;
  const training = await services.trainings.training(tenantId, session.trainingId);
  if (!training) return null;
  const enrolments = (await services.trainings.enrolments(tenantId, { sessionId })).filter((e) =>
    ["enrolled", "attended", "no_show"].includes(e.status),
  );
  const people = await services.trainings.participants(
    tenantId,
    enrolments.map((e) => e.personId),
  );
  const names = new Map(people.map((p) => [p.id, p.name]));
  const entries = enrolments
    .map((enrolment) => ({ enrolment, name: names.get(enrolment.personId) ?? "?" }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return rosterCard(view, training, session, entries);
}

const renderRoster: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const sessionId = str(request.payload, "session");
  const session = sessionId ? await services.trainings.session(request.tenantId, sessionId) : null;
  if (!session || session.cancelledAt) return cancel("session gone or cancelled");
  if (session.trainer?.id !== r.person.id) return cancel("trainer changed");
  const card = await rosterFor(services, request.tenantId, r.view, session.id);
  return card ? message(r, card) : cancel("session gone");
};

/** People an invitation covers: active people with a role in one of its units (or below). */
export async function invitedPeople(
  services: Services,
  tenantId: string,
  unitIds: readonly string[],
): Promise<Participant[]> {
  const [units, people, participants] = await Promise.all([
    services.org.units(tenantId),
    services.org.people(tenantId),
    services.trainings.participants(tenantId),
  ]);
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const within = (unitId: string) => {
    for (let u: string | null | undefined = unitId; u; u = parent.get(u)) if (unitIds.includes(u)) return true;
    return false;
  };
  const ids = new Set(people.filter((p) => p.roles.some((r) => within(r.unitId))).map((p) => p.id));
  return participants.filter((p) => ids.has(p.id));
}

async function hasSeat(services: Services, tenantId: string, trainingId: string, personId: string): Promise<boolean> {
  const mine = await services.trainings.enrolments(tenantId, { personId, trainingId });
  return mine.some((e) => e.status === "enrolled" || e.status === "waitlisted" || e.status === "attended");
}

function sessionPicker(r: Reader, sessions: readonly SessionView[], need?: string): Block[] {
  const blocks: Block[] = [];
  for (const session of upcoming(sessions, r.view.now).slice(0, 5)) {
    const free = session.capacity - session.taken;
    const label = `${formatWhen(session.startsAt, r.view.zone, r.view.locale)}`.slice(0, 70);
    blocks.push(
      { type: "text", text: [label, sessionWhere(r.view, session)].filter((l) => l).join("\n") },
      {
        type: "actions",
        actions: [
          trainingActions.enrol.button(
            free > 0 ? r.view.t("trainings.buttons.enrol") : r.view.t("trainings.buttons.waitlist"),
            { session: session.id, need },
            free > 0 ? { style: "primary" } : undefined,
          ),
        ],
      },
    );
  }
  if (blocks.length === 0) blocks.push({ type: "text", text: r.view.t("trainings.notice.noSessions") });
  return blocks;
}

async function invitationOf(services: Services, request: DeliveryRequest) {
  const id = str(request.payload, "invitation");
  const invitation = id ? await services.trainings.invitation(request.tenantId, id) : null;
  const training = invitation ? await services.trainings.training(request.tenantId, invitation.trainingId) : null;
  return invitation && training ? { invitation, training } : null;
}

const renderInvitation: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const found = await invitationOf(services, request);
  if (!found) return cancel("invitation gone");
  const { invitation, training } = found;
  if (await hasSeat(services, request.tenantId, training.id, r.person.id)) return cancel("enrolled already");
  const { t, locale } = r.view;
  const title = trainingTitle(training, locale);
  const deadline = formatDate(invitation.deadline, r.view.zone, locale);
  const sessions = await services.trainings.sessions(request.tenantId, training.id);
  const summaryKey =
    str(request.payload, "stage") === "deadline"
      ? "trainings.notice.deadlineSummary"
      : "trainings.notice.invitationSummary";
  const textKey =
    str(request.payload, "stage") === "deadline" ? "trainings.notice.deadline" : "trainings.notice.invitation";
  return message(r, {
    summary: t(summaryKey, { title }),
    blocks: [
      { type: "text", text: t(textKey, { title: escapeMarkup(title), deadline }) },
      ...sessionPicker(r, sessions),
    ],
  });
};

const renderLeaderList: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const found = await invitationOf(services, request);
  if (!found) return cancel("invitation gone");
  const { invitation, training } = found;
  const invited = (await invitedPeople(services, request.tenantId, invitation.unitIds)).filter(
    (p) => p.managerId === r.person.id,
  );
  const missing: string[] = [];
  for (const p of invited) if (!(await hasSeat(services, request.tenantId, training.id, p.id))) missing.push(p.name);
  if (missing.length === 0) return cancel("everyone enrolled");
  const { t, locale } = r.view;
  const title = trainingTitle(training, locale);
  const deadline = formatDate(invitation.deadline, r.view.zone, locale);
  return message(r, {
    summary: t("trainings.notice.leaderSummary", { title }),
    blocks: [
      { type: "text", text: t("trainings.notice.leader", { title: escapeMarkup(title), deadline }) },
      { type: "list", items: missing.map(escapeMarkup) },
    ],
  });
};

async function needOf(services: Services, request: DeliveryRequest) {
  const needId = str(request.payload, "need");
  const personId = str(request.payload, "person") ?? request.personId;
  const trainingId = str(request.payload, "training");
  const needs = await services.qualificationNeeds.openNeeds(request.tenantId, personId);
  const need = needs.find((n) => n.id === needId);
  const training = trainingId ? await services.trainings.training(request.tenantId, trainingId) : null;
  return need && training ? { need, training, personId } : null;
}

const renderRecommendation: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const found = await needOf(services, request);
  if (!found) return cancel("need addressed or training gone");
  if (await hasSeat(services, request.tenantId, found.training.id, r.person.id)) return cancel("enrolled already");
  const { t, locale } = r.view;
  const title = trainingTitle(found.training, locale);
  const sessions = await services.trainings.sessions(request.tenantId, found.training.id);
  return message(r, {
    summary: t("trainings.notice.recommendationSummary", { title }),
    blocks: [
      {
        type: "text",
        text: t("trainings.notice.recommendation", {
          title: escapeMarkup(title),
          criterion: escapeMarkup(found.need.criterionKey),
        }),
      },
      ...sessionPicker(r, sessions, found.need.id),
    ],
  });
};

const renderRecommendationLeader: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const found = await needOf(services, request);
  if (!found) return cancel("need addressed or training gone");
  if (await hasSeat(services, request.tenantId, found.training.id, found.personId)) return cancel("enrolled already");
  const [report] = await services.trainings.participants(request.tenantId, [found.personId]);
  if (!report) return cancel("person gone");
  const { t, locale } = r.view;
  const title = trainingTitle(found.training, locale);
  return message(r, {
    summary: t("trainings.notice.recommendationSummary", { title }),
    blocks: [
      {
        type: "text",
        text: t("trainings.notice.recommendationLeader", {
          title: escapeMarkup(title),
          criterion: escapeMarkup(found.need.criterionKey),
          name: escapeMarkup(report.name),
        }),
      },
      {
        type: "actions",
        actions: [
          trainingActions.nominate.button(t("trainings.buttons.nominate"), {
            training: found.training.id,
            person: report.id,
          }),
        ],
      },
    ],
  });
};

const renderNominated: DeliveryRender = async (services, request) => {
  const r = await reader(services, request);
  if (typeof r === "string") return cancel(r);
  const trainingId = str(request.payload, "training");
  const training = trainingId ? await services.trainings.training(request.tenantId, trainingId) : null;
  if (!training) return cancel("training gone");
  if (await hasSeat(services, request.tenantId, training.id, r.person.id)) return cancel("enrolled already");
  const [by] = await services.trainings.participants(request.tenantId, [str(request.payload, "by") ?? ""]);
  const { t, locale } = r.view;
  const title = trainingTitle(training, locale);
  const sessions = await services.trainings.sessions(request.tenantId, training.id);
  return message(r, {
    summary: t("trainings.notice.nominatedSummary", { title }),
    blocks: [
      {
        type: "text",
        text: t("trainings.notice.nominated", { title: escapeMarkup(title), name: escapeMarkup(by?.name ?? "?") }),
      },
      ...sessionPicker(r, sessions),
    ],
  });
};

export const trainingDeliveries: Readonly<Record<string, DeliveryRender>> = {
  [PURPOSES.enrolled]: renderEnrolled,
  [PURPOSES.promoted]: renderPromoted,
  [PURPOSES.cancelled]: renderCancelled,
  [PURPOSES.reminder]: renderReminder,
  [PURPOSES.attendance]: renderAttendance,
  [PURPOSES.roster]: renderRoster,
  [PURPOSES.invitation]: renderInvitation,
  [PURPOSES.deadline]: renderInvitation,
  [PURPOSES.leaderList]: renderLeaderList,
  [PURPOSES.recommendation]: renderRecommendation,
  [PURPOSES.recommendationLeader]: renderRecommendationLeader,
  [PURPOSES.nominated]: renderNominated,
};

/** 09:00 on the day after `deadline`, in `zone`: when the deadline reminder and the leader's list go out. */
export function dayAfter(deadline: Date, zone: string): Date {
  return DateTime.fromJSDate(deadline, { zone }).plus({ days: 1 }).startOf("day").set({ hour: 9 }).toJSDate();
}
