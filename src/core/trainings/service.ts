import { DateTime } from "luxon";
import type { ActionReply, FormOutcome } from "../feature.js";
import type { OrgScope } from "../goals/org-scope.js";
import type { Requester } from "../org/identify.js";
import type { Services } from "../services.js";
import type { Card, FormValues } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import type { Reply } from "../ui/reply.js";
import {
  isDirector,
  isMember,
  isTrainingAdmin,
  leaderUnit,
  type Member,
  member,
  orgScope,
  reportsOf,
  textCard,
} from "./access.js";
import {
  catalogCard,
  coverageCard,
  type HeldSeat,
  type MineEntry,
  mineCard,
  sessionsCard,
  statusLabel,
  type View,
} from "./cards.js";
import { trainingCoverage } from "./coverage.js";
import { formatDate, formatWhen, trainingTitle } from "./format.js";
import {
  invitationForm,
  nominationForm,
  sessionForm,
  trainingForm,
  validateInvitation,
  validateSession,
  validateTraining,
} from "./forms.js";
import {
  dayAfter,
  invitedPeople,
  PURPOSES,
  planCancel,
  planDelivery,
  planRoster,
  planSeat,
  rosterFor,
  targetsOf,
} from "./notices.js";
import type { EnrolmentView, TrainingView } from "./types.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const card = (c: Card): Reply => ({ kind: "card", card: c });

function viewOf(services: Services, m: Member): View {
  return {
    t: m.t,
    locale: m.t.locale,
    zone: m.person.timezone ?? m.tenant.timezone,
    now: services.clock.now(),
  };
}

/** A training by id, by its German or English title, or by a unique prefix of one. */
export async function findTraining(services: Services, tenantId: string, query: string): Promise<TrainingView | null> {
  const q = query
    .trim()
    .replace(/^["„“]|["“”]$/g, "")
    .toLowerCase();
  if (q === "") return null;
  if (UUID.test(q)) return services.trainings.training(tenantId, q);
  const all = await services.trainings.trainings(tenantId);
  const titles = (x: TrainingView) => [x.titleDe.toLowerCase(), (x.titleEn ?? "").toLowerCase()];
  const exact = all.find((x) => titles(x).includes(q));
  if (exact) return exact;
  const prefixed = all.filter((x) => titles(x).some((title) => title !== "" && title.startsWith(q)));
  return prefixed.length === 1 ? (prefixed[0] ?? null) : null;
}

async function adminRefusal(services: Services, m: Member): Promise<Card> {
  const [people, admins] = await Promise.all([
    services.org.people(m.tenant.id),
    services.trainings.admins(m.tenant.id),
  ]);
  const who = people
    .filter((p) => isDirector(p) || admins.includes(p.id))
    .map((p) => escapeMarkup(p.name))
    .join(", ");
  return textCard(m.t("trainings.refused.admin", { names: who || m.t("common.none") }));
}

function usage(t: Translate, args: string): Card {
  return {
    summary: t("trainings.usage.summary"),
    blocks: [
      { type: "text", text: t("trainings.usage.text", { args: escapeMarkup(args.trim().slice(0, 60)) }) },
      { type: "text", text: t("trainings.usage.items") },
    ],
  };
}

/** `/training [catalog | sessions <training> | new | schedule <training> | invite <training> | nominate | status | admin]`. */
export async function trainingCommand(services: Services, requester: Requester, args: string): Promise<Reply> {
  const m = member(requester);
  if (!isMember(m)) return card(m);
  const trimmed = args.trim();
  const match = /^(\S*)\s*([\s\S]*)$/.exec(trimmed);
  const word = (match?.[1] ?? "").toLowerCase();
  const rest = (match?.[2] ?? "").trim();
  switch (word) {
    case "":
    case "my":
    case "meine":
      return card(await mine(services, m));
    case "catalog":
    case "catalogue":
    case "katalog":
      return card(await catalog(services, m));
    case "sessions":
    case "termine":
      return card(await sessionsOf(services, m, rest));
    case "new":
    case "neu":
      if (!(await isTrainingAdmin(services, m))) return card(await adminRefusal(services, m));
      return { kind: "form", form: trainingForm(m.t, await services.org.units(m.tenant.id)) };
    case "schedule":
    case "planen":
      return openSessionForm(services, m, rest);
    case "invite":
    case "einladen":
      return openInvitationForm(services, m, rest);
    case "nominate":
    case "vorschlagen":
      return openNominationForm(services, m);
    case "status":
    case "stand":
      return card(await status(services, m, rest));
    case "admin":
      return card(await adminCommand(services, m, rest));
    default:
      return card(usage(m.t, args));
  }
}

