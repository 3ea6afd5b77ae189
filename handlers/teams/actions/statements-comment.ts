import { openCommentForm } from "../../../src/core/statements/statement-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const STATEMENTS_COMMENT_VERB = "statements.comment";

/** "Kommentieren / Comment": the statement card turns into the comment form. */
export const statementsCommentAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, STATEMENTS_COMMENT_VERB, (requester, data) =>
    openCommentForm(deps.statements, requester, actionField(data, "statement")),
  );
