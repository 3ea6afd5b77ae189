import { DateTime } from "luxon";
import type { Requester } from "../org/identify.js";
import type { PersonProfile, TenantInfo } from "../org/types.js";
import type { Clock, GoalRepository, OrgRepository } from "../ports.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Card, Form, FormValues } from "../ui/card.js";
import { formatList, type Translate } from "../ui/i18n/index.js";
import { escapeMarkup, markupToPlain } from "../ui/markup.js";
import type { Reply, SubmitOutcome } from "../ui/reply.js";
import { checkinForm, owedCheckins, validateCheckin } from "./checkin-form.js";
import {
  focusRefusal,
  focusTopicForm,
  focusTopicsCard,
  mayRecordFocusTopics,
  validateFocusTopic,
} from "./focus-topics.js";
import { formatDate } from "./format.js";
import { type CardContext, chainCard, homeGoalsCard, myGoalsCard, reportCard, treeCard } from "./goal-cards.js";
import { type GoalFormContext, goalForm, parseGoalFormMetadata, validateGoalForm } from "./goal-form.js";
import { OrgScope, positionOf } from "./org-scope.js";
import { mayCreate, parentCandidates } from "./permissions.js";
import type { FocusTopicView, GoalLevel, GoalView } from "./types.js";

export interface GoalDeps {
  readonly goals: GoalRepository;
  readonly org: OrgRepository;
  readonly clock: Clock;
}

export type GoalsReply = Reply;

export type SubmitResult = SubmitOutcome<{ readonly goal: GoalView; readonly affectedPersonIds: readonly string[] }>;

interface Loaded {
  readonly t: Translate;
  readonly tenant: TenantInfo;
  readonly person: PersonProfile;
  readonly scope: OrgScope;
  readonly goals: readonly GoalView[];
  readonly today: string;
  readonly ctx: CardContext;
}

function textCard(text: string): Card {
  return { summary: markupToPlain(text), blocks: [{ type: "text", text }] };
}

async function load(deps: GoalDeps, requester: Requester): Promise<Loaded | Card> {
  const { tenant, person, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t, requester.unbound);
  if (!person || person.roles.length === 0) return textCard(t("goals.mine.notInOrg"));
  const [units, people, goals] = await Promise.all([
    deps.org.units(tenant.id),
    deps.org.people(tenant.id),
    deps.goals.all(tenant.id),
  ]);
  const scope = new OrgScope(units, people);
  const today = DateTime.fromJSDate(deps.clock.now()).setZone(tenant.timezone).toISODate() ?? "";
  return { t, tenant, person, scope, goals, today, ctx: { t, person, scope, goals, today } };
}

const card = (c: Card): GoalsReply => ({ kind: "card", card: c });

/** `/goals [add|measure|tree|checkin|report]` on any platform. */
export async function goalsCommand(deps: GoalDeps, requester: Requester, args: string): Promise<GoalsReply> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return card(loaded);
  const [word = "", ...rest] = args.trim().split(/\s+/);
  const sub = word.toLowerCase();
  const restText = rest.join(" ");
  switch (sub) {
    case "":
      return card(myGoalsCard(loaded.ctx));
    case "add":
    case "neu":
      return openGoalForm(deps, loaded, levelFor(loaded.person));
    case "measure":
    case "massnahme":
    case "maßnahme":
      return openGoalForm(deps, loaded, "measure");
    case "tree":
    case "baum":
    case "kaskade":
      return card(tree(loaded, restText));
    case "checkin":
      return checkin(loaded);
    case "report":
    case "bericht":
      return card(report(loaded, deps.clock.now()));
    case "focus":
    case "schwerpunkte":
    case "schwerpunkt": {
      const topics = await deps.goals.focusTopics(loaded.tenant.id);
      if (!mayRecordFocusTopics(loaded.person)) return card(focusTopicsCard(loaded.t, topics));
      return { kind: "form", form: focusTopicForm(loaded.t, topics) };
    }
    default:
      return card(usage(loaded.t, args));
  }
}