function isMandatoryFor(training: TrainingView, personUnits: ReadonlySet<string>): boolean {
  return training.mandatoryUnitIds.some((id) => personUnits.has(id));
}

/** The person's units and every unit above them. */
function unitsAbove(m: Member, scope: OrgScope): Set<string> {
  return new Set(m.person.roles.flatMap((r) => scope.ancestry(r.unit.id).map((u) => u.id)));
}

export async function mine(services: Services, m: Member): Promise<Card> {
  const v = viewOf(services, m);
  const tenantId = m.tenant.id;
  const [trainings, enrolments, sessions, needs, nominations, scope, admin] = await Promise.all([
    services.trainings.trainings(tenantId),
    services.trainings.enrolments(tenantId, { personId: m.person.id }),
    services.trainings.sessions(tenantId),
    services.qualificationNeeds.openNeeds(tenantId, m.person.id),
    services.trainings.nominations(tenantId, m.person.id),
    orgScope(services, tenantId),
    isTrainingAdmin(services, m),
  ]);
  const byId = new Map(trainings.map((x) => [x.id, x]));
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const seats = (statuses: readonly string[]): HeldSeat[] =>
    enrolments
      .filter((e) => statuses.includes(e.status))
      .flatMap((enrolment) => {
        const training = byId.get(enrolment.trainingId);
        const session = sessionById.get(enrolment.sessionId);
        return training && session ? [{ training, session, enrolment }] : [];
      });
  const held = seats(["enrolled", "waitlisted"]).filter((s) => s.session.startsAt.getTime() > v.now.getTime());
  const completed = seats(["attended"]);
  const busy = new Set([...held, ...completed].map((s) => s.training.id));
  const units = unitsAbove(m, scope);
  const mandatory: MineEntry[] = trainings
    .filter((x) => !busy.has(x.id) && isMandatoryFor(x, units))
    .map((training) => ({ training }));
  const mandatoryIds = new Set(mandatory.map((e) => e.training.id));
  const people = new Map(scope.people.map((p) => [p.id, p.name]));
  const recommended: MineEntry[] = [];
  for (const training of trainings) {
    if (busy.has(training.id) || mandatoryIds.has(training.id) || training.kind === "basic") continue;
    const matched = needs.filter((n) => training.criterionKeys.includes(n.criterionKey)).map((n) => n.criterionKey);
    const nomination = nominations.find((n) => n.trainingId === training.id);
    if (matched.length > 0) {
      recommended.push({
        training,
        reason: v.t("trainings.mine.because", { criteria: escapeMarkup(matched.join(", ")) }),
      });
    } else if (nomination) {
      recommended.push({
        training,
        reason: v.t("trainings.mine.nominated", { name: escapeMarkup(people.get(nomination.nominatedById) ?? "?") }),
      });
    }
  }
  return mineCard(v, { mandatory, recommended, held, completed, admin });
}

async function catalog(services: Services, m: Member): Promise<Card> {
  const [trainings, units] = await Promise.all([
    services.trainings.trainings(m.tenant.id),
    services.org.units(m.tenant.id),
  ]);
  return catalogCard(viewOf(services, m), trainings, new Map(units.map((u) => [u.id, u.name])));
}

