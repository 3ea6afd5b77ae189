import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { parseSlackViewState, renderSlackModal, slackFieldErrors } from "../../../src/chat/slack/render-block-kit.js";
import { type SubmitResult, slackUserIdsOf, type submitFocusTopic } from "../../../src/core/goals/goal-service.js";
import type { Requester } from "../../../src/core/org/identify.js";
import type { ActionId, FormValues } from "../../../src/core/ui/card.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { publishHome } from "../publish-home.js";
import { slackRequester } from "../requester.js";
import { sendCardToUser } from "../send-card.js";
import { noticeView } from "./notice-view.js";

export type SubmissionArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** Every answer a Kurs modal's core call can give (a focus topic has no goal behind it). */
export type SubmissionResult = SubmitResult | Awaited<ReturnType<typeof submitFocusTopic>>;

/** What a modal's one core call does with the submitted values. */
export type SubmitRun = (requester: Requester, view: ViewOutput, values: FormValues) => Promise<SubmissionResult>;

function inputBlockIds(view: ViewOutput): Set<string> {
  return new Set(view.blocks.flatMap((b) => (b.type === "input" && b.block_id ? [b.block_id] : [])));
}

/**
 * The shape every Kurs modal submission shares. The ack is the answer here, so core runs first:
 * - invalid: inline field errors; Slack keeps the modal open with everything typed.
 * - refused: the modal turns into the refusal (who may do it instead). The person is looking at the
 *   modal, so the answer belongs there; closing it and sending a DM would look like success.
 * - saved: the modal closes at once; the confirmation arrives as a DM (a modal has no response_url,
 *   and the DM is a record of what was created), then everyone concerned gets a fresh App Home.
 */
export function submissionListener(deps: SlackHandlerDeps, id: ActionId, run: SubmitRun) {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const caller = interactionCaller(body);
    const log = deps.log.child({ view: id, teamId: caller.teamId, userId: caller.userId });
    let t = translator(deps.core.defaultLocale);
    let requester: Requester;
    let result: SubmissionResult;
    try {
      requester = await slackRequester(deps, caller);
      t = requester.t;
      result = await run(requester, view, parseSlackViewState(view.state.values));
    } catch (err) {
      log.error({ err }, "modal submission failed");
      // An error on the first field keeps the modal and what was typed, so the person can simply retry.
      const [first] = inputBlockIds(view);
      await ack(first ? slackFieldErrors({ [first]: t("errors.internal") }) : undefined);
      return;
    }
    const opts = renderOptionsFor(requester.locale);
    switch (result.kind) {
      case "invalid": {
        const fields = inputBlockIds(view);
        // Slack rejects errors for blocks that are not inputs of this view (an old or forged form);
        // then the re-rendered form, with the errors in its hints and the values kept, replaces it.
        const inline = Object.keys(result.errors).every((key) => fields.has(key));
        await ack(
          inline
            ? slackFieldErrors(result.errors)
            : { response_action: "update", view: renderSlackModal(result.form, opts) },
        );
        return;
      }
      case "refused":
        await ack({ response_action: "update", view: noticeView(result.card, view, opts) });
        return;
      case "saved":
        await ack();
        try {
          await sendCardToUser(client, caller.userId, result.card, requester.t);
          const tenantId = requester.tenant?.id;
          const slackIds = tenantId ? await slackUserIdsOf(deps.goals, tenantId, result.affectedPersonIds) : [];
          for (const userId of slackIds) {
            await publishHome(deps, client, { teamId: caller.teamId, enterpriseId: caller.enterpriseId, userId });
          }
        } catch (err) {
          // Saved is saved: a failed DM or Home refresh is logged, and the Home catches up when next opened.
          log.warn({ err, goalId: result.goal.id }, "saved, but could not confirm or refresh the App Home");
        }
        return;
      case "focus-saved":
        await ack();
        // Focus topics are not on anyone's App Home; the confirmation lists them all.
        await sendCardToUser(client, caller.userId, result.card, requester.t).catch((err: unknown) =>
          log.warn({ err }, "saved, but could not confirm the focus topic"),
        );
        return;
    }
  };
}
