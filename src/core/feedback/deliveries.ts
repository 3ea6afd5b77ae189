import type { DeliveryRender } from "../feature.js";
import type { TenantInfo } from "../org/types.js";
import type { DeliveryPlan, DeliveryRequest, RenderedDelivery, TalkPlans } from "../ports.js";
import type { Services } from "../services.js";
import type { Card } from "../ui/card.js";
import { translator } from "../ui/i18n/index.js";
import { localeOf, peopleById, targetsOf, zoneOf } from "./common.js";
import { coverageOfLeader } from "./coverage.js";
import { talkIcs } from "./ics.js";
import { talkCard, type Viewer } from "./talk-cards.js";
import type { FeedbackPerson, TalkView } from "./types.js";
import { DAY_MS, formatWhen, isoWeekIn, todayIn } from "./when.js";

/** What each feedback delivery is; subjects name the talk and, where it matters, its schedule version. */
export const PURPOSES = {
  invitation: "feedback.invitation",
  moved: "feedback.moved",
  cancelled: "feedback.cancelled",
  reminder: "feedback.reminder",
  selfPrompt: "feedback.self-prompt",
  recorded: "feedback.recorded",
  comment: "feedback.comment",
  outcome: "feedback.outcome",
  nudge: "feedback.nudge",
} as const;

const HOUR_MS = 3_600_000;

function targets(people: readonly (FeedbackPerson | undefined)[]) {
  return people.flatMap((p) => (p ? targetsOf(p) : []));
}

/**
 * What a new or moved talk sends: the invitation (.ics) to the employee (and on a move a notice
 * to both), the reminders one day and one hour before to both, and the self-assessment prompt three
 * days before to the employee. Subjects carry the schedule version (sequence): a move plans fresh
 * rows, and the old ones render to "cancel" because their version is no longer the talk's.
 * The repository writes these rows in the talk's own transaction.
 */
export function scheduledPlans(now: Date, people: ReadonlyMap<string, FeedbackPerson>, moved: boolean): TalkPlans {
  return (talk) => {
    const leader = people.get(talk.leaderId);
    const employee = people.get(talk.employeeId);
    const s = `talk:${talk.id}:s${talk.sequence}`;
    const payload = { talkId: talk.id, sequence: talk.sequence };
    const at = (ms: number) => new Date(Math.max(now.getTime(), talk.startsAt.getTime() - ms));
    const plans: DeliveryPlan[] = [
      {
        purpose: moved ? PURPOSES.moved : PURPOSES.invitation,
        subject: s,
        targets: moved ? targets([employee, leader]) : targets([employee]),
        notBefore: now,
        payload,
      },
    ];
    // A reminder whose moment has passed already (a talk booked for this afternoon) is not sent at all.
    for (const [kind, ms] of [
      ["day", DAY_MS],
      ["hour", HOUR_MS],
    ] as const) {
      if (talk.startsAt.getTime() - ms <= now.getTime()) continue;
      plans.push({
        purpose: PURPOSES.reminder,
        subject: `${s}:${kind}`,
        targets: targets([leader, employee]),
        notBefore: at(ms),
        payload: { ...payload, kind },
      });
    }
    if (!talk.selfAssessment) {
      plans.push({
        purpose: PURPOSES.selfPrompt,
        subject: `${s}:self`,
        targets: targets([employee]),
        notBefore: at(3 * DAY_MS),
        payload,
      });
    }
    return plans;
  };
}

export function cancelledPlans(now: Date, people: ReadonlyMap<string, FeedbackPerson>): TalkPlans {
  return (talk) => [
    {
      purpose: PURPOSES.cancelled,
      subject: `talk:${talk.id}:cancelled`,
      targets: targets([people.get(talk.employeeId), people.get(talk.leaderId)]),
      notBefore: now,
      payload: { talkId: talk.id, sequence: talk.sequence },
    },
  ];
}

/** The record waits for the employee; each new record (recordedAt) is its own delivery. */
export function recordedPlans(now: Date, people: ReadonlyMap<string, FeedbackPerson>): TalkPlans {
  return (talk) => [
    {
      purpose: PURPOSES.recorded,
      subject: `talk:${talk.id}:recorded:${talk.recordedAt?.getTime() ?? 0}`,
      targets: targets([people.get(talk.employeeId)]),
      notBefore: now,
      payload: { talkId: talk.id },
    },
  ];
}