async function sessionsCardFor(services: Services, m: Member, training: TrainingView, notice?: string): Promise<Card> {
  const [sessions, enrolments] = await Promise.all([
    services.trainings.sessions(m.tenant.id, training.id),
    services.trainings.enrolments(m.tenant.id, { personId: m.person.id, trainingId: training.id }),
  ]);
  return sessionsCard(viewOf(services, m), training, sessions, enrolments, notice);
}

async function sessionsOf(services: Services, m: Member, query: string): Promise<Card> {
  const training = await findTraining(services, m.tenant.id, query);
  if (!training) {
    return query.trim() === ""
      ? catalog(services, m)
      : textCard(m.t("trainings.unknownTraining", { query: escapeMarkup(query.slice(0, 60)) }));
  }
  return sessionsCardFor(services, m, training);
}

export async function showSessions(services: Services, requester: Requester, trainingId: string): Promise<Card> {
  const m = member(requester);
  if (!isMember(m)) return m;
  const training = await services.trainings.training(m.tenant.id, trainingId);
  if (!training) return textCard(m.t("trainings.errors.training"));
  return sessionsCardFor(services, m, training);
}

export async function showCatalog(services: Services, requester: Requester): Promise<Card> {
  const m = member(requester);
  return isMember(m) ? catalog(services, m) : m;
}

// ---------------------------------------------------------------------------------------------
// Enrolment

/**
 * "Enrol" / "Join the waitlist": one click. The seat is decided under the session's row lock; the
 * confirmation with its calendar file, the reminders and the attendance question are planned in the
 * outbox. With a qualification need on the button (a recommendation), the need is marked addressed.
 */
export async function enrol(
  services: Services,
  requester: Requester,
  sessionId: string,
  needId?: string,
): Promise<ActionReply> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "card", card: m };
  const tenantId = m.tenant.id;
  const session = await services.trainings.session(tenantId, sessionId);
  const training = session ? await services.trainings.training(tenantId, session.trainingId) : null;
  if (!session || !training) return { kind: "card", card: textCard(m.t("trainings.enrol.closed")) };
  const v = viewOf(services, m);
  if (session.cancelledAt || session.startsAt.getTime() <= v.now.getTime()) {
    return { kind: "update", card: await sessionsCardFor(services, m, training, m.t("trainings.enrol.closed")) };
  }
  const outcome = await services.trainings.enrol(tenantId, sessionId, m.person.id);
  const title = escapeMarkup(trainingTitle(training, v.locale));
  const when = formatWhen(session.startsAt, v.zone, v.locale);
  let notice: string;
  switch (outcome.kind) {
    case "closed":
      notice = m.t("trainings.enrol.closed");
      break;
    case "already":
      notice = m.t("trainings.enrol.already", { status: statusLabel(m.t, outcome.enrolment) });
      break;
    case "other-session":
      notice = m.t("trainings.enrol.otherSession");
      break;
    case "enrolled":
    case "waitlisted": {
      const [person] = await services.trainings.participants(tenantId, [m.person.id]);
      if (person) {
        await planSeat(services, m.tenant, {
          enrolment: outcome.enrolment,
          session,
          training,
          person,
          how: outcome.kind,
        });
      }
      if (needId && UUID.test(needId))
        await addressNeed(services, tenantId, m.person.id, needId, training, outcome.enrolment);
      notice =
        outcome.kind === "enrolled"
          ? m.t("trainings.enrol.enrolled", { title, when })
          : m.t("trainings.enrol.waitlisted", { title, when, position: outcome.enrolment.waitlistPosition ?? 1 });
      break;
    }
  }
  return { kind: "update", card: await sessionsCardFor(services, m, training, notice) };
}

/** Marks the person's own need addressed, and only by a training that covers its criterion. */
async function addressNeed(
  services: Services,
  tenantId: string,
  personId: string,
  needId: string,
  training: TrainingView,
  enrolment: EnrolmentView,
): Promise<void> {
  const needs = await services.qualificationNeeds.openNeeds(tenantId, personId);
  const need = needs.find((n) => n.id === needId);
  if (need && training.criterionKeys.includes(need.criterionKey)) {
    await services.qualificationNeeds.markAddressed(tenantId, need.id, enrolment.id);
  }
}

