import type { TurnContext } from "botbuilder";
import { identify, type Requester } from "../../src/core/org/identify.js";
import { toLocale } from "../../src/core/org/types.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import type { TeamsHandlerDeps } from "./deps.js";
import { teamsTenantKey, teamsUser } from "./tenant-key.js";

/**
 * Who is asking, from any Teams activity (message or invoke): tenant by the AAD tenant id, person
 * by AAD object id (or, once, by the e-mail the connector reports), locale from the Teams client.
 * Without a tenant id outside emulator mode there is no tenant, and the caller shows "not set up".
 */
export async function teamsRequester(deps: TeamsHandlerDeps, context: TurnContext): Promise<Requester> {
  const tenantKey = teamsTenantKey(context, deps.emulator);
  if (!tenantKey) {
    const locale = toLocale(context.activity.locale) ?? deps.services.defaultLocale;
    return { tenant: null, person: null, locale, t: translator(locale) };
  }
  return identify(deps.services, tenantKey, teamsUser(context, deps.log));
}
