import { parseTeamsFormData, parseTeamsFormMetadata } from "../../../src/chat/teams/render-adaptive-card.js";
import { COMMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import { submitComment } from "../../../src/core/statements/statement-service.js";
import { enqueueCommentNotice } from "../../../src/queue/statement-jobs.js";
import { cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const STATEMENTS_SAVE_COMMENT_VERB = COMMENT_FORM_ID;

/** Submit of the comment form: the confirmation replaces the form; the author hears of it through a job. */
export const statementsSaveCommentAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, STATEMENTS_SAVE_COMMENT_VERB, async (requester, data) => {
    const result = await submitComment(
      deps.statements,
      requester,
      parseTeamsFormMetadata(data),
      parseTeamsFormData(data),
    );
    if (result.kind === "invalid") return { kind: "form", form: result.form };
    if (result.kind === "saved" && result.notifyAuthor) {
      // The comment is saved either way; only the author's notice is lost if Redis is away.
      await enqueueCommentNotice(deps.producer, result.comment).catch((err: unknown) =>
        deps.log.error(
          { err, commentId: result.comment.id },
          "comment saved, but the author's notice could not be queued",
        ),
      );
    }
    return { kind: "card", card: result.card };
  });
