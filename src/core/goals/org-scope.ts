import type { PersonProfile, PersonRef, Role, UnitNode } from "../org/types.js";
import { ROLE_RANK } from "../org/types.js";

/** The org tree as core needs it for goals: ancestry, subtrees, role holders. */
export class OrgScope {
  private readonly byId: ReadonlyMap<string, UnitNode>;

  constructor(
    readonly units: readonly UnitNode[],
    readonly people: readonly PersonRef[],
  ) {
    this.byId = new Map(units.map((u) => [u.id, u]));
  }

  unit(id: string): UnitNode | undefined {
    return this.byId.get(id);
  }

  /** The unit and its ancestors, nearest first. */
  ancestry(unitId: string): UnitNode[] {
    const chain: UnitNode[] = [];
    let current = this.byId.get(unitId);
    while (current) {
      chain.push(current);
      current = current.parentId ? this.byId.get(current.parentId) : undefined;
    }
    return chain;
  }

  /** The area a unit belongs to (itself if it is one). */
  areaOf(unitId: string): UnitNode | undefined {
    return this.ancestry(unitId).find((u) => u.kind === "area");
  }

  isWithin(unitId: string, ancestorId: string): boolean {
    return this.ancestry(unitId).some((u) => u.id === ancestorId);
  }

  subtree(unitId: string): UnitNode[] {
    return this.units.filter((u) => this.isWithin(u.id, unitId));
  }

  peopleWithin(unitId: string): PersonRef[] {
    return this.people.filter((p) => p.roles.some((r) => this.isWithin(r.unitId, unitId)));
  }

  holders(role: Role, unitId?: string): PersonRef[] {
    return this.people.filter((p) =>
      p.roles.some((r) => r.role === role && (unitId === undefined || r.unitId === unitId)),
    );
  }

  /** Finds a unit by path, by its last segment, or by a unique case-insensitive prefix of its name. */
  findUnit(query: string): UnitNode | undefined {
    const q = query.trim().toLowerCase();
    if (q === "") return undefined;
    const exact = this.units.find((u) => u.path.toLowerCase() === q || u.name.toLowerCase() === q);
    if (exact) return exact;
    const prefixed = this.units.filter((u) => u.name.toLowerCase().startsWith(q));
    return prefixed.length === 1 ? prefixed[0] : undefined;
  }
}

export interface Position {
  readonly role: Role;
  readonly unitId: string;
}

/** A person's most senior role assignment: what they may create goals for. */
export function positionOf(person: PersonProfile): Position | undefined {
  let best: Position | undefined;
  for (const r of person.roles) {
    if (!best || ROLE_RANK[r.role] > ROLE_RANK[best.role]) best = { role: r.role, unitId: r.unit.id };
  }
  return best;
}