/** "Cancel": gives the seat up; the first of the waitlist moves up and is told. */
export async function cancelEnrolment(
  services: Services,
  requester: Requester,
  enrolmentId: string,
): Promise<ActionReply> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "card", card: m };
  const tenantId = m.tenant.id;
  const enrolment = await services.trainings.enrolment(tenantId, enrolmentId);
  if (!enrolment || enrolment.personId !== m.person.id) {
    return { kind: "card", card: textCard(m.t("trainings.enrol.notYours")) };
  }
  const [session, training] = await Promise.all([
    services.trainings.session(tenantId, enrolment.sessionId),
    services.trainings.training(tenantId, enrolment.trainingId),
  ]);
  if (!session || !training) return { kind: "card", card: textCard(m.t("trainings.enrol.notYours")) };
  const v = viewOf(services, m);
  const outcome = await services.trainings.cancel(tenantId, enrolment.id);
  if (!outcome) {
    return {
      kind: "update",
      card: await sessionsCardFor(
        services,
        m,
        training,
        m.t("trainings.enrol.already", { status: statusLabel(m.t, enrolment) }),
      ),
    };
  }
  const people = await services.trainings.participants(
    tenantId,
    [m.person.id, outcome.promoted?.personId].filter((id): id is string => !!id),
  );
  const me = people.find((p) => p.id === m.person.id);
  if (me && enrolment.status === "enrolled") await planCancel(services, tenantId, outcome.cancelled, me);
  const promotedPerson = outcome.promoted ? people.find((p) => p.id === outcome.promoted?.personId) : undefined;
  if (outcome.promoted && promotedPerson) {
    const fresh = (await services.trainings.session(tenantId, session.id)) ?? session;
    await planSeat(services, m.tenant, {
      enrolment: outcome.promoted,
      session: fresh,
      training,
      person: promotedPerson,
      how: "promoted",
    });
  }
  const notice = m.t("trainings.enrol.cancelled", {
    title: escapeMarkup(trainingTitle(training, v.locale)),
    when: formatWhen(session.startsAt, v.zone, v.locale),
  });
  return { kind: "update", card: await sessionsCardFor(services, m, training, notice) };
}

/** The participant's "Yes, I attended" (after the session). */
export async function confirmAttendance(
  services: Services,
  requester: Requester,
  enrolmentId: string,
): Promise<ActionReply> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "card", card: m };
  const enrolment = await services.trainings.enrolment(m.tenant.id, enrolmentId);
  if (!enrolment || enrolment.personId !== m.person.id) {
    return { kind: "card", card: textCard(m.t("trainings.enrol.notYours")) };
  }
  const training = await services.trainings.training(m.tenant.id, enrolment.trainingId);
  // The trainer's no-show stands; the participant's word fills in where the trainer has not marked yet.
  if (enrolment.status === "enrolled") await services.trainings.setAttendance(m.tenant.id, enrolment.id, "attended");
  const title = escapeMarkup(training ? trainingTitle(training, m.t.locale) : "");
  return { kind: "update", card: textCard(m.t("trainings.notice.attendanceThanks", { title })) };
}

/** The trainer marks one participant; the list comes back as it now stands. */
export async function markAttendance(
  services: Services,
  requester: Requester,
  enrolmentId: string,
  status: "attended" | "no_show",
): Promise<ActionReply> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "card", card: m };
  const enrolment = await services.trainings.enrolment(m.tenant.id, enrolmentId);
  const session = enrolment ? await services.trainings.session(m.tenant.id, enrolment.sessionId) : null;
  if (!enrolment || !session) return { kind: "card", card: textCard(m.t("trainings.enrol.notYours")) };
  const admin = await isTrainingAdmin(services, m);
  if (session.trainer?.id !== m.person.id && !admin) {
    return { kind: "card", card: textCard(m.t("trainings.notice.notTrainer")) };
  }
  await services.trainings.setAttendance(m.tenant.id, enrolment.id, status);
  const roster = await rosterFor(services, m.tenant.id, viewOf(services, m), session.id);
  return { kind: "update", card: roster ?? textCard(m.t("trainings.enrol.closed")) };
}

