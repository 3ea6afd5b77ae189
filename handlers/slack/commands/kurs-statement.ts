import { statementCommand } from "../../../src/core/statements/statement-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { cardOrFormCommand } from "./card-or-form-command.js";

/**
 * `/kurs statement [report]`: managing directors get the statement modal, everyone else a refusal
 * naming them; `report` answers ephemerally.
 */
export const kursStatementCommand = (deps: SlackHandlerDeps) =>
  cardOrFormCommand(deps, "kurs statement", (requester, args) => statementCommand(deps.statements, requester, args));
