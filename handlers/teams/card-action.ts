import type { AdaptiveCard, TurnState } from "@microsoft/teams-ai";
import type { TurnContext } from "botbuilder";
import type { Requester } from "../../src/core/org/identify.js";
import { toLocale } from "../../src/core/org/types.js";
import { tenantNotSetUpCard } from "../../src/core/programme/help.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import type { Reply } from "../../src/core/ui/reply.js";
import type { TeamsHandlerDeps } from "./deps.js";
import { adaptiveCardFor } from "./render-adaptive.js";
import { teamsRequester } from "./requester.js";

/** What `app.adaptiveCards.actionExecute` calls; `data` is the action's data with any input values merged in. */
export type ActionExecuteHandler = (context: TurnContext, state: TurnState, data: unknown) => Promise<AdaptiveCard>;

/**
 * The shape every Action.Execute verb shares: identify the requester, run one core call, and answer
 * with the card that replaces the clicked one for this user. A failed invoke only shows Teams' own
 * "something went wrong" and loses the form, so a failure is logged and answered with a card instead.
 */
export function cardAction(
  deps: TeamsHandlerDeps,
  verb: string,
  run: (requester: Requester, data: unknown) => Promise<Reply>,
): ActionExecuteHandler {
  return async (context, _state, data) => {
    const fallbackLocale = toLocale(context.activity.locale) ?? deps.core.defaultLocale;
    try {
      const requester = await teamsRequester(deps, context);
      if (!requester.tenant)
        return adaptiveCardFor({ kind: "card", card: tenantNotSetUpCard(requester.t) }, requester.locale);
      return adaptiveCardFor(await run(requester, data), requester.locale);
    } catch (err) {
      deps.log.error(
        {
          err,
          verb,
          conversationId: context.activity.conversation?.id,
          tenantId: context.activity.conversation?.tenantId,
        },
        "card action failed",
      );
      const text = translator(fallbackLocale)("errors.internal");
      return adaptiveCardFor(
        { kind: "card", card: { summary: text, blocks: [{ type: "text", text }] } },
        fallbackLocale,
      );
    }
  };
}

/** A string field of an action's data; a button payload carries only strings (see CardAction.payload). */
export function actionField(data: unknown, key: string): string | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const value: unknown = Reflect.get(data, key);
  return typeof value === "string" && value !== "" ? value : undefined;
}