// ---------------------------------------------------------------------------------------------
// Nominations

async function nominate(services: Services, m: Member, trainingId: string, personId: string): Promise<Card | string> {
  const [scope, admin] = await Promise.all([orgScope(services, m.tenant.id), isTrainingAdmin(services, m)]);
  const reports = await reportsOf(services, m, scope, admin);
  const report = reports.find((p) => p.id === personId);
  if (!report) return m.t("trainings.errors.person");
  const training = await services.trainings.training(m.tenant.id, trainingId);
  if (!training) return m.t("trainings.errors.training");
  const nomination = await services.trainings.nominate(m.tenant.id, training.id, report.id, m.person.id);
  const [participant] = await services.trainings.participants(m.tenant.id, [report.id]);
  if (participant) {
    await planDelivery(services, m.tenant.id, {
      purpose: PURPOSES.nominated,
      subject: `nomination:${nomination.id}`,
      targets: targetsOf(participant),
      notBefore: services.clock.now(),
      payload: { training: training.id, by: m.person.id },
    });
  }
  return textCard(
    m.t("trainings.notice.nominationSaved", {
      name: escapeMarkup(report.name),
      title: escapeMarkup(trainingTitle(training, m.t.locale)),
    }),
  );
}

/** "Suggest" on a recommendation to a leader. */
export async function nominateAction(
  services: Services,
  requester: Requester,
  trainingId: string,
  personId: string,
): Promise<ActionReply> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "card", card: m };
  const result = await nominate(services, m, trainingId, personId);
  return { kind: "update", card: typeof result === "string" ? textCard(result) : result };
}

async function openNominationForm(services: Services, m: Member): Promise<Reply> {
  const [scope, admin] = await Promise.all([orgScope(services, m.tenant.id), isTrainingAdmin(services, m)]);
  const reports = await reportsOf(services, m, scope, admin);
  if (reports.length === 0) return card(textCard(m.t("trainings.refused.leader")));
  const trainings = (await services.trainings.trainings(m.tenant.id)).map((x) => ({
    id: x.id,
    title: trainingTitle(x, m.t.locale),
  }));
  // A select without options is no form at all (Teams refuses the card): say why instead.
  if (trainings.length === 0) return card(textCard(m.t("trainings.catalog.empty")));
  return { kind: "form", form: nominationForm(m.t, reports, trainings) };
}

export async function submitNomination(
  services: Services,
  requester: Requester,
  values: FormValues,
): Promise<FormOutcome> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  const [scope, admin, all] = await Promise.all([
    orgScope(services, m.tenant.id),
    isTrainingAdmin(services, m),
    services.trainings.trainings(m.tenant.id),
  ]);
  const reports = await reportsOf(services, m, scope, admin);
  if (reports.length === 0) return { kind: "refused", card: textCard(m.t("trainings.refused.leader")) };
  const trainings = all.map((x) => ({ id: x.id, title: trainingTitle(x, m.t.locale) }));
  if (trainings.length === 0) return { kind: "refused", card: textCard(m.t("trainings.catalog.empty")) };
  const person = typeof values.person === "string" ? values.person : "";
  const training = typeof values.training === "string" ? values.training : "";
  const errors: Record<string, string> = {};
  if (!reports.some((p) => p.id === person)) errors.person = m.t("trainings.errors.person");
  if (!all.some((x) => x.id === training)) errors.training = m.t("trainings.errors.training");
  if (Object.keys(errors).length > 0) {
    return { kind: "invalid", form: nominationForm(m.t, reports, trainings, values, errors), errors };
  }
  const result = await nominate(services, m, training, person);
  return typeof result === "string"
    ? { kind: "refused", card: textCard(result) }
    : { kind: "saved", card: result, refresh: [person] };
}

