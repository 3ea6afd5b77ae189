import { statementJobIds } from "../../jobs/definitions.js";
import type { StatementCommentView, StatementView } from "../core/statements/types.js";
import type { JobProducer } from "./job-producer.js";

/** Starts the fan-out of a saved statement; enqueueing it again is harmless (same job id). */
export function enqueueStatementPublish(producer: JobProducer, statement: StatementView): Promise<void> {
  return producer.enqueue(
    "statements.publish",
    { tenantId: statement.tenantId, statementId: statement.id },
    { jobId: statementJobIds.publish(statement.tenantId, statement.id) },
  );
}

/** Tells the statement's author about a comment, from a job: the author may be on another platform. */
export function enqueueCommentNotice(producer: JobProducer, comment: StatementCommentView): Promise<void> {
  return producer.enqueue(
    "statements.notify-comment",
    { tenantId: comment.tenantId, commentId: comment.id },
    { jobId: statementJobIds.notifyComment(comment.tenantId, comment.id) },
  );
}
