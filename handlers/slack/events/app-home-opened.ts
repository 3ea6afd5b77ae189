import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { SlackHandlerDeps } from "../deps.js";
import { publishHome } from "../publish-home.js";

type HomeOpenedArgs = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

/**
 * Opening the Home tab publishes it fresh: goals, measures, what is due and open check-ins.
 * Bolt has acked the event already; the Messages tab needs nothing.
 */
export const appHomeOpened = (deps: SlackHandlerDeps) => {
  return async ({ event, body, context, client }: HomeOpenedArgs): Promise<void> => {
    if (event.tab !== "home") return;
    const caller = {
      teamId: context.teamId ?? body.team_id,
      enterpriseId: context.enterpriseId ?? body.enterprise_id,
      userId: event.user,
    };
    try {
      await publishHome(deps, client, caller);
    } catch (err) {
      deps.log.error({ err, teamId: caller.teamId, userId: caller.userId }, "could not publish the App Home");
    }
  };
};