// ---------------------------------------------------------------------------------------------
// Catalogue (admins)

export async function submitTraining(
  services: Services,
  requester: Requester,
  values: FormValues,
): Promise<FormOutcome> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  if (!(await isTrainingAdmin(services, m))) return { kind: "refused", card: await adminRefusal(services, m) };
  const units = await services.org.units(m.tenant.id);
  const result = validateTraining(m.t, values, units);
  if (!result.ok)
    return { kind: "invalid", form: trainingForm(m.t, units, values, result.errors), errors: result.errors };
  const training = await services.trainings.createTraining({
    tenantId: m.tenant.id,
    ...result.value,
    createdById: m.person.id,
  });
  const title = trainingTitle(training, m.t.locale);
  return {
    kind: "saved",
    card: textCard(
      m.t("trainings.form.trainingSaved", { title: escapeMarkup(title), kind: m.t(`trainings.kind.${training.kind}`) }),
    ),
  };
}

async function adminTraining(
  services: Services,
  m: Member,
  query: string,
): Promise<{ training: TrainingView } | { refusal: Card }> {
  if (!(await isTrainingAdmin(services, m))) return { refusal: await adminRefusal(services, m) };
  const training = await findTraining(services, m.tenant.id, query);
  if (!training) {
    return { refusal: textCard(m.t("trainings.unknownTraining", { query: escapeMarkup(query.slice(0, 60) || "–") })) };
  }
  return { training };
}

function today(services: Services, zone: string, plusDays = 0): string {
  return DateTime.fromJSDate(services.clock.now(), { zone }).plus({ days: plusDays }).toISODate() ?? "";
}

async function openSessionForm(services: Services, m: Member, query: string): Promise<Reply> {
  const found = await adminTraining(services, m, query);
  if ("refusal" in found) return card(found.refusal);
  const people = await services.org.people(m.tenant.id);
  return {
    kind: "form",
    form: sessionForm(m.t, found.training, trainingTitle(found.training, m.t.locale), people, {
      timezone: m.tenant.timezone,
      date: today(services, m.tenant.timezone, 14),
    }),
  };
}

export async function submitSession(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<FormOutcome> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  if (!(await isTrainingAdmin(services, m))) return { kind: "refused", card: await adminRefusal(services, m) };
  const training = UUID.test(metadata) ? await services.trainings.training(m.tenant.id, metadata) : null;
  if (!training) return { kind: "refused", card: textCard(m.t("trainings.errors.training")) };
  const people = await services.org.people(m.tenant.id);
  const result = validateSession(m.t, values, people, services.clock.now());
  const title = trainingTitle(training, m.t.locale);
  if (!result.ok) {
    const form = sessionForm(
      m.t,
      training,
      title,
      people,
      { timezone: m.tenant.timezone, date: today(services, m.tenant.timezone, 14) },
      values,
      result.errors,
    );
    return { kind: "invalid", form, errors: result.errors };
  }
  const session = await services.trainings.createSession({
    tenantId: m.tenant.id,
    trainingId: training.id,
    ...result.value,
  });
  await planRoster(services, m.tenant.id, session, training);
  // A new session can answer open needs that had nothing to offer yet.
  await recommend(services, m.tenant.id);
  const when = formatWhen(session.startsAt, session.timezone, m.t.locale);
  return {
    kind: "saved",
    card: textCard(
      m.t("trainings.form.sessionSaved", { title: escapeMarkup(title), when, capacity: session.capacity }),
    ),
  };
}

async function openInvitationForm(services: Services, m: Member, query: string): Promise<Reply> {
  const found = await adminTraining(services, m, query);
  if ("refusal" in found) return card(found.refusal);
  const units = await services.org.units(m.tenant.id);
  return {
    kind: "form",
    form: invitationForm(
      m.t,
      found.training,
      trainingTitle(found.training, m.t.locale),
      units,
      today(services, m.tenant.timezone, 14),
    ),
  };
}