function levelFor(person: PersonProfile): GoalLevel {
  const role = positionOf(person)?.role;
  if (role === "managing_director") return "company";
  if (role === "area_head") return "area";
  return "team";
}

async function openGoalForm(
  deps: GoalDeps,
  loaded: Loaded,
  level: GoalLevel,
  prefill: FormValues = {},
): Promise<GoalsReply> {
  const permission = mayCreate(loaded.person, level, loaded.scope);
  if (!permission.ok)
    return card(
      refusal(
        loaded.t,
        level,
        permission.allowed.map((p) => p.name),
      ),
    );
  const ctx = await formContext(deps, loaded, level, permission.unitId);
  const noParents = noParentsCard(loaded, level, permission.unitId);
  if (noParents) return card(noParents);
  return { kind: "form", form: goalForm(ctx, prefill) };
}

/**
 * When nothing is open to attach a goal of this level to, the form's parent picker would be empty
 * (which neither Block Kit nor Adaptive Cards accept), so this says who has to create one first.
 */
function noParentsCard(loaded: Loaded, level: GoalLevel, unitId: string): Card | undefined {
  if (level === "company" || parentCandidates(level, unitId, loaded.goals, loaded.scope).length > 0) return undefined;
  const parentLevel: GoalLevel = level === "area" ? "company" : level === "team" ? "area" : "team";
  const who = parentLevel === "company" ? "managing_director" : parentLevel === "area" ? "area_head" : "team_lead";
  const unit = parentLevel === "area" ? loaded.scope.areaOf(unitId)?.id : parentLevel === "team" ? unitId : undefined;
  const names = loaded.scope.holders(who, unit).map((p) => escapeMarkup(p.name));
  return textCard(
    loaded.t("goals.errors.noParents", {
      level: loaded.t(`goals.level.${parentLevel}`),
      who: names.length > 0 ? formatList(loaded.t, names) : loaded.t("goals.refused.nobody"),
      // "nobody" reads as one person; the sentence agrees with the list.
      count: Math.max(1, names.length),
    }),
  );
}

async function formContext(deps: GoalDeps, loaded: Loaded, level: GoalLevel, unitId: string): Promise<GoalFormContext> {
  const focusTopics = level === "company" ? await deps.goals.focusTopics(loaded.tenant.id) : [];
  return {
    t: loaded.t,
    person: loaded.person,
    level,
    unitId,
    scope: loaded.scope,
    goals: loaded.goals,
    focusTopics,
    today: loaded.today,
  };
}

function refusal(t: Translate, level: GoalLevel, names: readonly string[]): Card {
  const who = names.length > 0 ? formatList(t, names.map(escapeMarkup)) : t("goals.refused.nobody");
  return textCard(t(`goals.refused.${level}`, { who, count: Math.max(1, names.length) }));
}

function tree(loaded: Loaded, query: string): Card {
  const { scope, person, t } = loaded;
  if (query !== "") {
    const unit = scope.findUnit(query);
    if (!unit) {
      const examples = scope.units
        .filter((u) => u.kind !== "team")
        .slice(0, 4)
        .map((u) => u.name)
        .join(", ");
      return textCard(
        t("goals.tree.unknownUnit", { query: escapeMarkup(query.slice(0, 60)), examples: escapeMarkup(examples) }),
      );
    }
    return treeCard(loaded.ctx, unit.id);
  }
  const position = positionOf(person);
  const own = position ? scope.unit(position.unitId) : undefined;
  // Default view: the person's area (a team lead or member sees their whole area), directors the company.
  const target = own ? (own.kind === "company" ? own : (scope.areaOf(own.id) ?? own)) : undefined;
  return treeCard(loaded.ctx, target?.id ?? scope.units[0]?.id ?? "");
}

