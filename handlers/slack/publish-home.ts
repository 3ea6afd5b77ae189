import type { WebClient } from "@slack/web-api";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderSlackHome } from "../../src/chat/slack/render-block-kit.js";
import { homeCard } from "../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "./deps.js";
import { type SlackCaller, slackRequester } from "./requester.js";

/**
 * (Re)publishes one person's App Home: their goals, measures and open check-ins. views.publish
 * replaces the whole tab, so publishing twice (an event retry) does no harm.
 */
export async function publishHome(deps: SlackHandlerDeps, client: WebClient, caller: SlackCaller): Promise<void> {
  const requester = await slackRequester(deps, caller);
  const card = await homeCard(deps.goals, requester);
  await client.views.publish({
    user_id: caller.userId,
    view: renderSlackHome(card, renderOptionsFor(requester.locale)),
  });
}
