import { statementCommand } from "../../../src/core/statements/statement-service.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { cardOrFormMessage } from "./card-or-form-message.js";

/** `kurs statement [report]` as a Teams message: the statement form (an Action.Execute card) or a card. */
export const statementMessage = (deps: TeamsHandlerDeps) =>
  cardOrFormMessage(deps, (requester, args) => statementCommand(deps.statements, requester, args));
