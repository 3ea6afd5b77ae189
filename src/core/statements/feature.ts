import { action, type Feature, FollowUpFailed, form } from "../feature.js";
import { statementActions } from "./actions.js";
import { deliveryDelayedCard } from "./statement-cards.js";
import { COMMENT_FORM_ID, STATEMENT_FORM_ID } from "./statement-form.js";
import {
  acknowledgeStatement,
  COMMENT_PURPOSE,
  commentRenderer,
  openCommentForm,
  openRevisionForm,
  STATEMENT_PURPOSE,
  statementCommand,
  statementRenderer,
  submitComment,
  submitStatement,
} from "./statement-service.js";

/** Strategy statements (SEED step 2): `/kurs statement`, published to everyone, read and commented. */
export const statementsFeature: Feature = {
  name: "statements",
  deliveries: {
    [STATEMENT_PURPOSE]: (services, request) => statementRenderer(services).render(request),
    [COMMENT_PURPOSE]: (services, request) => commentRenderer(services).render(request),
  },
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
      // The statement was saved with its outbox rows; they are enqueued before the confirmation, so
      // while the queue is away the author hears "delivery is delayed" (the sweep sends it later),
      // never a confirmation promising a delivery that is not on its way, nor "failed".
      after: async (ctx, saved) => {
        const dispatched = await ctx.services.jobs.dispatchDeliveries(saved.statement.tenantId, saved.deliveryIds);
        if (dispatched === "delayed") {
          throw new FollowUpFailed(
            deliveryDelayedCard(ctx.requester.t, saved.statement),
            `statement ${saved.statement.id} saved; its deliveries wait in the outbox until the queue is back`,
            { cause: null },
          );
        }
      },
    }),
    form({
      id: COMMENT_FORM_ID,
      submit: (ctx, metadata, values) => submitComment(ctx.services, ctx.requester, metadata, values),
      // Saved with the comment; if the queue is away, the sweep sends the author's notice later.
      after: async (ctx, saved) => {
        await ctx.services.jobs.dispatchDeliveries(saved.comment.tenantId, saved.deliveryIds);
      },
    }),
  ],
};
