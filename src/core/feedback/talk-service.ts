import type { Requester } from "../org/identify.js";
import type { Services } from "../services.js";
import type { Block, Card, Form, FormValues, Input } from "../ui/card.js";
import { fieldText, typedValue } from "../ui/form-values.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply } from "../ui/reply.js";
import { FEEDBACK_FORMS, feedbackActions } from "./actions.js";
import { cardReply, isCard, isUuid, type Member, member, peopleById, pick, textCard, zoneOf } from "./common.js";
import { cancelledPlans, commentPlans, outcomePlans, recordedPlans, scheduledPlans } from "./deliveries.js";
import type { FeedbackOutcome } from "./outcomes.js";
import { criterionBlocks, ensureDraft } from "./profile-service.js";
import { talkCard, talkHeadBlocks, type Viewer } from "./talk-cards.js";
import {
  type Assessment,
  type FeedbackPerson,
  PRIORITIES,
  type Priority,
  type ProfileVersion,
  type TalkView,
} from "./types.js";
import { DEFAULT_DURATION_MIN, formatWhen, localParts, parseDate, parseWhen } from "./when.js";

/** How many qualification needs the record form offers; more are rare in one talk. */
export const NEED_SLOTS = 3;

// ---------------------------------------------------------------------------------------------
// Who may see and do what. Content is for the two people in the talk, and HR only where the
// tenant allows it; everyone else, whatever their rank, hears the same as for a talk that does not exist.

export async function viewerOf(services: Services, m: Member, talk: TalkView): Promise<Viewer | null> {
  if (talk.leaderId === m.person.id) return "leader";
  if (talk.employeeId === m.person.id) return "employee";
  if (!(await services.feedback.hrAccess(m.tenant.id))) return null;
  return (await services.feedback.members(m.tenant.id, "hr")).includes(m.person.id) ? "hr" : null;
}

const notFound = (t: Translate) => textCard(t("feedback.talk.notFound"));

/** The talk if the requester is in it (in the given part), else null: unknown and forbidden answer alike. */
async function talkFor(
  services: Services,
  m: Member,
  talkId: string,
  part: Viewer | "any",
): Promise<{ talk: TalkView; viewer: Viewer } | null> {
  if (!isUuid(talkId)) return null;
  const talk = await services.feedback.talk(m.tenant.id, talkId);
  if (!talk) return null;
  const viewer = await viewerOf(services, m, talk);
  if (!viewer || (part !== "any" && viewer !== part)) return null;
  return { talk, viewer };
}

async function cardFor(services: Services, m: Member, talk: TalkView, viewer: Viewer, lead?: string): Promise<Card> {
  const people = await peopleById(services, m.tenant.id);
  const profile = await services.feedback.profile(m.tenant.id, talk.profileId);
  return talkCard(
    {
      talk,
      profile,
      leader: people.get(talk.leaderId),
      employee: people.get(talk.employeeId),
      zone: zoneOf(people.get(m.person.id) ?? null, m.tenant),
      viewer,
      t: m.t,
    },
    lead,
  );
}

export async function openTalk(services: Services, requester: Requester, talkId: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  const found = await talkFor(services, m, talkId, "any");
  if (!found) return cardReply(notFound(m.t));
  return cardReply(await cardFor(services, m, found.talk, found.viewer));
}

// ---------------------------------------------------------------------------------------------
// Scheduling

type PersonMatch = { ok: true; person: FeedbackPerson } | { ok: false; card: Card };

