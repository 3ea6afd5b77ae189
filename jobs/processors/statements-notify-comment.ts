import { notifyCommentAuthor } from "../../src/core/statements/statement-service.js";
import type { JobPayload } from "../definitions.js";
import type { ProcessorDeps } from "./deps.js";
import { statementDeliveryDeps } from "./statement-deps.js";

/** statements.notify-comment: the author of a statement hears about a new comment. */
export async function statementsNotifyComment(
  deps: ProcessorDeps,
  payload: JobPayload<"statements.notify-comment">,
): Promise<{ outcome: string }> {
  const outcome = await notifyCommentAuthor(statementDeliveryDeps(deps), payload);
  deps.log.info({ tenantId: payload.tenantId, commentId: payload.commentId, outcome }, "comment notice done");
  return { outcome };
}