function checkin(loaded: Loaded, goalId?: string): GoalsReply {
  const owed = owedCheckins(loaded.person, loaded.goals);
  if (owed.length === 0) return card(textCard(loaded.t("goals.checkin.nothingOwed")));
  return { kind: "form", form: checkinForm(loaded.t, owed, goalId ? { item: goalId } : {}) };
}

function report(loaded: Loaded, now: Date): Card {
  const position = positionOf(loaded.person);
  if (!position || (position.role !== "managing_director" && position.role !== "area_head")) {
    return textCard(loaded.t("goals.report.refused"));
  }
  return reportCard(loaded.ctx, position.unitId, now);
}

function usage(t: Translate, args: string): Card {
  return {
    summary: t("goals.usage.summary"),
    blocks: [
      { type: "text", text: t("goals.usage.text", { args: escapeMarkup(args.trim().slice(0, 60)) }) },
      { type: "text", text: t("goals.usage.items") },
    ],
  };
}

/** Button "Add measure" on a team goal. */
export async function openMeasureForm(deps: GoalDeps, requester: Requester, parentId: string): Promise<GoalsReply> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return card(loaded);
  return openGoalForm(deps, loaded, "measure", { parent: parentId });
}

/** Button "Check in" on a goal, or `/goals checkin`. */
export async function openCheckinForm(deps: GoalDeps, requester: Requester, goalId?: string): Promise<GoalsReply> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return card(loaded);
  return checkin(loaded, goalId);
}

/** Button "Goal chain". */
export async function goalChain(deps: GoalDeps, requester: Requester, goalId: string): Promise<Card> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return loaded;
  const goal = loaded.goals.find((g) => g.id === goalId);
  if (!goal) return textCard(loaded.t("goals.errors.notFound"));
  return chainCard(loaded.ctx, goal);
}

/** The cascade button under a card (and `/goals tree <unit id>` from a button payload). */
export async function goalTree(deps: GoalDeps, requester: Requester, unitQuery: string): Promise<Card> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return loaded;
  const byId = loaded.scope.unit(unitQuery);
  return byId ? treeCard(loaded.ctx, byId.id) : tree(loaded, unitQuery);
}

/** Submit of the goal/measure form. Re-checks permission: the form could be old or forged. */
export async function submitGoal(
  deps: GoalDeps,
  requester: Requester,
  metadata: string | undefined,
  values: FormValues,
): Promise<SubmitResult> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return { kind: "refused", card: loaded };
  const meta = parseGoalFormMetadata(metadata);
  const level = meta?.level ?? levelFor(loaded.person);
  const permission = mayCreate(loaded.person, level, loaded.scope);
  if (!permission.ok)
    return {
      kind: "refused",
      card: refusal(
        loaded.t,
        level,
        permission.allowed.map((p) => p.name),
      ),
    };
  const ctx = await formContext(deps, loaded, level, permission.unitId);
  const result = validateGoalForm(ctx, values);
  if (!result.ok) {
    // A form opened before its parent was done: re-showing it would offer an empty parent picker.
    const noParents = noParentsCard(loaded, level, permission.unitId);
    if (noParents) return { kind: "refused", card: noParents };
    return { kind: "invalid", form: goalForm(ctx, values, result.errors), errors: result.errors };
  }
  const goal = await deps.goals.create({ ...result.goal, tenantId: loaded.tenant.id, createdById: loaded.person.id });
  const { t } = loaded;
  const levelName = t(`goals.level.${goal.level}`);
  const text = t("goals.saved.text", {
    level: levelName,
    title: escapeMarkup(goal.title),
    owners: formatList(
      t,
      goal.owners.map((o) => escapeMarkup(o.name)),
    ),
    count: goal.owners.length,
    due: formatDate(goal.dueDate, t.locale),
  });
  return {
    kind: "saved",
    goal,
    card: {
      summary: t("goals.saved.summary", { level: levelName, title: goal.title }),
      blocks: [{ type: "text", text }],
    },
    affectedPersonIds: [...new Set([loaded.person.id, ...goal.owners.map((o) => o.id)])],
  };
}