/** `<@U123|anna>`, `<@U123>`, an e-mail or a name: resolved among the leader's direct reports. */
export function resolveReport(
  m: Member,
  people: readonly FeedbackPerson[],
  text: string,
  scope: "reports" | "anyone" = "reports",
): PersonMatch {
  const { t } = m;
  const query = text.trim();
  const mention = /^<@([A-Z0-9]+)(?:\|[^>]*)?>$/i.exec(query);
  const lower = query.toLowerCase().replace(/^@/, "");
  const candidates = mention
    ? people.filter((p) => p.slackUserId === mention[1])
    : lower.includes("@")
      ? people.filter((p) => p.email.toLowerCase() === lower)
      : people.filter((p) => p.name.toLowerCase() === lower);
  const loose =
    candidates.length > 0 || mention || lower.includes("@") || lower === ""
      ? candidates
      : people.filter(
          (p) => p.name.toLowerCase().split(/\s+/).includes(lower) || p.name.toLowerCase().startsWith(lower),
        );
  const reports = scope === "anyone" ? loose : loose.filter((p) => p.managerId === m.person.id);
  const shown = escapeMarkup(query.slice(0, 80));
  if (reports.length === 1 && reports[0]) return { ok: true, person: reports[0] };
  if (reports.length > 1) return { ok: false, card: textCard(t("feedback.schedule.ambiguous", { query: shown })) };
  if (loose.length > 0) return { ok: false, card: textCard(t("feedback.schedule.notYourReport", { query: shown })) };
  return { ok: false, card: textCard(t("feedback.schedule.unknownPerson", { query: shown })) };
}

type ScheduleProblem = "date" | "time" | "past" | "nonexistent" | "noProfile" | "conflict" | "place";

interface ScheduleInput {
  readonly employee: FeedbackPerson;
  readonly date: string;
  readonly time: string;
  readonly place: string | null;
}

type ScheduleResult =
  | { ok: true; talk: TalkView; card: Card }
  | { ok: false; problem: ScheduleProblem; message: string };

function whenProblem(t: Translate, problem: "date" | "time" | "past" | "nonexistent"): string {
  return t(`feedback.schedule.${problem}`);
}

function conflictMessage(
  t: Translate,
  m: Member,
  conflicts: readonly TalkView[],
  employee: FeedbackPerson,
  zone: string,
): string {
  // Name only whose calendar is taken (the leader or the employee of this booking) and when; never
  // who the other talk is with.
  const first = conflicts[0];
  if (!first) return t("feedback.schedule.conflict", { name: "?", when: "?" });
  const leaderBusy = first.leaderId === m.person.id || first.employeeId === m.person.id;
  const who = leaderBusy ? t("feedback.schedule.you") : employee.name;
  return t("feedback.schedule.conflict", { name: who, when: formatWhen(first.startsAt, zone, t.locale) });
}

async function schedule(
  services: Services,
  m: Member,
  input: ScheduleInput,
  rescheduling?: TalkView,
): Promise<ScheduleResult> {
  const { t } = m;
  const people = await peopleById(services, m.tenant.id);
  const zone = zoneOf(people.get(m.person.id) ?? null, m.tenant);
  const when = parseWhen(input.date, input.time, zone, services.clock.now());
  if (!when.ok) return { ok: false, problem: when.problem, message: whenProblem(t, when.problem) };
  if (input.place && input.place.length > 300) {
    return { ok: false, problem: "place", message: t("feedback.errors.textLength", { max: 300 }) };
  }
  if (rescheduling) {
    const moved = await services.feedback.rescheduleTalk(
      m.tenant.id,
      rescheduling.id,
      when.at,
      input.place,
      scheduledPlans(services.clock.now(), people, true),
    );
    if (!moved.ok) {
      if (moved.conflicts === null) return { ok: false, problem: "conflict", message: t("feedback.talk.notScheduled") };
      return { ok: false, problem: "conflict", message: conflictMessage(t, m, moved.conflicts, input.employee, zone) };
    }
    await services.jobs.dispatchDeliveries(m.tenant.id, moved.deliveryIds);
    const card = await cardFor(
      services,
      m,
      moved.talk,
      "leader",
      t("feedback.schedule.moved", {
        name: input.employee.name,
        when: formatWhen(moved.talk.startsAt, zone, t.locale),
      }),
    );
    return { ok: true, talk: moved.talk, card };
  }
  await ensureDraft(services, m.tenant.id);
  const profile = await services.feedback.latestProfile(m.tenant.id);
  if (!profile) return { ok: false, problem: "noProfile", message: t("feedback.schedule.noProfile") };
  const created = await services.feedback.createTalk(
    {
      tenantId: m.tenant.id,
      leaderId: m.person.id,
      employeeId: input.employee.id,
      profileId: profile.id,
      startsAt: when.at,
      durationMin: DEFAULT_DURATION_MIN,
      place: input.place,
    },
    scheduledPlans(services.clock.now(), people, false),
  );
  if (!created.ok) {
    return { ok: false, problem: "conflict", message: conflictMessage(t, m, created.conflicts, input.employee, zone) };
  }
  await services.jobs.dispatchDeliveries(m.tenant.id, created.deliveryIds);
  const card = await cardFor(
    services,
    m,
    created.talk,
    "leader",
    t("feedback.schedule.done", { name: input.employee.name, when: formatWhen(created.talk.startsAt, zone, t.locale) }),
  );
  return { ok: true, talk: created.talk, card };
}

