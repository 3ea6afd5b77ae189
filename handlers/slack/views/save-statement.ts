import { queueFailedCard } from "../../../src/core/statements/statement-cards.js";
import { STATEMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import { submitStatement } from "../../../src/core/statements/statement-service.js";
import { enqueueStatementPublish } from "../../../src/queue/statement-jobs.js";
import type { SlackHandlerDeps } from "../deps.js";
import { sendCardToUser } from "../send-card.js";
import { confirmByDm, submissionListener } from "./submission-listener.js";

/**
 * Submit of the statement modal. Saved: the ack closes the modal first, then the fan-out job is
 * queued; the confirmation and then the statement itself arrive as DMs. If the queue is away, the
 * author is told the statement is saved but not sent, instead of a confirmation that would lie.
 */
export const saveStatementView = (deps: SlackHandlerDeps) =>
  submissionListener(
    deps,
    STATEMENT_FORM_ID,
    (requester, view, values) => submitStatement(deps.statements, requester, view.private_metadata, values),
    async (saved, ctx) => {
      try {
        await enqueueStatementPublish(deps.producer, saved.statement);
      } catch (err) {
        ctx.log.error(
          { err, statementId: saved.statement.id },
          "statement saved, but its delivery could not be queued",
        );
        await sendCardToUser(
          ctx.client,
          ctx.caller.userId,
          queueFailedCard(ctx.requester.t, saved.statement),
          ctx.requester.t,
        );
        return;
      }
      await confirmByDm(saved, ctx);
    },
  );
