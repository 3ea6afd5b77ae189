import type { PersonRef, UnitNode } from "../org/types.js";
import type { AckTally } from "./types.js";

export interface AckRow {
  readonly unit: UnitNode;
  /** People of the unit and everything below it who were reached with the statement. */
  readonly delivered: number;
  /** Of those, how many pressed "Read". */
  readonly acknowledged: number;
  readonly percent: number;
}

export interface AckReport {
  /** The whole scope: the company for managing directors, the area for an area head. */
  readonly total: AckRow;
  readonly areas: readonly AckRow[];
  readonly teams: readonly AckRow[];
  /** People in scope the statement reached on no platform, counted per reason (never named). */
  readonly unreachable: { readonly count: number; readonly reasons: readonly { reason: string; count: number }[] };
  /** Deliveries not sent yet (e.g. the queue or a platform was down); they go out later. */
  readonly waiting: number;
}

/** "Teams: HTTP 403: The bot is not…" -> "Teams: HTTP 403": the reason's kind, not one person's details. */
function reasonKind(reason: string): string {
  return reason.split(":").slice(0, 2).join(":").trim().slice(0, 120);
}

/**
 * Acknowledgement per unit, rolled up the tree: a unit counts everyone whose role sits in it or
 * below it (an area head counts for the area, not for any team). Only units someone was delivered
 * to are listed, lowest rate first, so leadership sees at once where to follow up. Counts are per
 * unit, never per person.
 */
export function ackReport(
  units: readonly UnitNode[],
  people: readonly PersonRef[],
  tally: AckTally,
  scopeUnitId: string,
): AckReport | undefined {
  const byId = new Map(units.map((u) => [u.id, u]));
  const scope = byId.get(scopeUnitId);
  if (!scope) return undefined;
  const ancestry = (unitId: string): Set<string> => {
    const chain = new Set<string>();
    let current = byId.get(unitId);
    while (current && !chain.has(current.id)) {
      chain.add(current.id);
      current = current.parentId ? byId.get(current.parentId) : undefined;
    }
    return chain;
  };
  const acked = new Set(tally.acknowledged);
  // Someone who acknowledged was reached, even if the send was not recorded (a crash between send and record).
  const delivered = new Set([...tally.delivered, ...tally.acknowledged]);
  const counts = new Map<string, { delivered: number; acknowledged: number }>();
  for (const person of people) {
    if (!delivered.has(person.id)) continue;
    const within = new Set(person.roles.flatMap((r) => [...ancestry(r.unitId)]));
    for (const unitId of within) {
      const c = counts.get(unitId) ?? { delivered: 0, acknowledged: 0 };
      c.delivered += 1;
      if (acked.has(person.id)) c.acknowledged += 1;
      counts.set(unitId, c);
    }
  }
  const row = (unit: UnitNode): AckRow => {
    const c = counts.get(unit.id) ?? { delivered: 0, acknowledged: 0 };
    return { unit, ...c, percent: c.delivered === 0 ? 0 : (c.acknowledged / c.delivered) * 100 };
  };
  const inScope = units.filter((u) => u.id !== scope.id && ancestry(u.id).has(scope.id));
  const rows = (kind: UnitNode["kind"]) =>
    inScope
      .filter((u) => u.kind === kind)
      .map(row)
      .filter((r) => r.delivered > 0)
      .sort((a, b) => a.percent - b.percent || a.unit.path.localeCompare(b.unit.path));
  const inScopePeople = new Set(
    people.filter((p) => p.roles.some((r) => ancestry(r.unitId).has(scope.id))).map((p) => p.id),
  );
  const reasons = new Map<string, number>();
  let unreachable = 0;
  for (const u of tally.unreachable) {
    if (!inScopePeople.has(u.personId) || delivered.has(u.personId)) continue;
    unreachable += 1;
    const kind = reasonKind(u.reason);
    reasons.set(kind, (reasons.get(kind) ?? 0) + 1);
  }
  return {
    total: row(scope),
    areas: rows("area"),
    teams: rows("team"),
    unreachable: {
      count: unreachable,
      reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    },
    waiting: tally.waiting,
  };
}
