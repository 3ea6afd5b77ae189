import { action, type Feature, FollowUpFailed, form } from "../feature.js";
import { statementActions } from "./actions.js";
import { queueFailedCard } from "./statement-cards.js";
import { COMMENT_FORM_ID, STATEMENT_FORM_ID } from "./statement-form.js";
import {
  acknowledgeStatement,
  enqueueCommentNotice,
  enqueueStatementPublish,
  openCommentForm,
  openRevisionForm,
  statementCommand,
  submitComment,
  submitStatement,
} from "./statement-service.js";

/** Strategy statements (SEED step 2): `/kurs statement`, published to everyone, read and commented. */
export const statementsFeature: Feature = {
  name: "statements",
  commands: [
    {
      command: "kurs",
      sub: ["statement", "statements"],
      description: "help.statement",
      roles: ["managing_director"],
      run: (ctx, args) => statementCommand(ctx.services, ctx.requester, args),
    },
  ],
  actions: [
    // The statement DM turns into "✓ read on …" in place, so the button cannot be pressed twice by mistake.
    action(statementActions.ack, async (ctx, p) => ({
      kind: "update",
      card: await acknowledgeStatement(ctx.services, ctx.requester, p.statement),
    })),
    action(statementActions.comment, (ctx, p) => openCommentForm(ctx.services, ctx.requester, p.statement)),
    action(statementActions.revise, (ctx, p) => openRevisionForm(ctx.services, ctx.requester, p.statement)),
  ],
  forms: [
    form({
      id: STATEMENT_FORM_ID,
      submit: (ctx, metadata, values) => submitStatement(ctx.services, ctx.requester, metadata, values),
      // The fan-out is queued before the confirmation, so the confirmation can say honestly when the
      // queue was not reachable instead of promising a delivery that is not on its way.
      after: async (ctx, saved) => {
        try {
          await enqueueStatementPublish(ctx.services.jobs, saved.statement);
        } catch (err) {
          throw new FollowUpFailed(
            queueFailedCard(ctx.requester.t, saved.statement),
            `statement ${saved.statement.id} saved, but its delivery could not be queued`,
            { cause: err },
          );
        }
      },
    }),
    form({
      id: COMMENT_FORM_ID,
      submit: (ctx, metadata, values) => submitComment(ctx.services, ctx.requester, metadata, values),
      after: async (ctx, saved) => {
        if (saved.notifyAuthor) await enqueueCommentNotice(ctx.services.jobs, saved.comment);
      },
    }),
  ],
};
