import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import {
  parseSlackViewState,
  renderBlockKit,
  renderSlackModal,
  slackFieldErrors,
} from "../../../src/chat/slack/render-block-kit.js";
import { goalsCommand, slackUserIdsOf } from "../../../src/core/goals/goal-service.js";
import type { Requester } from "../../../src/core/org/identify.js";
import type { ActionId, Card, FormValues } from "../../../src/core/ui/card.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SubmitOutcome } from "../../../src/core/ui/reply.js";
import type { Logger } from "../../../src/logger.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { splitOrigin, withOrigin } from "../modal-origin.js";
import { publishHome } from "../publish-home.js";
import { type SlackCaller, slackRequester } from "../requester.js";
import { sendCardToUser } from "../send-card.js";
import { noticeView } from "./notice-view.js";

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Any core submit outcome; what was saved varies by form. */
export type SubmissionOutcome = SubmitOutcome<object>;

export type Saved<R extends SubmissionOutcome> = Exclude<R, { kind: "invalid" } | { kind: "refused" }>;

/** What a modal's one core call does with the submitted values. */
export type SubmitRun<R extends SubmissionOutcome> = (
  requester: Requester,
  view: ViewOutput,
  values: FormValues,
) => Promise<R>;

/** After the ack of a saved form: confirm, fan out, refresh. Failures here are logged, never undo the save. */
export type AfterSave<R extends SubmissionOutcome> = (saved: Saved<R>, ctx: SavedContext) => Promise<void>;

export interface SavedContext {
  readonly client: WebClient;
  readonly caller: SlackCaller;
  readonly requester: Requester;
  readonly log: Logger;
  /** The message the modal was opened from, if any (see modal-origin.ts). */
  readonly responseUrl: string | undefined;
}

function inputBlockIds(view: ViewOutput): Set<string> {
  return new Set(view.blocks.flatMap((b) => (b.type === "input" && b.block_id ? [b.block_id] : [])));
}

/** The usual after-save: the confirmation card as a DM. */
export async function confirmByDm(saved: { readonly card: Card }, ctx: SavedContext): Promise<void> {
  await sendCardToUser(ctx.client, ctx.caller.userId, saved.card, ctx.requester.t);
}

/**
 * The shape every Kurs modal submission shares. The ack is the answer here, so core runs first:
 * - invalid: inline field errors; Slack keeps the modal open with everything typed.
 * - refused: the modal turns into the refusal (who may do it instead). The person is looking at the
 *   modal, so the answer belongs there; closing it and sending a DM would look like success.
 * - saved: the modal closes at once, then `afterSave` runs (a modal has no response_url, so
 *   confirmations go by DM, which also keeps a record of what was created).
 */
export function submissionListener<R extends SubmissionOutcome>(
  deps: SlackHandlerDeps,
  id: ActionId,
  run: SubmitRun<R>,
  afterSave: AfterSave<R> = confirmByDm,
) {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const caller = interactionCaller(body);
    const origin = splitOrigin(view.private_metadata);
    const log = deps.log.child({ view: id, teamId: caller.teamId, userId: caller.userId });
    let t = translator(deps.core.defaultLocale);
    let requester: Requester;
    let result: R;
    try {
      requester = await slackRequester(deps, caller);
      t = requester.t;
      result = await run(
        requester,
        { ...view, private_metadata: origin.metadata },
        parseSlackViewState(view.state.values),
      );
    } catch (err) {
      log.error({ err }, "modal submission failed");
      // An error on the first field keeps the modal and what was typed, so the person can simply retry.
      const [first] = inputBlockIds(view);
      await ack(first ? slackFieldErrors({ [first]: t("errors.internal") }) : undefined);
      return;
    }
    const opts = renderOptionsFor(requester.locale);
    if (result.kind === "invalid") {
      const fields = inputBlockIds(view);
      // Slack rejects errors for blocks that are not inputs of this view (an old or forged form);
      // then the re-rendered form, with the errors in its hints and the values kept, replaces it.
      const inline = Object.keys(result.errors).every((key) => fields.has(key));
      await ack(
        inline
          ? slackFieldErrors(result.errors)
          : {
              response_action: "update",
              view: renderSlackModal(
                { ...result.form, metadata: withOrigin(result.form.metadata, origin.responseUrl) },
                opts,
              ),
            },
      );
      return;
    }
    if (result.kind === "refused") {
      await ack({ response_action: "update", view: noticeView(result.card, view, opts) });
      return;
    }
    await ack();
    try {
      await afterSave(result as Saved<R>, { client, caller, requester, log, responseUrl: origin.responseUrl });
    } catch (err) {
      // Saved is saved: a failed DM or refresh is logged; the App Home catches up when next opened.
      log.warn({ err }, "saved, but the follow-up (confirmation, fan-out or refresh) failed");
    }
  };
}

/** After a goal or check-in is saved: confirm by DM, then refresh the App Home of everyone concerned. */
export async function confirmAndRefreshHomes(
  deps: SlackHandlerDeps,
  saved: { readonly card: Card; readonly affectedPersonIds: readonly string[] },
  ctx: SavedContext,
): Promise<void> {
  await confirmByDm(saved, ctx);
  if (ctx.responseUrl) await refreshOrigin(deps, ctx.responseUrl, ctx);
  const tenantId = ctx.requester.tenant?.id;
  const slackIds = tenantId ? await slackUserIdsOf(deps.goals, tenantId, saved.affectedPersonIds) : [];
  for (const userId of slackIds) {
    await publishHome(deps, ctx.client, { teamId: ctx.caller.teamId, enterpriseId: ctx.caller.enterpriseId, userId });
  }
}

/**
 * The message the person clicked "Check in" or "Add measure" in shows the state before the save;
 * replace it with the current /goals view so it does not keep showing old progress.
 */
async function refreshOrigin(deps: SlackHandlerDeps, responseUrl: string, ctx: SavedContext): Promise<void> {
  const reply = await goalsCommand(deps.goals, ctx.requester, "");
  if (reply.kind !== "card") return;
  const [message, ...more] = renderBlockKit(reply.card, renderOptionsFor(ctx.requester.locale));
  // A card that needs several messages cannot replace one; the DM and App Home carry the news then.
  if (!message || more.length > 0) return;
  const res = await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ replace_original: true, text: message.text, blocks: message.blocks }),
  });
  if (!res.ok) ctx.log.warn({ status: res.status }, "could not refresh the message the modal was opened from");
}