/** Submit of the check-in form. */
export async function submitCheckin(deps: GoalDeps, requester: Requester, values: FormValues): Promise<SubmitResult> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return { kind: "refused", card: loaded };
  const { t, person } = loaded;
  const result = validateCheckin(t, person, loaded.goals, values);
  const owed = owedCheckins(person, loaded.goals);
  if (!result.ok) {
    // Owing nothing (the goal was finished meanwhile, or it is not theirs), the form would have an
    // empty picker, which neither Block Kit nor Adaptive Cards accept: say why instead.
    if (owed.length === 0)
      return { kind: "refused", card: textCard(result.errors.item ?? t("goals.checkin.nothingOwed")) };
    return { kind: "invalid", form: checkinForm(t, owed, values, result.errors), errors: result.errors };
  }
  const goal = await deps.goals.checkin({
    tenantId: loaded.tenant.id,
    goalId: result.goalId,
    personId: person.id,
    progress: result.progress,
    status: result.status,
    note: result.note,
    at: deps.clock.now(),
  });
  const text = t("goals.checkin.saved", {
    title: escapeMarkup(goal.title),
    progress: goal.progress,
    status: t(`goals.status.${goal.status}`),
  });
  return {
    kind: "saved",
    goal,
    card: { summary: markupToPlain(text), blocks: [{ type: "text", text }] },
    affectedPersonIds: [...new Set([person.id, ...goal.owners.map((o) => o.id)])],
  };
}

/** Submit of the focus-topic form (managing directors and area heads). */
export async function submitFocusTopic(
  deps: GoalDeps,
  requester: Requester,
  values: FormValues,
): Promise<SubmitOutcome<{ readonly focusTopic: FocusTopicView }>> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return { kind: "refused", card: loaded };
  const { t } = loaded;
  if (!mayRecordFocusTopics(loaded.person)) return { kind: "refused", card: focusRefusal(t, loaded.scope) };
  const topics = await deps.goals.focusTopics(loaded.tenant.id);
  const result = validateFocusTopic(t, topics, values);
  if (!result.ok)
    return { kind: "invalid", form: focusTopicForm(t, topics, values, result.errors), errors: result.errors };
  const topic = await deps.goals.createFocusTopic({
    tenantId: loaded.tenant.id,
    title: result.title,
    description: result.description,
    createdById: loaded.person.id,
  });
  const text = t("goals.focus.saved", { title: escapeMarkup(topic.title) });
  return {
    kind: "saved",
    focusTopic: topic,
    card: {
      summary: markupToPlain(text),
      blocks: [{ type: "text", text }, ...focusTopicsCard(t, [...topics, topic]).blocks],
    },
  };
}

/** The Slack App Home: my goals and measures, what is due this week, my open check-ins. */
export async function homeCard(deps: GoalDeps, requester: Requester): Promise<Card> {
  const loaded = await load(deps, requester);
  if (!("scope" in loaded)) return loaded;
  return homeGoalsCard(loaded.ctx, deps.clock.now());
}

/**
 * The Slack user ids of these people (those linked to Slack), e.g. to refresh the App Home of everyone
 * a saved goal or check-in concerns. Unknown and inactive ids are skipped.
 */
export async function slackUserIdsOf(
  deps: GoalDeps,
  tenantId: string,
  personIds: readonly string[],
): Promise<string[]> {
  if (personIds.length === 0) return [];
  const wanted = new Set(personIds);
  const people = await deps.org.people(tenantId);
  return people.flatMap((p) => (wanted.has(p.id) && p.slackUserId ? [p.slackUserId] : []));
}

export function isGoalsReplyForm(reply: GoalsReply): reply is { kind: "form"; form: Form } {
  return reply.kind === "form";
}
