import type { Requester } from "../../src/core/org/identify.js";
import { identify } from "../../src/core/org/identify.js";
import type { SlackHandlerDeps } from "./deps.js";

const USERS_INFO_TIMEOUT_MS = 1_500;

export interface SlackCaller {
  readonly teamId: string;
  readonly enterpriseId?: string | undefined;
  readonly userId: string;
}

/**
 * Who is asking, from any Slack payload: tenant by team (or Enterprise Grid) id, person by Slack id
 * or, once, by the e-mail users.info reports; the locale from users.info (cached). If Slack is slow
 * or refuses, the answer comes in the tenant's language rather than not at all.
 */
export async function slackRequester(deps: SlackHandlerDeps, caller: SlackCaller): Promise<Requester> {
  const fallback = { locale: undefined, email: null };
  // Modal submissions must be acked within 3 s, so a slow users.info must not hold the answer.
  const timeout = new Promise<typeof fallback>((resolve) => {
    setTimeout(() => resolve(fallback), USERS_INFO_TIMEOUT_MS).unref();
  });
  const lookup = deps.userInfo.get(caller.teamId, caller.userId).catch((err: unknown) => {
    deps.log.warn(
      { err, teamId: caller.teamId, userId: caller.userId },
      "users.info failed; answering without the user's Slack locale",
    );
    return fallback;
  });
  const info = Promise.race([lookup, timeout]);
  const { locale } = await info;
  return identify(
    deps.services,
    { kind: "slack", teamId: caller.teamId, enterpriseId: caller.enterpriseId },
    { platform: "slack", userId: caller.userId, platformLocale: locale, lookupEmail: async () => (await info).email },
  );
}