/** `/feedback schedule <person> <date> <time> [place]`; without arguments, the form. */
export async function scheduleCommand(services: Services, m: Member, args: string): Promise<Reply> {
  const { t } = m;
  if (args.trim() === "") return openScheduleFormFor(services, m);
  const tokens = args.trim().split(/\s+/);
  const dateIndex = tokens.findIndex((tok, i) => i > 0 && parseDate(tok) !== null);
  const fallbackDate = tokens.findIndex((tok, i) => i > 0 && /^\d/.test(tok));
  const at = dateIndex > 0 ? dateIndex : fallbackDate;
  if (at <= 0 || tokens.length < at + 2) return cardReply(textCard(t("feedback.schedule.usage")));
  const who = resolveReport(m, await services.feedback.people(m.tenant.id), tokens.slice(0, at).join(" "));
  if (!who.ok) return cardReply(who.card);
  const place = tokens.slice(at + 2).join(" ");
  const result = await schedule(services, m, {
    employee: who.person,
    date: tokens[at] ?? "",
    time: tokens[at + 1] ?? "",
    place: place === "" ? null : place,
  });
  return cardReply(result.ok ? result.card : textCard(result.message));
}

async function openScheduleFormFor(services: Services, m: Member, talk?: TalkView): Promise<Reply> {
  const people = await services.feedback.people(m.tenant.id);
  const reports = people.filter((p) => p.managerId === m.person.id);
  if (reports.length === 0) return cardReply(textCard(m.t("feedback.schedule.noReports")));
  const zone = zoneOf(people.find((p) => p.id === m.person.id) ?? null, m.tenant);
  return { kind: "form", form: scheduleForm(m.t, reports, zone, talk) };
}

