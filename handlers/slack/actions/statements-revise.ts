import { openRevisionForm } from "../../../src/core/statements/statement-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/** "Überarbeiten / Revise" (managing directors): the statement modal filled with the latest version. */
export const statementsReviseAction = (deps: SlackHandlerDeps) =>
  buttonListener(deps, "statements.revise", (requester, payload) =>
    openRevisionForm(deps.statements, requester, payload.statement),
  );
