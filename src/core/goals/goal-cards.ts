import type { PersonProfile } from "../org/types.js";
import type { Block, Card, CardAction } from "../ui/card.js";
import { formatList, type Translate } from "../ui/i18n/index.js";
import { escapeMarkup } from "../ui/markup.js";
import { goalActions } from "./actions.js";
import { formatDate, formatNumber } from "./format.js";
import type { OrgScope } from "./org-scope.js";
import { positionOf } from "./org-scope.js";
import { mayCheckin } from "./permissions.js";
import type { GoalLevel, GoalView } from "./types.js";

const ICON: Readonly<Record<GoalLevel, string>> = { company: "🏢", area: "🧭", team: "👥", measure: "▸" };
const INDENT: Readonly<Record<GoalLevel, string>> = {
  company: "",
  area: "\u2003",
  team: "\u2003\u2003",
  measure: "\u2003\u2003\u2003",
};

export interface CardContext {
  readonly t: Translate;
  readonly person: PersonProfile;
  readonly scope: OrgScope;
  readonly goals: readonly GoalView[];
  /** Today in the tenant's time zone, YYYY-MM-DD. */
  readonly today: string;
}

function owners(goal: GoalView, t: Translate): string {
  return goal.owners.length > 0
    ? formatList(
        t,
        goal.owners.map((o) => escapeMarkup(o.name)),
      )
    : t("common.none");
}

/** One goal as the blocks everyone sees: title, progress, owner/due line, and what this person can do with it. */
export function goalBlocks(ctx: CardContext, goal: GoalView): Block[] {
  const { t, person } = ctx;
  const locale = t.locale;
  const meta = t("goals.meta", {
    level: t(`goals.level.${goal.level}`),
    owners: owners(goal, t),
    // No owner shows "–", which reads as one.
    count: Math.max(1, goal.owners.length),
    due: formatDate(goal.dueDate, locale),
  });
  const checkin = goal.lastCheckinAt
    ? t("goals.lastCheckin", { date: formatDate(goal.lastCheckinAt.toISOString().slice(0, 10), locale) })
    : t("goals.noCheckin");
  const blocks: Block[] = [
    { type: "text", text: `**${escapeMarkup(goal.title)}**` },
    { type: "progress", label: t(`goals.status.${goal.status}`), percent: goal.progress, note: checkin },
    { type: "context", text: meta },
  ];
  if (goal.kpiKey) {
    blocks.push({
      type: "context",
      text: t("goals.kpiTarget", {
        kpi: t(`goals.kpi.${goal.kpiKey}`),
        target: goal.kpiTarget === null ? "–" : formatNumber(goal.kpiTarget, locale),
      }),
    });
  }
  const actions: CardAction[] = [];
  if (mayCheckin(person, goal) && goal.status !== "done") {
    actions.push(goalActions.checkin.button(t("goals.actions.checkin"), { goal: goal.id }, { style: "primary" }));
  }
  const position = positionOf(person);
  if (goal.level === "team" && position?.role === "team_lead" && position.unitId === goal.unit.id) {
    actions.push(goalActions.measure.button(t("goals.actions.addMeasure"), { parent: goal.id }));
  }
  if (goal.level !== "company") actions.push(goalActions.chain.button(t("goals.actions.chain"), { goal: goal.id }));
  if (actions.length > 0) blocks.push({ type: "actions", actions });
  return blocks;
}

/** The goals of the person's own unit level: a member sees their team's, an area head their area's, directors the company's. */
export function unitGoals(ctx: CardContext): { unitId: string | undefined; goals: GoalView[] } {
  const position = positionOf(ctx.person);
  if (!position) return { unitId: undefined, goals: [] };
  const level: GoalLevel =
    position.role === "managing_director" ? "company" : position.role === "area_head" ? "area" : "team";
  return {
    unitId: position.unitId,
    goals: ctx.goals.filter((g) => g.level === level && g.unit.id === position.unitId),
  };
}