function scheduleForm(
  t: Translate,
  reports: readonly FeedbackPerson[],
  zone: string,
  talk?: TalkView,
  errors?: Record<string, string>,
  values?: FormValues,
): Form {
  const at = talk ? localParts(talk.startsAt, zone) : undefined;
  const initial = (id: string, fallback: string | undefined) => (values ? typedValue(values, id) : fallback);
  const person = initial("person", talk?.employeeId);
  const date = initial("date", at?.date);
  const time = initial("time", at?.time);
  const place = initial("place", talk?.place ?? undefined);
  const inputs: Input[] = [];
  // A reschedule keeps the person: the talk's .ics UID and its self-assessment belong to them.
  if (!talk) {
    inputs.push({
      kind: "select",
      id: "person",
      label: t("feedback.schedule.personLabel"),
      required: true,
      options: reports.map((p) => ({ value: p.id, label: p.name })),
      ...(person ? { initial: person } : {}),
    });
  }
  inputs.push(
    {
      kind: "date",
      id: "date",
      label: t("feedback.schedule.dateLabel"),
      required: true,
      ...(date ? { initial: date } : {}),
    },
    {
      kind: "time",
      id: "time",
      label: t("feedback.schedule.timeLabel", { zone }),
      required: true,
      ...(time ? { initial: time } : {}),
    },
    {
      kind: "text",
      id: "place",
      label: t("feedback.schedule.placeLabel"),
      maxLength: 300,
      placeholder: t("feedback.schedule.placePlaceholder"),
      ...(place ? { initial: place } : {}),
    },
  );
  return {
    id: FEEDBACK_FORMS.schedule,
    title: talk ? t("feedback.schedule.rescheduleTitle") : t("feedback.schedule.title"),
    submitLabel: talk ? t("feedback.schedule.rescheduleSubmit") : t("feedback.schedule.submit"),
    metadata: talk?.id ?? "",
    inputs,
    ...(errors ? { errors } : {}),
  };
}

export async function openScheduleForm(services: Services, requester: Requester): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  return openScheduleFormFor(services, m);
}

export async function openRescheduleForm(services: Services, requester: Requester, talkId: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  const found = await talkFor(services, m, talkId, "leader");
  if (!found) return cardReply(notFound(m.t));
  if (found.talk.state !== "scheduled") return cardReply(textCard(m.t("feedback.talk.notScheduled")));
  return openScheduleFormFor(services, m, found.talk);
}

