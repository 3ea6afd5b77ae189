import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { parseSlackViewState, slackFieldErrors } from "../../../src/chat/slack/render-block-kit.js";
import type { Requester } from "../../../src/core/org/identify.js";
import { COMMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import { type CommentSubmitResult, submitComment } from "../../../src/core/statements/statement-service.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import { enqueueCommentNotice } from "../../../src/queue/statement-jobs.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { slackRequester } from "../requester.js";
import { sendCardToUser } from "../send-card.js";
import { noticeView } from "./notice-view.js";
import type { SubmissionArgs } from "./submission-listener.js";

/**
 * Submit of the comment modal: saved, the modal closes, the commenter gets a confirmation DM and
 * the statement's author a notice (through a job, since the author may be on Teams).
 */
export const saveStatementCommentView = (deps: SlackHandlerDeps) => {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const caller = interactionCaller(body);
    const log = deps.log.child({ view: COMMENT_FORM_ID, teamId: caller.teamId, userId: caller.userId });
    let t = translator(deps.core.defaultLocale);
    let requester: Requester;
    let result: CommentSubmitResult;
    try {
      requester = await slackRequester(deps, caller);
      t = requester.t;
      result = await submitComment(
        deps.statements,
        requester,
        view.private_metadata,
        parseSlackViewState(view.state.values),
      );
    } catch (err) {
      log.error({ err }, "comment submission failed");
      await ack(slackFieldErrors({ comment: t("errors.internal") }));
      return;
    }
    const opts = renderOptionsFor(requester.locale);
    switch (result.kind) {
      case "invalid":
        await ack(slackFieldErrors(result.errors));
        return;
      case "refused":
        await ack({ response_action: "update", view: noticeView(result.card, view, opts) });
        return;
      case "saved": {
        await ack();
        const { comment } = result;
        await sendCardToUser(client, caller.userId, result.card, requester.t).catch((err: unknown) =>
          log.warn({ err, commentId: comment.id }, "comment saved, but the confirmation DM failed"),
        );
        if (result.notifyAuthor) {
          // The comment is saved either way; only the author's notice is lost if Redis is away.
          await enqueueCommentNotice(deps.producer, comment).catch((err: unknown) =>
            log.error({ err, commentId: comment.id }, "comment saved, but the author's notice could not be queued"),
          );
        }
        return;
      }
    }
  };
};