export function commentPlans(now: Date, people: ReadonlyMap<string, FeedbackPerson>): TalkPlans {
  return (talk) => [
    {
      purpose: PURPOSES.comment,
      subject: `talk:${talk.id}:comment:${talk.recordedAt?.getTime() ?? 0}`,
      targets: targets([people.get(talk.leaderId)]),
      notBefore: now,
      payload: { talkId: talk.id },
    },
  ];
}

export function outcomePlans(now: Date, people: ReadonlyMap<string, FeedbackPerson>): TalkPlans {
  return (talk) => [
    {
      purpose: PURPOSES.outcome,
      subject: `talk:${talk.id}:confirmed`,
      targets: targets([people.get(talk.employeeId), people.get(talk.leaderId)]),
      notBefore: now,
      payload: { talkId: talk.id },
    },
  ];
}

/** Plans this week's nudge for every leader who still has reports without a talk, while the campaign runs. */
export async function planNudges(services: Services, tenant: TenantInfo): Promise<number> {
  const campaign = await services.feedback.campaign(tenant.id);
  const now = services.clock.now();
  const today = todayIn(tenant.timezone, now);
  if (!campaign || today < campaign.startDate || today > campaign.endDate) return 0;
  const [people, talks] = await Promise.all([
    services.feedback.people(tenant.id),
    services.feedback.activeTalks(tenant.id),
  ]);
  const week = isoWeekIn(tenant.timezone, now);
  let planned = 0;
  const ids: string[] = [];
  for (const leader of people) {
    const { missing } = coverageOfLeader(leader.id, people, talks, campaign);
    if (missing.length === 0) continue;
    const written = await services.outbox.plan(tenant.id, {
      purpose: PURPOSES.nudge,
      subject: `nudge:${week}`,
      targets: targetsOf(leader),
      notBefore: now,
      payload: { week },
    });
    planned += written.length;
    ids.push(...written);
  }
  // Rows written and not enqueued (Redis away) wait for the sweep.
  if (ids.length > 0) await services.jobs.dispatchDeliveries(tenant.id, ids);
  return planned;
}

// ---------------------------------------------------------------------------------------------
// Renderers: the content is decided at send time, from the talk as it is then.

interface Loaded {
  readonly tenant: TenantInfo;
  readonly talk: TalkView;
  readonly people: Map<string, FeedbackPerson>;
  readonly recipient: FeedbackPerson;
}

async function load(services: Services, request: DeliveryRequest): Promise<Loaded | RenderedDelivery> {
  const talkId = request.payload?.talkId;
  if (typeof talkId !== "string") return { kind: "cancel", reason: "no talk in payload" };
  const tenant = await services.tenants.findById(request.tenantId);
  if (!tenant) return { kind: "cancel", reason: "tenant gone" };
  const talk = await services.feedback.talk(request.tenantId, talkId);
  if (!talk) return { kind: "cancel", reason: "talk gone" };
  const people = await peopleById(services, tenant.id);
  const recipient = people.get(request.personId);
  // Only the two people in the talk ever get a message about it.
  if (!recipient || (recipient.id !== talk.leaderId && recipient.id !== talk.employeeId)) {
    return { kind: "cancel", reason: "recipient not in the talk" };
  }
  return { tenant, talk, people, recipient };
}

function isLoaded(value: Loaded | RenderedDelivery): value is Loaded {
  return "talk" in value;
}

/** A delivery planned for an earlier schedule version (or a cancelled talk) is moot. */
function stale(request: DeliveryRequest, talk: TalkView): boolean {
  return request.payload?.sequence !== talk.sequence;
}

async function message(
  services: Services,
  l: Loaded,
  lead: (t: ReturnType<typeof translator>, when: string) => string,
  options: { readonly ics?: boolean; readonly content?: boolean } = {},
): Promise<RenderedDelivery> {
  const locale = localeOf(l.recipient, l.tenant);
  const zone = zoneOf(l.recipient, l.tenant);
  const t = translator(locale, l.tenant.formality);
  const viewer: Viewer = l.recipient.id === l.talk.leaderId ? "leader" : "employee";
  const leader = l.people.get(l.talk.leaderId);
  const employee = l.people.get(l.talk.employeeId);
  const profile = options.content ? await services.feedback.profile(l.tenant.id, l.talk.profileId) : null;
  const when = formatWhen(l.talk.startsAt, zone, locale);
  const card: Card = talkCard(
    { talk: l.talk, profile, leader, employee, zone, viewer, t },
    lead(t, when),
    options.content === true,
  );
  if (!options.ics || !leader || !employee) return { kind: "message", card: card, locale };
  const ics = talkIcs({
    talk: l.talk,
    zone,
    summary: t("feedback.ics.summary", { leader: leader.name, employee: employee.name }),
    description: t("feedback.ics.description"),
    organizer: { name: leader.name, email: leader.email },
    attendee: { name: employee.name, email: employee.email },
  });
  return {
    kind: "message",
    card: card,
    locale,
    files: [
      {
        filename: "feedback.ics",
        mediaType: "text/calendar",
        content: ics,
        description: t("feedback.ics.file", { when }),
      },
    ],
    record: { ics },
  };
}

