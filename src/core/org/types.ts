export const ROLES = ["managing_director", "area_head", "team_lead", "member"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["de", "en"] as const;
export type Locale = (typeof LOCALES)[number];

export type Formality = "sie" | "du";
export type UnitKind = "company" | "area" | "team";
export type Platform = "slack" | "teams";

/** Higher rank = more organisational reach; used for "at least a team lead" checks. */
export const ROLE_RANK: Readonly<Record<Role, number>> = {
  member: 0,
  team_lead: 1,
  area_head: 2,
  managing_director: 3,
};

export interface TenantInfo {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly defaultLocale: Locale;
  readonly formality: Formality;
  readonly timezone: string;
}

export interface UnitRef {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly kind: UnitKind;
}

export interface UnitNode extends UnitRef {
  readonly parentId: string | null;
}

/** A person as a member of the org, for pickers and "who may do this" answers. */
export interface PersonRef {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly roles: readonly { readonly role: Role; readonly unitId: string }[];
}

export interface PersonProfile {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly email: string;
  readonly locale: Locale | null;
  readonly timezone: string | null;
  readonly slackUserId: string | null;
  readonly teamsAadObjectId: string | null;
  readonly roles: readonly { readonly role: Role; readonly unit: UnitRef }[];
  readonly manager: { readonly id: string; readonly name: string; readonly email: string } | null;
}

export function highestRole(person: PersonProfile | null): Role {
  let best: Role = "member";
  for (const { role } of person?.roles ?? []) if (ROLE_RANK[role] > ROLE_RANK[best]) best = role;
  return best;
}

export function unitKindForDepth(depth: number): UnitKind {
  if (depth <= 1) return "company";
  if (depth === 2) return "area";
  return "team";
}

/** Normalises "de-DE", "de_AT", "EN-us" to a supported locale, or undefined. */
export function toLocale(value: string | null | undefined): Locale | undefined {
  const lang = value?.trim().slice(0, 2).toLowerCase();
  return lang === "de" || lang === "en" ? lang : undefined;
}
