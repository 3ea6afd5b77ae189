import type { PersonProfile, PersonRef } from "../org/types.js";
import { type OrgScope, positionOf } from "./org-scope.js";
import type { GoalLevel, GoalView } from "./types.js";

export type Permission =
  | { readonly ok: true; readonly unitId: string }
  | { readonly ok: false; readonly level: GoalLevel; readonly allowed: readonly PersonRef[] };

/**
 * Who may create what (SEED steps 3, 5, 6): managing directors company goals, an area head goals
 * for their area, a team lead goals and measures for their team. A refusal names who may instead.
 */
export function mayCreate(person: PersonProfile, level: GoalLevel, scope: OrgScope): Permission {
  const position = positionOf(person);
  const ok = (unitId: string): Permission => ({ ok: true, unitId });
  if (position) {
    if (level === "company" && position.role === "managing_director") return ok(position.unitId);
    if (level === "area" && position.role === "area_head") return ok(position.unitId);
    if ((level === "team" || level === "measure") && position.role === "team_lead") return ok(position.unitId);
  }
  return { ok: false, level, allowed: whoMay(level, person, scope) };
}

/** The people who could do it for this person: their own area head or team lead, or the directors. */
function whoMay(level: GoalLevel, person: PersonProfile, scope: OrgScope): PersonRef[] {
  if (level === "company") return scope.holders("managing_director");
  const unitId = positionOf(person)?.unitId;
  if (level === "area") {
    const area = unitId ? scope.areaOf(unitId) : undefined;
    return area ? scope.holders("area_head", area.id) : scope.holders("area_head");
  }
  const team = unitId ? scope.unit(unitId) : undefined;
  return team && team.kind === "team" ? scope.holders("team_lead", team.id) : scope.holders("team_lead").slice(0, 10);
}

/** Goals this person may attach a new goal of `level` to. */
export function parentCandidates(
  level: GoalLevel,
  unitId: string,
  goals: readonly GoalView[],
  scope: OrgScope,
): GoalView[] {
  const open = goals.filter((g) => g.status !== "done");
  switch (level) {
    case "company":
      return [];
    case "area":
      return open.filter((g) => g.level === "company");
    case "team": {
      const area = scope.areaOf(unitId);
      return open.filter((g) => g.level === "area" && area !== undefined && g.unit.id === area.id);
    }
    case "measure":
      return open.filter((g) => g.level === "team" && g.unit.id === unitId);
  }
}

/** People who may own a goal of this unit: everyone in the unit's subtree (managing directors: everyone). */
export function ownerCandidates(level: GoalLevel, unitId: string, scope: OrgScope): PersonRef[] {
  if (level === "company") return [...scope.people];
  return scope.peopleWithin(unitId);
}

export function mayCheckin(person: PersonProfile, goal: GoalView): boolean {
  return goal.owners.some((o) => o.id === person.id);
}
