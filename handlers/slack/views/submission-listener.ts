import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import {
  parseSlackViewState,
  renderBlockKit,
  renderSlackModal,
  slackFieldErrors,
} from "../../../src/chat/slack/render-block-kit.js";
import { dispatchForm, followUp } from "../../../src/core/dispatch.js";
import type { FormDecl, HandlerContext, SavedOutcome } from "../../../src/core/feature.js";
import { slackUserIdsOf } from "../../../src/core/goals/goal-service.js";
import type { Requester } from "../../../src/core/org/identify.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { Logger } from "../../../src/logger.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { splitOrigin, withOrigin } from "../modal-origin.js";
import { publishHome } from "../publish-home.js";
import { type SlackCaller, slackRequester } from "../requester.js";
import { sendCardToUser } from "../send-card.js";
import { noticeView } from "./notice-view.js";

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

function inputBlockIds(view: ViewOutput): Set<string> {
  return new Set(view.blocks.flatMap((b) => (b.type === "input" && b.block_id ? [b.block_id] : [])));
}

/**
 * Every Kurs modal submission. The ack is the answer here, so core runs first:
 * - invalid: inline field errors; Slack keeps the modal open with everything typed.
 * - refused (or an unknown form): the modal turns into the refusal. The person is looking at the
 *   modal, so the answer belongs there; closing it and sending a DM would look like success.
 * - duplicate (the same view submitted again: a Slack retry, a double click): the modal closes; the
 *   first submission saved it and confirms it.
 * - saved: the modal closes at once, then the feature's follow-up runs and the confirmation goes by
 *   DM (a modal has no response_url; the DM also keeps a record of what was created), then the
 *   message the modal came from and the App Homes of everyone concerned are refreshed.
 */
export function submissionListener(deps: SlackHandlerDeps) {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const caller = interactionCaller(body);
    const origin = splitOrigin(view.private_metadata);
    const log = deps.log.child({ view: view.callback_id.slice(0, 100), teamId: caller.teamId, userId: caller.userId });
    let t = translator(deps.services.defaultLocale);
    let requester: Requester;
    let result: Awaited<ReturnType<typeof dispatchForm>>;
    try {
      requester = await slackRequester(deps, caller);
      t = requester.t;
      result = await dispatchForm(
        { services: deps.services, requester, platform: "slack" },
        {
          id: view.callback_id,
          // The view id stays the same across Slack's retries and a double click on submit.
          submissionKey: view.id,
          metadata: origin.metadata,
          values: parseSlackViewState(view.state.values),
        },
        deps.registry,
      );
    } catch (err) {
      log.error({ err }, "modal submission failed");
      // An error on the first field keeps the modal and what was typed, so the person can simply retry.
      const [first] = inputBlockIds(view);
      await ack(first ? slackFieldErrors({ [first]: t("errors.internal") }) : undefined);
      return;
    }
    const { reply, problem, decl } = result;
    if (problem) log.warn({ problem }, "modal submission not saved: unknown form or a repeated submit");
    const opts = renderOptionsFor(requester.locale);
    if (reply.kind === "duplicate") {
      await ack();
      return;
    }
    if (reply.kind === "invalid") {
      const fields = inputBlockIds(view);
      // Slack rejects errors for blocks that are not inputs of this view (an old or forged form);
      // then the re-rendered form, with the errors in its hints and the values kept, replaces it.
      const inline = Object.keys(reply.errors).every((key) => fields.has(key));
      await ack(
        inline
          ? slackFieldErrors(reply.errors)
          : {
              response_action: "update",
              view: renderSlackModal(
                { ...reply.form, metadata: withOrigin(reply.form.metadata, origin.responseUrl) },
                opts,
              ),
            },
      );
      return;
    }
    if (reply.kind === "refused" || !decl) {
      await ack({ response_action: "update", view: noticeView(reply.card, view, opts) });
      return;
    }
    await ack();
    const ctx: HandlerContext = { services: deps.services, requester, platform: "slack" };
    await afterSave(deps, ctx, decl, reply, { client, caller, log, responseUrl: origin.responseUrl });
  };
}

interface SavedContext {
  readonly client: WebClient;
  readonly caller: SlackCaller;
  readonly log: Logger;
  /** The message the modal was opened from, if any (see modal-origin.ts). */
  readonly responseUrl: string | undefined;
}

/** Follow-up, confirmation, refreshes. Saved is saved: a failure here is logged, the Home catches up when opened. */
async function afterSave(
  deps: SlackHandlerDeps,
  ctx: HandlerContext,
  decl: FormDecl,
  saved: SavedOutcome,
  slack: SavedContext,
): Promise<void> {
  const { confirm, error } = await followUp(ctx, decl, saved);
  if (error) slack.log.error({ err: error }, "saved, but the follow-up failed");
  try {
    await sendCardToUser(slack.client, slack.caller.userId, confirm, ctx.requester.t);
    if (slack.responseUrl && decl.origin) await refreshOrigin(ctx, decl, slack.responseUrl, slack);
    const tenantId = ctx.requester.tenant?.id;
    const refresh = saved.refresh ?? [];
    const userIds = tenantId && refresh.length > 0 ? await slackUserIdsOf(deps.services, tenantId, refresh) : [];
    for (const userId of userIds) {
      await publishHome(deps, slack.client, {
        teamId: slack.caller.teamId,
        enterpriseId: slack.caller.enterpriseId,
        userId,
      });
    }
  } catch (err) {
    slack.log.warn({ err }, "saved, but the confirmation or a refresh failed");
  }
}

/**
 * The message the person clicked "Check in" or "Add measure" in shows the state before the save;
 * replace it with the feature's current view so it does not keep showing old progress.
 */
async function refreshOrigin(
  ctx: HandlerContext,
  decl: FormDecl,
  responseUrl: string,
  slack: SavedContext,
): Promise<void> {
  const card = await decl.origin?.(ctx);
  if (!card) return;
  const [message, ...more] = renderBlockKit(card, renderOptionsFor(ctx.requester.locale));
  // A card that needs several messages cannot replace one; the DM and App Home carry the news then.
  if (!message || more.length > 0) return;
  const res = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ replace_original: true, text: message.text, blocks: message.blocks }),
  });
  if (!res.ok) slack.log.warn({ status: res.status }, "could not refresh the message the modal was opened from");
}