/** `/goals`: my team's goals with progress, and the measures I own. */
export function myGoalsCard(ctx: CardContext): Card {
  const { t, person } = ctx;
  const { unitId, goals } = unitGoals(ctx);
  const unit = unitId ? ctx.scope.unit(unitId) : undefined;
  if (!unit) return { summary: t("goals.mine.notInOrg"), blocks: [{ type: "text", text: t("goals.mine.notInOrg") }] };
  const unitName = escapeMarkup(unit.name);
  const blocks: Block[] = [{ type: "header", text: t("goals.mine.header", { unit: unitName }) }];
  if (goals.length === 0) {
    const lead = positionOf(person)?.role !== "member";
    blocks.push({
      type: "text",
      text: lead ? t("goals.mine.emptyLead", { unit: unitName }) : t("goals.mine.empty", { unit: unitName }),
    });
  }
  for (const goal of goals) {
    blocks.push(...goalBlocks(ctx, goal));
    // The goal's measures, one line each: everyone in the team sees where each measure stands.
    const measures = ctx.goals.filter((g) => g.parentId === goal.id && g.level === "measure");
    if (measures.length > 0) blocks.push({ type: "list", items: measures.map((m) => treeLine(t, m).trim()) });
    blocks.push({ type: "divider" });
  }
  const measures = ctx.goals.filter((g) => g.level === "measure" && mayCheckin(person, g) && g.status !== "done");
  blocks.push({ type: "text", text: `**${t("goals.mine.measuresHeader")}**` });
  if (measures.length === 0) blocks.push({ type: "context", text: t("goals.mine.noMeasures") });
  for (const measure of measures) blocks.push(...goalBlocks(ctx, measure));
  return {
    summary: t("goals.mine.summary", { unit: unit.name }),
    blocks,
    overflow: {
      text: t("goals.actions.tree"),
      action: goalActions.tree.button(t("goals.actions.tree"), { unit: unit.id }),
    },
  };
}

function treeLine(t: Translate, goal: GoalView): string {
  return (
    INDENT[goal.level] +
    t("goals.tree.line", {
      icon: ICON[goal.level],
      title: escapeMarkup(goal.title),
      progress: goal.progress,
      status: t(`goals.status.${goal.status}`),
      owners: owners(goal, t),
    })
  );
}

/**
 * `/goals tree [unit]`: from each company goal down to the measures, limited to the unit's part
 * of the tree. One block per line, so the renderer can split a long tree across messages.
 */
export function treeCard(ctx: CardContext, unitId: string): Card {
  const { t, scope } = ctx;
  const unit = scope.unit(unitId);
  const name = unit?.path ?? "";
  const children = new Map<string | null, GoalView[]>();
  for (const goal of ctx.goals) {
    const list = children.get(goal.parentId) ?? [];
    list.push(goal);
    children.set(goal.parentId, list);
  }
  // A goal is in view if its unit is inside the unit, or it leads to one that is (the chain upward).
  const inUnit = (g: GoalView) => (unit ? scope.isWithin(g.unit.id, unit.id) : true);
  const visible = new Set<string>();
  const mark = (goal: GoalView): boolean => {
    const below = (children.get(goal.id) ?? []).map(mark).some(Boolean);
    const show = inUnit(goal) || below || unit?.kind === "company";
    if (show) visible.add(goal.id);
    return show;
  };
  const roots = ctx.goals.filter((g) => g.parentId === null || !ctx.goals.some((p) => p.id === g.parentId));
  for (const root of roots) mark(root);

  const blocks: Block[] = [{ type: "header", text: t("goals.tree.header", { unit: escapeMarkup(name) }) }];
  const walk = (goal: GoalView) => {
    if (!visible.has(goal.id)) return;
    blocks.push({ type: "text", text: treeLine(t, goal) });
    for (const child of children.get(goal.id) ?? []) walk(child);
  };
  for (const root of roots) walk(root);
  if (blocks.length === 1) blocks.push({ type: "text", text: t("goals.tree.empty", { unit: escapeMarkup(name) }) });
  return { summary: t("goals.tree.summary", { unit: name }), blocks };
}

/** The chain from a goal or measure up to its company goal, top first. */
export function chainCard(ctx: CardContext, goal: GoalView): Card {
  const { t } = ctx;
  const chain: GoalView[] = [];
  const seen = new Set<string>();
  let current: GoalView | undefined = goal;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    const parentId: string | null = current.parentId;
    current = parentId ? ctx.goals.find((g) => g.id === parentId) : undefined;
  }
  return {
    summary: t("goals.chain.summary", { title: goal.title }),
    blocks: [
      { type: "header", text: t("goals.chain.header", { title: escapeMarkup(goal.title) }) },
      ...chain.map((g): Block => ({ type: "text", text: treeLine(t, g) })),
      { type: "context", text: escapeMarkup(goal.successCriterion) },
    ],
  };
}

