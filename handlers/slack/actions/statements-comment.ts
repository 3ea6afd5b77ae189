import { openCommentForm } from "../../../src/core/statements/statement-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/** "Kommentieren / Comment" on a statement: the comment modal for it. */
export const statementsCommentAction = (deps: SlackHandlerDeps) =>
  buttonListener(deps, "statements.comment", (requester, payload) =>
    openCommentForm(deps.statements, requester, payload.statement),
  );
