import type { WebClient } from "@slack/web-api";
import { renderOptionsFor } from "../../src/chat/render-options-for.js";
import { renderSlackHome } from "../../src/chat/slack/render-block-kit.js";
import type { Card } from "../../src/core/ui/card.js";
import type { SlackHandlerDeps } from "./deps.js";
import { type SlackCaller, slackRequester } from "./requester.js";

/**
 * (Re)publishes one person's App Home from every feature's home section (goals, measures, open
 * check-ins today). views.publish replaces the whole tab, so publishing twice does no harm.
 */
export async function publishHome(deps: SlackHandlerDeps, client: WebClient, caller: SlackCaller): Promise<void> {
  const requester = await slackRequester(deps, caller);
  const ctx = { services: deps.services, requester, platform: "slack" as const };
  const sections: Card[] = [];
  for (const feature of deps.registry.features) if (feature.home) sections.push(await feature.home(ctx));
  const [first] = sections;
  if (!first) return;
  const card: Card = {
    ...first,
    blocks: sections.flatMap((s, i) => (i === 0 ? s.blocks : [{ type: "divider" as const }, ...s.blocks])),
  };
  await client.views.publish({
    user_id: caller.userId,
    view: renderSlackHome(card, renderOptionsFor(requester.locale)),
  });
}