const renderInvitation: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "scheduled" || stale(request, l.talk))
    return { kind: "cancel", reason: "talk moved or cancelled" };
  const leaderName = l.people.get(l.talk.leaderId)?.name ?? "?";
  return message(services, l, (t, when) => t("feedback.notice.invited", { leader: leaderName, when }), { ics: true });
};

const renderMoved: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "scheduled" || stale(request, l.talk))
    return { kind: "cancel", reason: "talk moved or cancelled" };
  return message(services, l, (t, when) => t("feedback.notice.moved", { when }), {
    ics: l.recipient.id === l.talk.employeeId,
  });
};

const renderCancelled: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "cancelled") return { kind: "cancel", reason: "talk not cancelled" };
  return message(services, l, (t, when) => t("feedback.notice.cancelled", { when }), {
    ics: l.recipient.id === l.talk.employeeId,
  });
};

const renderReminder: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "scheduled" || stale(request, l.talk))
    return { kind: "cancel", reason: "talk moved or cancelled" };
  const day = request.payload?.kind === "day";
  return message(services, l, (t, when) =>
    t(day ? "feedback.notice.reminderDay" : "feedback.notice.reminderHour", { when }),
  );
};

const renderSelfPrompt: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "scheduled" || stale(request, l.talk))
    return { kind: "cancel", reason: "talk moved or cancelled" };
  if (l.talk.selfAssessment) return { kind: "cancel", reason: "self-assessment given" };
  return message(services, l, (t, when) => t("feedback.notice.selfPrompt", { when }));
};

const renderRecorded: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "recorded") return { kind: "cancel", reason: "record no longer waiting" };
  return message(services, l, (t) => t("feedback.notice.recorded"), { content: true });
};

const renderComment: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "recorded" || !l.talk.employeeComment) return { kind: "cancel", reason: "no comment waiting" };
  return message(services, l, (t) => t("feedback.notice.commented"), { content: true });
};

const renderOutcome: DeliveryRender = async (services, request) => {
  const l = await load(services, request);
  if (!isLoaded(l)) return l;
  if (l.talk.state !== "confirmed") return { kind: "cancel", reason: "talk not confirmed" };
  return message(services, l, (t) => t("feedback.notice.outcome"), { content: true });
};

const renderNudge: DeliveryRender = async (services, request) => {
  const tenant = await services.tenants.findById(request.tenantId);
  if (!tenant) return { kind: "cancel", reason: "tenant gone" };
  const [people, talks, campaign] = await Promise.all([
    services.feedback.people(tenant.id),
    services.feedback.activeTalks(tenant.id),
    services.feedback.campaign(tenant.id),
  ]);
  if (!campaign || todayIn(tenant.timezone, services.clock.now()) > campaign.endDate) {
    return { kind: "cancel", reason: "campaign over" };
  }
  const leader = people.find((p) => p.id === request.personId);
  if (!leader) return { kind: "cancel", reason: "leader gone" };
  const { missing } = coverageOfLeader(leader.id, people, talks, campaign);
  if (missing.length === 0) return { kind: "cancel", reason: "nobody missing any more" };
  const locale = localeOf(leader, tenant);
  const t = translator(locale, tenant.formality);
  const text = t("feedback.notice.nudge", { count: missing.length, names: missing.map((p) => p.name).join(", ") });
  return {
    kind: "message",
    locale,
    card: {
      summary: text,
      blocks: [
        { type: "text", text },
        { type: "context", text: t("feedback.notice.nudgeHint") },
      ],
    },
  };
};

export const feedbackDeliveries: Readonly<Record<string, DeliveryRender>> = {
  [PURPOSES.invitation]: renderInvitation,
  [PURPOSES.moved]: renderMoved,
  [PURPOSES.cancelled]: renderCancelled,
  [PURPOSES.reminder]: renderReminder,
  [PURPOSES.selfPrompt]: renderSelfPrompt,
  [PURPOSES.recorded]: renderRecorded,
  [PURPOSES.comment]: renderComment,
  [PURPOSES.outcome]: renderOutcome,
  [PURPOSES.nudge]: renderNudge,
};
