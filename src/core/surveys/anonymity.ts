import type { UnitNode } from "../org/types.js";
import { DEFAULT_ANONYMITY_THRESHOLD, MIN_ANONYMITY_THRESHOLD, type SurveyView, type WaveView } from "./types.js";

/** The threshold a wave is evaluated with: frozen at opening, never below the floor. */
export function effectiveThreshold(survey: Pick<SurveyView, "anonymityThreshold">, wave?: WaveView): number {
  const t = wave?.anonymityThreshold ?? survey.anonymityThreshold ?? DEFAULT_ANONYMITY_THRESHOLD;
  return Math.max(MIN_ANONYMITY_THRESHOLD, t);
}

/** Checks an admin's threshold; returns the problem or null. */
export function thresholdProblem(value: number): "not_integer" | "too_low" | null {
  if (!Number.isInteger(value)) return "not_integer";
  if (value < MIN_ANONYMITY_THRESHOLD) return "too_low";
  return null;
}

/** A group may be shown with at least `threshold` answers. */
export function mayShow(n: number, threshold: number): boolean {
  return n >= Math.max(MIN_ANONYMITY_THRESHOLD, threshold);
}

/** Free text is shown only above the threshold (strictly more answers), and never with names. */
export function mayShowFreeText(n: number, threshold: number): boolean {
  return n > Math.max(MIN_ANONYMITY_THRESHOLD, threshold);
}

export interface Group<T> {
  /** The unit the group is shown under; null for answers without a unit. */
  readonly unitId: string | null;
  /** Every unit whose answers are in this group (the unit and the subunits rolled up into it). */
  readonly unitIds: readonly string[];
  readonly items: readonly T[];
}

/**
 * Splits answers into disjoint groups along the org tree, each with at least `threshold` answers.
 * A unit with too few answers (its own plus those rolled up from its subunits) is not shown and
 * rolls up into its parent. Groups never overlap, so no group can be worked out by subtracting
 * shown ones from another; a small remainder at the top is merged with the smallest group beside
 * it until it is large enough, or dropped when nothing is left to merge with.
 */
export function groupByUnit<T>(
  units: readonly UnitNode[],
  items: readonly T[],
  unitOf: (item: T) => string | null,
  threshold: number,
): Group<T>[] {
  const t = Math.max(MIN_ANONYMITY_THRESHOLD, threshold);
  const known = new Set(units.map((u) => u.id));
  const children = new Map<string | null, UnitNode[]>();
  for (const u of units) {
    const parent = u.parentId !== null && known.has(u.parentId) ? u.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), u]);
  }
  const own = new Map<string | null, T[]>();
  for (const item of items) {
    const unit = unitOf(item);
    const key = unit !== null && known.has(unit) ? unit : null;
    own.set(key, [...(own.get(key) ?? []), item]);
  }
  const shown: Group<T>[] = [];
  // Returns what rolls up to the parent: nothing when the unit is shown as a group.
  const visit = (unit: UnitNode): { unitIds: string[]; items: T[] } => {
    const pool = { unitIds: [unit.id], items: [...(own.get(unit.id) ?? [])] };
    for (const child of children.get(unit.id) ?? []) {
      const up = visit(child);
      pool.unitIds.push(...up.unitIds);
      pool.items.push(...up.items);
    }
    if (pool.items.length >= t) {
      shown.push({ unitId: unit.id, unitIds: pool.unitIds, items: pool.items });
      return { unitIds: [], items: [] };
    }
    return pool;
  };
  const rest = { unitIds: [] as string[], items: [...(own.get(null) ?? [])] };
  for (const root of children.get(null) ?? []) {
    const up = visit(root);
    rest.unitIds.push(...up.unitIds);
    rest.items.push(...up.items);
  }
  while (rest.items.length > 0 && rest.items.length < t && shown.length > 0) {
    // The smallest group absorbs the remainder: shown groups then still partition every answer.
    let smallest = 0;
    shown.forEach((g, i) => {
      if (g.items.length < (shown[smallest]?.items.length ?? Number.POSITIVE_INFINITY)) smallest = i;
    });
    const [merged] = shown.splice(smallest, 1);
    if (!merged) break;
    rest.unitIds.push(...merged.unitIds);
    rest.items.push(...merged.items);
  }
  if (rest.items.length >= t) {
    const roots = children.get(null) ?? [];
    shown.push({
      unitId: roots.length === 1 ? (roots[0]?.id ?? null) : null,
      unitIds: rest.unitIds,
      items: rest.items,
    });
  }
  return shown;
}
