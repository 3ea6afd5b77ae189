import { COMMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import { submitComment } from "../../../src/core/statements/statement-service.js";
import { enqueueCommentNotice } from "../../../src/queue/statement-jobs.js";
import type { SlackHandlerDeps } from "../deps.js";
import { confirmByDm, submissionListener } from "./submission-listener.js";

/**
 * Submit of the comment modal: saved, the modal closes, the commenter gets a confirmation DM and
 * the statement's author a notice (through a job, since the author may be on Teams).
 */
export const saveStatementCommentView = (deps: SlackHandlerDeps) =>
  submissionListener(
    deps,
    COMMENT_FORM_ID,
    (requester, view, values) => submitComment(deps.statements, requester, view.private_metadata, values),
    async (saved, ctx) => {
      await confirmByDm(saved, ctx);
      if (saved.notifyAuthor) await enqueueCommentNotice(deps.producer, saved.comment);
    },
  );
