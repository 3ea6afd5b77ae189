import type { OrgRow } from "./org-csv.js";
import { type Locale, type Role, type UnitKind, unitKindForDepth } from "./types.js";

export interface SnapshotUnit {
  readonly id: string;
  readonly path: string;
}

export interface SnapshotPerson {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
  readonly managerEmail: string | null;
  readonly active: boolean;
  readonly roles: readonly { readonly role: Role; readonly unitPath: string }[];
}

export interface OrgSnapshot {
  readonly units: readonly SnapshotUnit[];
  readonly people: readonly SnapshotPerson[];
}

export interface PersonFields {
  readonly email: string;
  readonly name: string;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
  readonly active: boolean;
}

export interface ImportPlan {
  /** Parents before children. */
  readonly unitsToCreate: readonly {
    readonly path: string;
    readonly name: string;
    readonly kind: UnitKind;
    readonly parentPath: string | null;
  }[];
  readonly peopleToCreate: readonly PersonFields[];
  readonly peopleToUpdate: readonly {
    readonly id: string;
    readonly email: string;
    readonly changes: Partial<PersonFields>;
  }[];
  /** Manager links to set, by e-mail; only those that change. */
  readonly managers: readonly { readonly email: string; readonly managerEmail: string | null }[];
  /** Role assignments that change; each replaces all of the person's roles. */
  readonly roles: readonly { readonly email: string; readonly role: Role; readonly unitPath: string }[];
  readonly deactivate: readonly { readonly id: string; readonly email: string }[];
}

export interface ImportResult {
  readonly unitsCreated: number;
  readonly peopleCreated: number;
  readonly peopleUpdated: number;
  readonly peopleUnchanged: number;
  readonly peopleDeactivated: number;
}

export function isEmptyPlan(plan: ImportPlan): boolean {
  return (
    plan.unitsToCreate.length === 0 &&
    plan.peopleToCreate.length === 0 &&
    plan.peopleToUpdate.length === 0 &&
    plan.managers.length === 0 &&
    plan.roles.length === 0 &&
    plan.deactivate.length === 0
  );
}

/**
 * Compares validated rows with what the tenant has and returns only the differences, so a
 * re-import of the same file is a no-op. Columns left empty keep what is stored (a CSV without
 * slack_user_id must not wipe ids matched earlier); people missing from the file are deactivated,
 * never deleted, so their goals and talks keep an owner.
 */
export function planImport(rows: readonly OrgRow[], snapshot: OrgSnapshot): ImportPlan {
  const existingUnits = new Set(snapshot.units.map((u) => u.path));
  const unitsToCreate: { path: string; name: string; kind: UnitKind; parentPath: string | null }[] = [];
  const planned = new Set<string>();
  for (const row of rows) {
    const segments = row.unitPath.split("/");
    for (let depth = 1; depth <= segments.length; depth += 1) {
      const path = segments.slice(0, depth).join("/");
      if (existingUnits.has(path) || planned.has(path)) continue;
      planned.add(path);
      unitsToCreate.push({
        path,
        name: segments[depth - 1] ?? path,
        kind: unitKindForDepth(depth),
        parentPath: depth === 1 ? null : segments.slice(0, depth - 1).join("/"),
      });
    }
  }
  unitsToCreate.sort((a, b) => a.path.split("/").length - b.path.split("/").length);

  const byEmail = new Map(snapshot.people.map((p) => [p.email, p]));
  const peopleToCreate: PersonFields[] = [];
  const peopleToUpdate: { id: string; email: string; changes: Partial<PersonFields> }[] = [];
  const managers: { email: string; managerEmail: string | null }[] = [];
  const roles: { email: string; role: Role; unitPath: string }[] = [];

  for (const row of rows) {
    const current = byEmail.get(row.email);
    const wanted: PersonFields = {
      email: row.email,
      name: row.name,
      locale: row.locale ?? current?.locale ?? null,
      timezone: row.timezone ?? current?.timezone ?? null,
      slackUserId: row.slackUserId ?? current?.slackUserId ?? null,
      teamsAadObjectId: row.teamsAadObjectId ?? current?.teamsAadObjectId ?? null,
      active: true,
    };
    if (!current) {
      peopleToCreate.push(wanted);
    } else {
      const changes: Partial<Record<keyof PersonFields, unknown>> = {};
      for (const key of Object.keys(wanted) as (keyof PersonFields)[]) {
        if (wanted[key] !== current[key]) changes[key] = wanted[key];
      }
      if (Object.keys(changes).length > 0)
        peopleToUpdate.push({ id: current.id, email: row.email, changes: changes as Partial<PersonFields> });
    }
    const managerEmail = row.managerEmail ?? null;
    if ((current?.managerEmail ?? null) !== managerEmail) managers.push({ email: row.email, managerEmail });
    const currentRoles = current?.roles ?? [];
    const sameRole =
      currentRoles.length === 1 && currentRoles[0]?.role === row.role && currentRoles[0]?.unitPath === row.unitPath;
    if (!sameRole) roles.push({ email: row.email, role: row.role, unitPath: row.unitPath });
  }

  const inFile = new Set(rows.map((r) => r.email));
  const deactivate = snapshot.people
    .filter((p) => p.active && !inFile.has(p.email))
    .map((p) => ({ id: p.id, email: p.email }));

  return { unitsToCreate, peopleToCreate, peopleToUpdate, managers, roles, deactivate };
}

export function summarisePlan(plan: ImportPlan, rowCount: number): ImportResult {
  const created = new Set(plan.peopleToCreate.map((p) => p.email));
  const touched = new Set<string>();
  for (const item of [...plan.peopleToUpdate, ...plan.managers, ...plan.roles]) {
    if (!created.has(item.email)) touched.add(item.email);
  }
  return {
    unitsCreated: plan.unitsToCreate.length,
    peopleCreated: created.size,
    peopleUpdated: touched.size,
    peopleUnchanged: rowCount - created.size - touched.size,
    peopleDeactivated: plan.deactivate.length,
  };
}