/** `/goals report`: what is not aligned yet, for leadership (whole company) and area heads (their area). */
export function reportCard(ctx: CardContext, unitId: string, now: Date): Card {
  const { t, scope, today } = ctx;
  const locale = t.locale;
  const unit = scope.unit(unitId);
  const within = (g: GoalView) => scope.isWithin(g.unit.id, unitId);
  const goals = ctx.goals.filter(within);
  const none = t("goals.report.none");
  const list = (items: string[]): Block =>
    items.length === 0 ? { type: "context", text: none } : { type: "list", items };

  const orphans = goals.filter((g) => g.level !== "company" && g.parentId === null);
  const units = scope.subtree(unitId).filter((u) => u.kind !== "company");
  const levelOf = (kind: string): GoalLevel => (kind === "area" ? "area" : "team");
  const unitsWithout = units.filter((u) => !ctx.goals.some((g) => g.unit.id === u.id && g.level === levelOf(u.kind)));
  const measures = goals.filter((g) => g.level === "measure");
  const withoutOwner = measures.filter((g) => g.owners.length === 0);
  const overdue = measures.filter((g) => g.status !== "done" && g.dueDate < today);
  const weekAgo = now.getTime() - 7 * 24 * 3600 * 1000;
  const teams = units.filter((u) => u.kind === "team");
  const freshness = teams
    .map((team) => {
      const own = measures.filter((m) => m.unit.id === team.id && m.status !== "done");
      const fresh = own.filter((m) => m.lastCheckinAt && m.lastCheckinAt.getTime() >= weekAgo).length;
      return { team, total: own.length, fresh };
    })
    .filter((row) => row.total > 0)
    .map((row) =>
      t("goals.report.freshnessLine", {
        unit: escapeMarkup(row.team.path),
        fresh: row.fresh,
        total: row.total,
        count: row.total,
      }),
    );

  return {
    summary: t("goals.report.summary"),
    blocks: [
      { type: "header", text: t("goals.report.header", { unit: escapeMarkup(unit?.name ?? "") }) },
      { type: "text", text: `**${t("goals.report.orphans")}**` },
      list(orphans.map((g) => `${escapeMarkup(g.title)} (${escapeMarkup(g.unit.path)})`)),
      { type: "text", text: `**${t("goals.report.unitsWithout")}**` },
      list(unitsWithout.map((u) => escapeMarkup(u.path))),
      { type: "text", text: `**${t("goals.report.measuresWithoutOwner")}**` },
      list(withoutOwner.map((g) => escapeMarkup(g.title))),
      { type: "text", text: `**${t("goals.report.overdue")}**` },
      list(
        overdue.map((g) =>
          t("goals.report.overdueLine", {
            title: escapeMarkup(g.title),
            unit: escapeMarkup(g.unit.name),
            due: formatDate(g.dueDate, locale),
          }),
        ),
      ),
      { type: "text", text: `**${t("goals.report.freshness")}**` },
      list(freshness),
    ],
  };
}

/**
 * The Slack App Home: what is due this week and what waits for a check-in first (the two things
 * that need the person now), then the usual /goals view.
 */
export function homeGoalsCard(ctx: CardContext, now: Date): Card {
  const { t, person } = ctx;
  const mine = ctx.goals.filter((g) => g.status !== "done" && mayCheckin(person, g));
  const weekAhead = new Date(`${ctx.today}T00:00:00Z`);
  weekAhead.setUTCDate(weekAhead.getUTCDate() + 7);
  const horizon = weekAhead.toISOString().slice(0, 10);
  const due = mine.filter((g) => g.dueDate <= horizon);
  const staleBefore = now.getTime() - 7 * 24 * 3600 * 1000;
  const stale = mine.filter((g) => (g.lastCheckinAt ?? g.createdAt).getTime() <= staleBefore);
  const line = (g: GoalView) => `${escapeMarkup(g.title)} – ${formatDate(g.dueDate, t.locale)}`;
  const section = (title: string, items: GoalView[]): Block[] => [
    { type: "text", text: `**${title}**` },
    items.length === 0 ? { type: "context", text: t("goals.home.nothing") } : { type: "list", items: items.map(line) },
  ];
  const main = myGoalsCard(ctx);
  return {
    ...main,
    blocks: [
      ...section(t("goals.home.dueThisWeek"), due),
      ...section(t("goals.home.openCheckins"), stale),
      { type: "divider" },
      ...main.blocks,
    ],
  };
}
