import { OrgScope, positionOf } from "../goals/org-scope.js";
import type { Requester } from "../org/identify.js";
import type { PersonProfile, PersonRef, TenantInfo } from "../org/types.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Services } from "../services.js";
import type { Card } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";

export interface Member {
  readonly t: Translate;
  readonly tenant: TenantInfo;
  readonly person: PersonProfile;
}

export const textCard = (text: string): Card => ({
  summary: text.replace(/\*\*/g, ""),
  blocks: [{ type: "text", text }],
});

/** The requester as a member of a set-up tenant, or the card that says why not. */
export function member(requester: Requester): Member | Card {
  const { tenant, person, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t);
  if (!person) return textCard(t("trainings.notInOrg"));
  return { t, tenant, person };
}

export function isMember(value: Member | Card): value is Member {
  return "person" in value;
}

export function isDirector(person: { readonly roles: readonly { readonly role: string }[] }): boolean {
  return person.roles.some((r) => r.role === "managing_director");
}

/** Managing directors and the tenant's training admins keep the catalogue. */
export async function isTrainingAdmin(services: Services, m: Member): Promise<boolean> {
  if (isDirector(m.person)) return true;
  return (await services.trainings.admins(m.tenant.id)).includes(m.person.id);
}

export async function orgScope(services: Services, tenantId: string): Promise<OrgScope> {
  const [units, people] = await Promise.all([services.org.units(tenantId), services.org.people(tenantId)]);
  return new OrgScope(units, people);
}

/**
 * The unit a leader answers for: a team lead their team, an area head their area, a managing director
 * (or a training admin) the company. Members lead nothing.
 */
export function leaderUnit(m: Member, scope: OrgScope, admin: boolean): string | undefined {
  const position = positionOf(m.person);
  if (admin || position?.role === "managing_director") {
    return scope.units.find((u) => u.parentId === null)?.id ?? position?.unitId;
  }
  if (position && position.role !== "member") return position.unitId;
  return undefined;
}

/** People a leader may nominate: everyone in their unit's subtree and their direct reports, not themselves. */
export async function reportsOf(services: Services, m: Member, scope: OrgScope, admin: boolean): Promise<PersonRef[]> {
  const unitId = leaderUnit(m, scope, admin);
  const participants = await services.trainings.participants(m.tenant.id);
  const direct = new Set(participants.filter((p) => p.managerId === m.person.id).map((p) => p.id));
  const within = new Set(unitId ? scope.peopleWithin(unitId).map((p) => p.id) : []);
  return scope.people.filter((p) => p.id !== m.person.id && (direct.has(p.id) || within.has(p.id)));
}
