import { OrgScope } from "../goals/org-scope.js";
import type { Services } from "../services.js";
import type { CoverageRow } from "./cards.js";

export type { CoverageRow } from "./cards.js";

/**
 * Training coverage per unit (SEED step 9, and the weekly KPI digest's "training coverage"): for each
 * child unit of `unitId` (the company when absent; the unit itself when it has none), how many people
 * completed a basic training, how many hold a seat in one, how many qualification needs an enrolment
 * covers, and the no-shows. Counts only, never names, so it can go into reports and the digest as is.
 *
 * The KPI digest calls it as `trainingCoverage(services, tenantId)` and reads `basicPercent` per area.
 */
export async function trainingCoverage(
  services: Services,
  tenantId: string,
  unitId?: string,
): Promise<{
  readonly unit: { readonly id: string; readonly name: string } | null;
  readonly rows: CoverageRow[];
  readonly hasBasic: boolean;
}> {
  const [units, people, trainings, enrolments, open, addressed] = await Promise.all([
    services.org.units(tenantId),
    services.org.people(tenantId),
    services.trainings.trainings(tenantId),
    services.trainings.enrolments(tenantId),
    services.qualificationNeeds.openNeeds(tenantId),
    services.qualificationNeeds.addressedNeeds(tenantId),
  ]);
  const scope = new OrgScope(units, people);
  const root = unitId ? scope.unit(unitId) : units.find((u) => u.parentId === null);
  if (!root) return { unit: null, rows: [], hasBasic: false };
  const basic = new Set(trainings.filter((t) => t.kind === "basic").map((t) => t.id));
  const completed = new Set(
    enrolments.filter((e) => basic.has(e.trainingId) && e.status === "attended").map((e) => e.personId),
  );
  const holding = new Set(
    enrolments
      .filter((e) => basic.has(e.trainingId) && (e.status === "enrolled" || e.status === "waitlisted"))
      .map((e) => e.personId),
  );
  const children = units.filter((u) => u.parentId === root.id);
  const rowsFor = children.length > 0 ? [root, ...children] : [root];
  const rows = rowsFor.map((unit): CoverageRow => {
    const ids = new Set(scope.peopleWithin(unit.id).map((p) => p.id));
    const count = (pred: (personId: string) => boolean) => [...ids].filter(pred).length;
    const done = count((id) => completed.has(id));
    return {
      unitId: unit.id,
      unitName: unit.name,
      people: ids.size,
      basicCompleted: done,
      basicEnrolled: count((id) => holding.has(id) && !completed.has(id)),
      basicPercent: ids.size === 0 ? 0 : Math.round((done / ids.size) * 100),
      needs: open.filter((n) => ids.has(n.personId)).length + addressed.filter((n) => ids.has(n.personId)).length,
      needsAddressed: addressed.filter((n) => ids.has(n.personId)).length,
      noShows: enrolments.filter((e) => e.status === "no_show" && ids.has(e.personId)).length,
    };
  });
  return { unit: { id: root.id, name: root.name }, rows, hasBasic: basic.size > 0 };
}