/**
 * Invites everyone in the chosen units (and below) to pick a session: the invitation now, and the
 * morning after the deadline a reminder to those without a seat and their leader's list. Both decide
 * at send time who is still missing, so an enrolment in between silences them.
 */
export async function submitInvitation(
  services: Services,
  requester: Requester,
  metadata: string,
  values: FormValues,
): Promise<FormOutcome> {
  const m = member(requester);
  if (!isMember(m)) return { kind: "refused", card: m };
  if (!(await isTrainingAdmin(services, m))) return { kind: "refused", card: await adminRefusal(services, m) };
  const training = UUID.test(metadata) ? await services.trainings.training(m.tenant.id, metadata) : null;
  if (!training) return { kind: "refused", card: textCard(m.t("trainings.errors.training")) };
  const units = await services.org.units(m.tenant.id);
  const now = services.clock.now();
  const title = trainingTitle(training, m.t.locale);
  const result = validateInvitation(m.t, values, units, m.tenant.timezone, now);
  const sessions = (await services.trainings.sessions(m.tenant.id, training.id)).filter(
    (s) => !s.cancelledAt && s.startsAt.getTime() > now.getTime(),
  );
  const errors = result.ok ? {} : { ...result.errors };
  if (sessions.length === 0) errors.units = m.t("trainings.errors.noSessions");
  if (!result.ok || Object.keys(errors).length > 0) {
    const form = invitationForm(m.t, training, title, units, today(services, m.tenant.timezone, 14), values, errors);
    return { kind: "invalid", form, errors };
  }
  const invitation = await services.trainings.createInvitation({
    tenantId: m.tenant.id,
    trainingId: training.id,
    unitIds: result.value.unitIds,
    deadline: result.value.deadline,
    createdById: m.person.id,
  });
  await services.trainings.addMandatoryUnits(m.tenant.id, training.id, result.value.unitIds);
  const invited = await invitedPeople(services, m.tenant.id, invitation.unitIds);
  const leaders = new Set<string>();
  for (const person of invited) {
    const targets = targetsOf(person);
    if (person.managerId) leaders.add(person.managerId);
    if (targets.length === 0) continue;
    const payload = { invitation: invitation.id };
    await planDelivery(services, m.tenant.id, {
      purpose: PURPOSES.invitation,
      subject: `invitation:${invitation.id}`,
      targets,
      notBefore: now,
      payload,
    });
    await planDelivery(services, m.tenant.id, {
      purpose: PURPOSES.deadline,
      subject: `invitation:${invitation.id}:deadline`,
      targets,
      notBefore: dayAfter(invitation.deadline, person.timezone ?? m.tenant.timezone),
      payload: { ...payload, stage: "deadline" },
    });
  }
  for (const leader of await services.trainings.participants(m.tenant.id, [...leaders])) {
    await planDelivery(services, m.tenant.id, {
      purpose: PURPOSES.leaderList,
      subject: `invitation:${invitation.id}:leader`,
      targets: targetsOf(leader),
      notBefore: dayAfter(invitation.deadline, leader.timezone ?? m.tenant.timezone),
      payload: { invitation: invitation.id },
    });
  }
  return {
    kind: "saved",
    card: textCard(
      m.t("trainings.form.invitationSaved", {
        count: invited.length,
        title: escapeMarkup(title),
        deadline: formatDate(invitation.deadline, m.tenant.timezone, m.t.locale),
      }),
    ),
    refresh: invited.map((p) => p.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Recommendations from qualification needs

/**
 * For each open qualification need, the advanced and in-depth trainings whose criteria cover it and
 * that have an upcoming session are suggested to the person (enrol buttons) and to their leader
 * (suggest button). One delivery per (need, training) ever; the renderer drops it once the need is
 * addressed or the person holds a seat. Runs daily, after a new session, and whenever the feedback
 * feature records needs.
 */
export async function recommend(services: Services, tenantId: string): Promise<number> {
  const [needs, trainings, sessions] = await Promise.all([
    services.qualificationNeeds.openNeeds(tenantId),
    services.trainings.trainings(tenantId),
    services.trainings.sessions(tenantId),
  ]);
  if (needs.length === 0) return 0;
  const now = services.clock.now();
  const bookable = new Set(
    sessions.filter((s) => !s.cancelledAt && s.startsAt.getTime() > now.getTime()).map((s) => s.trainingId),
  );
  const people = new Map(
    (await services.trainings.participants(tenantId, [...new Set(needs.map((n) => n.personId))])).map((p) => [p.id, p]),
  );
  let planned = 0;
  for (const need of needs) {
    const person = people.get(need.personId);
    if (!person) continue;
    const matches = trainings.filter(
      (x) => x.kind !== "basic" && x.criterionKeys.includes(need.criterionKey) && bookable.has(x.id),
    );
    for (const training of matches) {
      const payload = { need: need.id, training: training.id, person: person.id };
      const subject = `need:${need.id}:${training.id}`;
      planned += (
        await planDelivery(services, tenantId, {
          purpose: PURPOSES.recommendation,
          subject,
          targets: targetsOf(person),
          notBefore: now,
          payload,
        })
      ).length;
      const [leader] = person.managerId ? await services.trainings.participants(tenantId, [person.managerId]) : [];
      if (leader) {
        await planDelivery(services, tenantId, {
          purpose: PURPOSES.recommendationLeader,
          subject,
          targets: targetsOf(leader),
          notBefore: now,
          payload,
        });
      }
    }
  }
  return planned;
}

// ---------------------------------------------------------------------------------------------
// Status and admins

async function status(services: Services, m: Member, query: string): Promise<Card> {
  const [scope, admin] = await Promise.all([orgScope(services, m.tenant.id), isTrainingAdmin(services, m)]);
  const own = leaderUnit(m, scope, admin);
  if (!own) return textCard(m.t("trainings.refused.leader"));
  let unitId = own;
  if (query !== "") {
    const unit = scope.findUnit(query);
    // Leaders look into their own subtree only; a unit outside it shows their own.
    if (unit && scope.isWithin(unit.id, own)) unitId = unit.id;
  }
  const coverage = await trainingCoverage(services, m.tenant.id, unitId);
  return coverageCard(m.t, coverage.unit?.name ?? "", coverage.rows, coverage.hasBasic);
}

async function adminCommand(services: Services, m: Member, rest: string): Promise<Card> {
  const [verb = "", email = ""] = rest.split(/\s+/);
  const lower = verb.toLowerCase();
  if (lower === "" || lower === "list" || lower === "liste") {
    const [admins, people] = await Promise.all([
      services.trainings.admins(m.tenant.id),
      services.org.people(m.tenant.id),
    ]);
    const names = people.filter((p) => admins.includes(p.id)).map((p) => escapeMarkup(p.name));
    return textCard(m.t("trainings.admin.list", { names: names.join(", ") || m.t("trainings.admin.none") }));
  }
  if (!isDirector(m.person)) return textCard(m.t("trainings.refused.director"));
  const add = ["add", "hinzufügen", "neu"].includes(lower);
  const remove = ["remove", "entfernen"].includes(lower);
  if (!add && !remove) return usage(m.t, `admin ${rest}`);
  const person = email ? await services.org.findPersonByEmail(m.tenant.id, email.toLowerCase()) : null;
  if (!person) return textCard(m.t("trainings.admin.unknown", { email: escapeMarkup(email.slice(0, 80)) }));
  await services.trainings.setAdmin(m.tenant.id, person.id, add);
  return textCard(m.t(add ? "trainings.admin.added" : "trainings.admin.removed", { name: escapeMarkup(person.name) }));
}
