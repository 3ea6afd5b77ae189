import type { TurnContext } from "botbuilder";
import { TeamsInfo } from "botbuilder";
import type { ChatUser, TenantKey } from "../../src/core/org/identify.js";
import type { Logger } from "../../src/logger.js";

export function teamsTenantKey(context: TurnContext, emulator: boolean): TenantKey | undefined {
  const channelTenant = (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  const tenantId = context.activity.conversation?.tenantId ?? channelTenant;
  if (tenantId) return { kind: "teams", tenantId };
  return emulator ? { kind: "slug", slug: "default" } : undefined;
}

export function teamsUser(context: TurnContext, log: Logger): ChatUser {
  const from = context.activity.from;
  return {
    platform: "teams",
    // The AAD object id is stable across Teams, Outlook and Graph; the channel user id is per bot.
    userId: from.aadObjectId ?? from.id,
    platformLocale: context.activity.locale,
    lookupEmail: async () => {
      try {
        const member = await TeamsInfo.getMember(context, from.id);
        return member.email ?? member.userPrincipalName ?? null;
      } catch (err) {
        log.warn({ err, userId: from.id }, "could not read the Teams member's e-mail");
        return null;
      }
    },
  };
}
