import type { AdaptiveCard, TurnState } from "@microsoft/teams-ai";
import type { TurnContext } from "botbuilder";
import { parseTeamsFormData, parseTeamsFormMetadata } from "../../src/chat/teams/render-adaptive-card.js";
import { dispatchAction, dispatchForm, followUp } from "../../src/core/dispatch.js";
import type { HandlerContext } from "../../src/core/feature.js";
import { toLocale } from "../../src/core/org/types.js";
import { tenantNotSetUpCard } from "../../src/core/programme/help.js";
import { translator } from "../../src/core/ui/i18n/index.js";
import type { Reply } from "../../src/core/ui/reply.js";
import type { TeamsHandlerDeps } from "./deps.js";
import { rememberConversation } from "./events/install.js";
import { splitNonce, withNonce } from "./form-nonce.js";
import { adaptiveCardFor } from "./render-adaptive.js";
import { teamsRequester } from "./requester.js";

/** What `app.adaptiveCards.actionExecute` calls; `data` is the action's data with any input values merged in. */
export type ActionExecuteHandler = (context: TurnContext, state: TurnState, data: unknown) => Promise<AdaptiveCard>;

/**
 * Every Action.Execute: a button (verb = action id) or a form submit (verb = form id). The answer
 * replaces the clicked card for this user. A failed invoke only shows Teams' own "something went
 * wrong" and loses the form, so a failure is logged and answered with a card instead.
 */
export function cardAction(deps: TeamsHandlerDeps): ActionExecuteHandler {
  return async (context, _state, data) => {
    const fallbackLocale = toLocale(context.activity.locale) ?? deps.services.defaultLocale;
    const verb = verbOf(context);
    const log = deps.log.child({
      verb: verb.slice(0, 100),
      conversationId: context.activity.conversation?.id,
      tenantId: context.activity.conversation?.tenantId,
    });
    try {
      const requester = await teamsRequester(deps, context);
      if (!requester.tenant)
        return adaptiveCardFor(
          { kind: "card", card: tenantNotSetUpCard(requester.t, requester.unbound) },
          requester.locale,
        );
      // Every activity keeps the reference current (a reinstall changes the conversation).
      await rememberConversation(deps, context, requester);
      const ctx: HandlerContext = { services: deps.services, requester, platform: "teams" };
      const reply = deps.registry.form(verb) ? await submit(ctx, verb, data) : await click(ctx, verb, data);
      return adaptiveCardFor(
        reply.kind === "form" ? { kind: "form", form: withNonce(reply.form) } : reply,
        requester.locale,
      );
    } catch (err) {
      log.error({ err }, "card action failed");
      const text = translator(fallbackLocale)("errors.internal");
      return adaptiveCardFor(
        { kind: "card", card: { summary: text, blocks: [{ type: "text", text }] } },
        fallbackLocale,
      );
    }

    async function click(ctx: HandlerContext, id: string, raw: unknown): Promise<Reply> {
      const { reply, problem } = await dispatchAction(ctx, id, buttonPayload(raw), deps.registry);
      if (problem) log.warn({ problem }, "card action refused: unknown action or payload that does not parse");
      // On Teams the answer to a button always replaces the card it sat in.
      return reply.kind === "update" ? { kind: "card", card: reply.card } : reply;
    }

    async function submit(ctx: HandlerContext, id: string, raw: unknown): Promise<Reply> {
      const { metadata, nonce } = splitNonce(parseTeamsFormMetadata(raw));
      const { reply, problem, decl } = await dispatchForm(
        ctx,
        { id, submissionKey: nonce, metadata, values: parseTeamsFormData(raw) },
        deps.registry,
      );
      if (problem) log.warn({ problem }, "form submit not saved: unknown form or a repeated submit");
      if (reply.kind === "invalid") return { kind: "form", form: reply.form };
      if (reply.kind !== "saved" || !decl) return { kind: "card", card: reply.card };
      const { confirm, error } = await followUp(ctx, decl, reply);
      if (error) log.error({ err: error }, "saved, but the follow-up failed");
      return { kind: "card", card: confirm };
    }
  };
}

function verbOf(context: TurnContext): string {
  const value: unknown = context.activity.value;
  const action: unknown = typeof value === "object" && value !== null ? Reflect.get(value, "action") : undefined;
  const verb: unknown = typeof action === "object" && action !== null ? Reflect.get(action, "verb") : undefined;
  return typeof verb === "string" ? verb : "";
}

/** A button's data holds its payload's string fields; Teams adds its own keys (msteams), which schemas strip. */
function buttonPayload(data: unknown): Record<string, string> {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return {};
  return Object.fromEntries(
    Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""),
  );
}
