import type { OrgRepository, TenantRepository } from "../ports.js";
import { type Translate, translator } from "../ui/i18n/index.js";
import type { Locale, PersonProfile, Platform, TenantInfo } from "./types.js";
import { toLocale } from "./types.js";

export type TenantKey =
  | { readonly kind: "slack"; readonly teamId: string; readonly enterpriseId?: string }
  | { readonly kind: "teams"; readonly tenantId: string }
  | { readonly kind: "slug"; readonly slug: string };

export interface ChatUser {
  readonly platform: Platform;
  readonly userId: string;
  /** The user's client language as the platform reports it ("de-DE"), if known. */
  readonly platformLocale?: string | undefined;
  /** Looks up the user's e-mail on the platform; called only for people not linked yet. */
  readonly lookupEmail?: () => Promise<string | null>;
}

export interface Requester {
  readonly tenant: TenantInfo | null;
  readonly person: PersonProfile | null;
  readonly locale: Locale;
  readonly t: Translate;
  /** Which workspace or Teams tenant the request came from, when no Kurs tenant is bound to it. */
  readonly unbound?: TenantKey;
}

export interface IdentifyDeps {
  readonly tenants: TenantRepository;
  readonly org: OrgRepository;
  readonly defaultLocale: Locale;
}

/**
 * Finds the tenant and the person behind a chat request. A person known only by e-mail (imported
 * without a chat id) is linked to their platform id on first contact, so the next request is one lookup.
 * The locale is the user's client language first (what they see everywhere else), then the
 * locale from the org import, then the tenant default.
 */
export async function identify(deps: IdentifyDeps, key: TenantKey, user: ChatUser): Promise<Requester> {
  const tenant = await findTenant(deps.tenants, key);
  let person: PersonProfile | null = null;
  if (tenant) {
    person = await deps.org.findPersonByPlatformId(tenant.id, user.platform, user.userId);
    if (!person && user.lookupEmail) {
      const email = (await user.lookupEmail())?.toLowerCase();
      const byEmail = email ? await deps.org.findPersonByEmail(tenant.id, email) : null;
      const alreadyLinked = user.platform === "slack" ? byEmail?.slackUserId : byEmail?.teamsAadObjectId;
      if (byEmail && !alreadyLinked) {
        await deps.org.linkPlatformId(tenant.id, byEmail.id, user.platform, user.userId);
        person = byEmail;
      }
    }
  }
  const locale = toLocale(user.platformLocale) ?? person?.locale ?? tenant?.defaultLocale ?? deps.defaultLocale;
  const t = translator(locale, tenant?.formality ?? "sie");
  return tenant ? { tenant, person, locale, t } : { tenant, person, locale, t, unbound: key };
}

function findTenant(tenants: TenantRepository, key: TenantKey): Promise<TenantInfo | null> {
  switch (key.kind) {
    case "slack":
      return tenants.findBySlack(key.teamId, key.enterpriseId);
    case "teams":
      return tenants.findByTeams(key.tenantId);
    case "slug":
      return tenants.findBySlug(key.slug);
  }
}
