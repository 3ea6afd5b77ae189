import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { parseSlackViewState, slackFieldErrors } from "../../../src/chat/slack/render-block-kit.js";
import type { Requester } from "../../../src/core/org/identify.js";
import { queueFailedCard } from "../../../src/core/statements/statement-cards.js";
import { STATEMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import { type StatementSubmitResult, submitStatement } from "../../../src/core/statements/statement-service.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import { enqueueStatementPublish } from "../../../src/queue/statement-jobs.js";
import type { SlackHandlerDeps } from "../deps.js";
import { interactionCaller } from "../interaction-caller.js";
import { slackRequester } from "../requester.js";
import { sendCardToUser } from "../send-card.js";
import { noticeView } from "./notice-view.js";
import type { SubmissionArgs } from "./submission-listener.js";

/**
 * Submit of the statement modal. Invalid: inline errors, the modal keeps what was typed. Refused
 * (not a managing director, or a revision of a statement that is gone): the modal shows why.
 * Saved: the ack closes the modal first, then the fan-out job is queued; the confirmation and
 * then the statement itself arrive as DMs.
 */
export const saveStatementView = (deps: SlackHandlerDeps) => {
  return async ({ ack, body, view, client }: SubmissionArgs): Promise<void> => {
    const caller = interactionCaller(body);
    const log = deps.log.child({ view: STATEMENT_FORM_ID, teamId: caller.teamId, userId: caller.userId });
    let t = translator(deps.core.defaultLocale);
    let requester: Requester;
    let result: StatementSubmitResult;
    try {
      requester = await slackRequester(deps, caller);
      t = requester.t;
      result = await submitStatement(
        deps.statements,
        requester,
        view.private_metadata,
        parseSlackViewState(view.state.values),
      );
    } catch (err) {
      log.error({ err }, "statement submission failed");
      // An error on the first field keeps the modal and the text typed, so the director can retry.
      await ack(slackFieldErrors({ title_de: t("errors.internal") }));
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
        const { statement } = result;
        try {
          await enqueueStatementPublish(deps.producer, statement);
        } catch (err) {
          log.error({ err, statementId: statement.id }, "statement saved, but its delivery could not be queued");
          await sendCardToUser(client, caller.userId, queueFailedCard(t, statement), t).catch((dmErr: unknown) =>
            log.warn({ err: dmErr }, "could not tell the author that delivery did not start"),
          );
          return;
        }
        await sendCardToUser(client, caller.userId, result.card, requester.t).catch((err: unknown) =>
          log.warn({ err, statementId: statement.id }, "statement published, but the confirmation DM failed"),
        );
        return;
      }
    }
  };
};
