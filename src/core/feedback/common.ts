import type { Requester } from "../org/identify.js";
import type { Locale, PersonProfile, Platform, TenantInfo } from "../org/types.js";
import type { DeliveryTarget } from "../ports.js";
import { tenantNotSetUpCard } from "../programme/help.js";
import type { Services } from "../services.js";
import type { Card } from "../ui/card.js";
import type { Translate } from "../ui/i18n/index.js";
import type { Reply } from "../ui/reply.js";
import type { Bilingual, FeedbackPerson } from "./types.js";

export interface Member {
  readonly t: Translate;
  readonly tenant: TenantInfo;
  readonly person: PersonProfile;
}

export const textCard = (text: string): Card => ({ summary: text, blocks: [{ type: "text", text }] });
export const cardReply = (card: Card): Reply => ({ kind: "card", card });

/** The requester as a member of a set-up tenant, or the card that says why not. */
export function member(requester: Requester): Member | Card {
  const { tenant, person, t } = requester;
  if (!tenant) return tenantNotSetUpCard(t);
  if (!person) return textCard(t("feedback.notInOrg"));
  return { t, tenant, person };
}

export function isCard(value: Member | Card): value is Card {
  return "blocks" in value;
}

export function pick(text: Bilingual, locale: Locale): string {
  return text[locale];
}

export function isManagingDirector(person: PersonProfile): boolean {
  return person.roles.some((r) => r.role === "managing_director");
}

export function localeOf(person: Pick<FeedbackPerson, "locale"> | null, tenant: TenantInfo): Locale {
  return person?.locale ?? tenant.defaultLocale;
}

export function zoneOf(person: Pick<FeedbackPerson, "timezone"> | null, tenant: TenantInfo): string {
  return person?.timezone ?? tenant.timezone;
}

/** Every platform the person is linked to gets its own delivery row. */
export function targetsOf(person: FeedbackPerson): DeliveryTarget[] {
  const platforms: Platform[] = [];
  if (person.slackUserId) platforms.push("slack");
  if (person.teamsAadObjectId) platforms.push("teams");
  return platforms.map((platform) => ({ personId: person.id, platform }));
}

/** The people of the tenant by id, once per request. */
export async function peopleById(services: Services, tenantId: string): Promise<Map<string, FeedbackPerson>> {
  return new Map((await services.feedback.people(tenantId)).map((p) => [p.id, p]));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from form metadata come from the client: never let a forged one reach a uuid column. */
export function isUuid(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}