export async function submitScheduleForm(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<FeedbackOutcome> {
  const m = member(requester);
  if (isCard(m)) return { kind: "refused", card: m };
  const { t } = m;
  const people = await services.feedback.people(m.tenant.id);
  const reports = people.filter((p) => p.managerId === m.person.id);
  const zone = zoneOf(people.find((p) => p.id === m.person.id) ?? null, m.tenant);
  let talk: TalkView | undefined;
  if (metadata !== "") {
    const found = await talkFor(services, m, metadata, "leader");
    if (!found) return { kind: "refused", card: notFound(t) };
    talk = found.talk;
  }
  const personId = talk?.employeeId ?? fieldText(values, "person");
  const employee = people.find((p) => p.id === personId);
  const invalid = (field: string, message: string): FeedbackOutcome => {
    const errors = { [field]: message };
    return { kind: "invalid", form: scheduleForm(t, reports, zone, talk, errors, values), errors };
  };
  if (!employee || employee.managerId !== m.person.id) {
    return invalid(
      "person",
      t("feedback.schedule.notYourReport", { query: employee ? escapeMarkup(employee.name) : "?" }),
    );
  }
  const place = fieldText(values, "place");
  const result = await schedule(
    services,
    m,
    { employee, date: fieldText(values, "date"), time: fieldText(values, "time"), place: place === "" ? null : place },
    talk,
  );
  if (result.ok) return { kind: "saved", card: result.card, refresh: [m.person.id, employee.id] };
  const field =
    result.problem === "date" || result.problem === "past" || result.problem === "conflict"
      ? "date"
      : result.problem === "place"
        ? "place"
        : result.problem === "noProfile"
          ? null
          : "time";
  if (field === null) return { kind: "refused", card: textCard(result.message) };
  return invalid(field, result.message);
}

export async function cancelTalk(services: Services, requester: Requester, talkId: string): Promise<Card> {
  const m = member(requester);
  if (isCard(m)) return m;
  const found = await talkFor(services, m, talkId, "leader");
  if (!found) return notFound(m.t);
  const people = await peopleById(services, m.tenant.id);
  const cancelled = await services.feedback.cancelTalk(
    m.tenant.id,
    found.talk.id,
    cancelledPlans(services.clock.now(), people),
  );
  if (!cancelled) return textCard(m.t("feedback.talk.notScheduled"));
  await services.jobs.dispatchDeliveries(m.tenant.id, cancelled.deliveryIds);
  return cardFor(services, m, cancelled.talk, "leader", m.t("feedback.talk.cancelled"));
}

// ---------------------------------------------------------------------------------------------
// Self-assessment (the employee) and the record (the leader)

function levelOptions(t: Translate, profile: ProfileVersion, key: string) {
  const c = profile.criteria.find((x) => x.key === key);
  return (c?.levels ?? []).map((l) => ({
    value: String(l.level),
    label: `${l.level} – ${pick(l.anchor, t.locale)}`.slice(0, 75),
  }));
}

function assessmentInputs(
  t: Translate,
  profile: ProfileVersion,
  prefix: string,
  initial: Assessment | null,
  values?: FormValues,
): Input[] {
  return profile.criteria.map((c) => {
    const typed = values ? typedValue(values, `${prefix}${c.key}`) : undefined;
    const start = typed ?? (initial?.[c.key] !== undefined ? String(initial[c.key]) : undefined);
    return {
      kind: "select" as const,
      id: `${prefix}${c.key}`,
      label: pick(c.name, t.locale),
      required: true,
      options: levelOptions(t, profile, c.key),
      ...(start ? { initial: start } : {}),
    };
  });
}

/** Reads a level per criterion; field errors for a missing or unknown level. */
function readAssessment(
  t: Translate,
  profile: ProfileVersion,
  prefix: string,
  values: FormValues,
  errors: Record<string, string>,
): Assessment {
  const result: Record<string, number> = {};
  for (const c of profile.criteria) {
    const raw = fieldText(values, `${prefix}${c.key}`);
    const level = Number(raw);
    if (raw === "" || !c.levels.some((l) => l.level === level))
      errors[`${prefix}${c.key}`] = t("feedback.errors.level");
    else result[c.key] = level;
  }
  return result;
}

async function talkAndProfile(services: Services, m: Member, talkId: string, part: Viewer) {
  const found = await talkFor(services, m, talkId, part);
  if (!found) return null;
  const profile = await services.feedback.profile(m.tenant.id, found.talk.profileId);
  return profile ? { talk: found.talk, profile } : null;
}

function selfForm(
  t: Translate,
  talk: TalkView,
  profile: ProfileVersion,
  errors?: Record<string, string>,
  values?: FormValues,
): Form {
  const note = values ? typedValue(values, "note") : (talk.selfNote ?? undefined);
  return {
    id: FEEDBACK_FORMS.selfAssess,
    title: t("feedback.self.title"),
    submitLabel: t("feedback.self.submit"),
    metadata: talk.id,
    intro: [{ type: "text", text: t("feedback.self.intro") }],
    inputs: [
      ...assessmentInputs(t, profile, "level_", talk.selfAssessment, values),
      {
        kind: "longText",
        id: "note",
        label: t("feedback.self.note"),
        maxLength: 2000,
        ...(note ? { initial: note } : {}),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

export async function openSelfForm(services: Services, requester: Requester, talkId: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  const found = await talkAndProfile(services, m, talkId, "employee");
  if (!found) return cardReply(notFound(m.t));
  if (found.talk.state !== "scheduled") return cardReply(textCard(m.t("feedback.self.tooLate")));
  return { kind: "form", form: selfForm(m.t, found.talk, found.profile) };
}

export async function submitSelfForm(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<FeedbackOutcome> {
  const m = member(requester);
  if (isCard(m)) return { kind: "refused", card: m };
  const { t } = m;
  const found = await talkAndProfile(services, m, metadata, "employee");
  if (!found) return { kind: "refused", card: notFound(t) };
  const errors: Record<string, string> = {};
  const assessment = readAssessment(t, found.profile, "level_", values, errors);
  const note = fieldText(values, "note");
  if (note.length > 2000) errors.note = t("feedback.errors.textLength", { max: 2000 });
  if (Object.keys(errors).length > 0)
    return { kind: "invalid", form: selfForm(t, found.talk, found.profile, errors, values), errors };
  const saved = await services.feedback.saveSelfAssessment(
    m.tenant.id,
    found.talk.id,
    assessment,
    note === "" ? null : note,
  );
  if (!saved) return { kind: "refused", card: textCard(t("feedback.self.tooLate")) };
  return { kind: "saved", card: textCard(t("feedback.self.saved")) };
}

function recordForm(
  t: Translate,
  talk: TalkView,
  profile: ProfileVersion,
  employeeName: string,
  errors?: Record<string, string>,
  values?: FormValues,
): Form {
  const intro: Block[] = [
    { type: "text", text: t("feedback.record.intro", { name: escapeMarkup(employeeName) }) },
    ...profile.criteria.flatMap((c) => criterionBlocks(c, t)),
    {
      type: "fields",
      fields: profile.criteria.map((c) => {
        const level = talk.selfAssessment?.[c.key];
        return {
          label: t("feedback.record.selfOf", { criterion: pick(c.name, t.locale) }),
          value: level === undefined ? t("feedback.record.noSelf") : t("feedback.profile.level", { level }),
        };
      }),
    },
  ];
  if (talk.selfNote)
    intro.push({ type: "text", text: `**${t("feedback.talk.selfNote")}** ${escapeMarkup(talk.selfNote)}` });
  const criterionOptions = profile.criteria.map((c) => ({ value: c.key, label: pick(c.name, t.locale) }));
  const priorityOptions = PRIORITIES.map((p) => ({ value: p, label: t(`feedback.priority.${p}`) }));
  const typed = (id: string, fallback: string | undefined) => (values ? typedValue(values, id) : fallback);
  const needInputs: Input[] = [];
  for (let i = 1; i <= NEED_SLOTS; i++) {
    const need = talk.needs[i - 1];
    const criterion = typed(`need${i}`, need?.criterionKey);
    const priority = typed(`priority${i}`, need?.priority);
    needInputs.push(
      {
        kind: "select",
        id: `need${i}`,
        label: t("feedback.record.need", { n: i }),
        options: criterionOptions,
        ...(criterion ? { initial: criterion } : {}),
      },
      {
        kind: "select",
        id: `priority${i}`,
        label: t("feedback.record.priority", { n: i }),
        options: priorityOptions,
        ...(priority ? { initial: priority } : {}),
      },
    );
  }
  const agreements = typed("agreements", talk.agreements ?? undefined);
  const followUp = typed("followUp", talk.followUpDate ?? undefined);
  return {
    id: FEEDBACK_FORMS.record,
    title: t("feedback.record.title"),
    submitLabel: t("feedback.record.submit"),
    metadata: talk.id,
    intro,
    inputs: [
      ...assessmentInputs(t, profile, "level_", talk.leaderAssessment, values),
      ...needInputs,
      {
        kind: "longText",
        id: "agreements",
        label: t("feedback.record.agreements"),
        maxLength: 3000,
        ...(agreements ? { initial: agreements } : {}),
      },
      {
        kind: "date",
        id: "followUp",
        label: t("feedback.record.followUp"),
        ...(followUp ? { initial: followUp } : {}),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

export async function openRecordForm(services: Services, requester: Requester, talkId: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  const found = await talkAndProfile(services, m, talkId, "leader");
  if (!found) return cardReply(notFound(m.t));
  if (found.talk.state !== "scheduled" && found.talk.state !== "recorded")
    return cardReply(textCard(m.t("feedback.record.final")));
  const people = await peopleById(services, m.tenant.id);
  return {
    kind: "form",
    form: recordForm(m.t, found.talk, found.profile, people.get(found.talk.employeeId)?.name ?? "?"),
  };
}

export async function submitRecordForm(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<FeedbackOutcome> {
  const m = member(requester);
  if (isCard(m)) return { kind: "refused", card: m };
  const { t } = m;
  const found = await talkAndProfile(services, m, metadata, "leader");
  if (!found) return { kind: "refused", card: notFound(t) };
  const { talk, profile } = found;
  if (talk.state !== "scheduled" && talk.state !== "recorded")
    return { kind: "refused", card: textCard(t("feedback.record.final")) };
  const people = await peopleById(services, m.tenant.id);
  const errors: Record<string, string> = {};
  const assessment = readAssessment(t, profile, "level_", values, errors);
  const needs: { criterionKey: string; levelGap: number; priority: Priority }[] = [];
  for (let i = 1; i <= NEED_SLOTS; i++) {
    const key = fieldText(values, `need${i}`);
    const priority = fieldText(values, `priority${i}`);
    if (key === "" && priority === "") continue;
    const criterion = profile.criteria.find((c) => c.key === key);
    if (!criterion) {
      errors[`need${i}`] = t("feedback.errors.criterion");
      continue;
    }
    const prio = PRIORITIES.find((p) => p === priority);
    if (!prio) {
      errors[`priority${i}`] = t("feedback.errors.priority");
      continue;
    }
    if (needs.some((n) => n.criterionKey === key)) {
      errors[`need${i}`] = t("feedback.errors.needTwice");
      continue;
    }
    const level = assessment[key];
    needs.push({
      criterionKey: key,
      priority: prio,
      levelGap: Math.max(0, criterion.targetLevel - (level ?? criterion.targetLevel)),
    });
  }
  const agreements = fieldText(values, "agreements");
  if (agreements.length > 3000) errors.agreements = t("feedback.errors.textLength", { max: 3000 });
  const followUp = fieldText(values, "followUp");
  if (followUp !== "" && !parseDate(followUp)) errors.followUp = t("feedback.schedule.date");
  const employeeName = people.get(talk.employeeId)?.name ?? "?";
  if (Object.keys(errors).length > 0) {
    return { kind: "invalid", form: recordForm(t, talk, profile, employeeName, errors, values), errors };
  }
  const isoFollowUp =
    followUp === ""
      ? null
      : (() => {
          const d = parseDate(followUp);
          return d ? `${d.year}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}` : null;
        })();
  const recorded = await services.feedback.recordTalk(
    m.tenant.id,
    talk.id,
    {
      leaderAssessment: assessment,
      agreements: agreements === "" ? null : agreements,
      followUpDate: isoFollowUp,
      needs,
    },
    recordedPlans(services.clock.now(), people),
  );
  if (!recorded) return { kind: "refused", card: textCard(t("feedback.record.final")) };
  await services.jobs.dispatchDeliveries(m.tenant.id, recorded.deliveryIds);
  const card = await cardFor(services, m, recorded.talk, "leader", t("feedback.record.saved", { name: employeeName }));
  return { kind: "saved", card, refresh: [m.person.id] };
}

// ---------------------------------------------------------------------------------------------
// The employee confirms or comments

export async function confirmTalk(services: Services, requester: Requester, talkId: string): Promise<Card> {
  const m = member(requester);
  if (isCard(m)) return m;
  const found = await talkFor(services, m, talkId, "employee");
  if (!found) return notFound(m.t);
  const people = await peopleById(services, m.tenant.id);
  const confirmed = await services.feedback.confirmTalk(
    m.tenant.id,
    found.talk.id,
    outcomePlans(services.clock.now(), people),
  );
  if (!confirmed) return textCard(m.t("feedback.confirm.notWaiting"));
  await services.jobs.dispatchDeliveries(m.tenant.id, confirmed.deliveryIds);
  return cardFor(services, m, confirmed.talk, "employee", m.t("feedback.confirm.done"));
}

function commentForm(t: Translate, talkId: string, errors?: Record<string, string>, values?: FormValues): Form {
  const text = values ? typedValue(values, "text") : undefined;
  return {
    id: FEEDBACK_FORMS.comment,
    title: t("feedback.confirm.commentTitle"),
    submitLabel: t("feedback.confirm.commentSubmit"),
    metadata: talkId,
    inputs: [
      {
        kind: "longText",
        id: "text",
        label: t("feedback.confirm.commentLabel"),
        required: true,
        maxLength: 2000,
        ...(text ? { initial: text } : {}),
      },
    ],
    ...(errors ? { errors } : {}),
  };
}

export async function openCommentForm(services: Services, requester: Requester, talkId: string): Promise<Reply> {
  const m = member(requester);
  if (isCard(m)) return cardReply(m);
  const found = await talkFor(services, m, talkId, "employee");
  if (!found) return cardReply(notFound(m.t));
  if (found.talk.state !== "recorded") return cardReply(textCard(m.t("feedback.confirm.notWaiting")));
  return { kind: "form", form: commentForm(m.t, found.talk.id) };
}

export async function submitCommentForm(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<FeedbackOutcome> {
  const m = member(requester);
  if (isCard(m)) return { kind: "refused", card: m };
  const { t } = m;
  const found = await talkFor(services, m, metadata, "employee");
  if (!found) return { kind: "refused", card: notFound(t) };
  const text = fieldText(values, "text");
  if (text === "" || text.length > 2000) {
    const errors = { text: t("feedback.errors.textLength", { max: 2000 }) };
    return { kind: "invalid", form: commentForm(t, found.talk.id, errors, values), errors };
  }
  const people = await peopleById(services, m.tenant.id);
  const saved = await services.feedback.commentTalk(
    m.tenant.id,
    found.talk.id,
    text,
    commentPlans(services.clock.now(), people),
  );
  if (!saved) return { kind: "refused", card: textCard(t("feedback.confirm.notWaiting")) };
  await services.jobs.dispatchDeliveries(m.tenant.id, saved.deliveryIds);
  return { kind: "saved", card: textCard(t("feedback.confirm.commented")) };
}

// ---------------------------------------------------------------------------------------------
// My talks

/** The talks the requester is in, newest last, with what they can do next. */
export async function myTalksCard(services: Services, m: Member): Promise<Card> {
  const { t } = m;
  const [talks, people] = await Promise.all([
    services.feedback.talksOf(m.tenant.id, m.person.id),
    peopleById(services, m.tenant.id),
  ]);
  const zone = zoneOf(people.get(m.person.id) ?? null, m.tenant);
  const hasReports = [...people.values()].some((p) => p.managerId === m.person.id);
  const blocks: Block[] = [{ type: "header", text: t("feedback.list.title") }];
  const shown = talks.filter((x) => x.state !== "cancelled").slice(-15);
  if (shown.length === 0) blocks.push({ type: "text", text: t("feedback.list.none") });
  for (const talk of shown) {
    const viewer: Viewer = talk.leaderId === m.person.id ? "leader" : "employee";
    const head = talkHeadBlocks({
      talk,
      profile: null,
      leader: people.get(talk.leaderId),
      employee: people.get(talk.employeeId),
      zone,
      viewer,
      t,
    });
    blocks.push({ type: "divider" }, ...head.slice(1), {
      type: "actions",
      actions: [
        feedbackActions.open.button(
          t("feedback.list.open", {
            name: people.get(viewer === "leader" ? talk.employeeId : talk.leaderId)?.name ?? "?",
          }),
          { talk: talk.id },
        ),
      ],
    });
  }
  if (hasReports) {
    blocks.push(
      { type: "divider" },
      {
        type: "actions",
        actions: [feedbackActions.schedule.button(t("feedback.list.schedule"), {}, { style: "primary" })],
      },
    );
  }
  blocks.push({ type: "context", text: t("feedback.list.hint") });
  return { summary: t("feedback.list.title"), blocks };
}
