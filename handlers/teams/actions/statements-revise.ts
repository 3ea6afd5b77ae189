import { openRevisionForm } from "../../../src/core/statements/statement-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const STATEMENTS_REVISE_VERB = "statements.revise";

/** "Überarbeiten / Revise" (managing directors): the form with the latest version, saved as the next one. */
export const statementsReviseAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, STATEMENTS_REVISE_VERB, (requester, data) =>
    openRevisionForm(deps.statements, requester, actionField(data, "statement")),
  );
