import { acknowledgeStatement } from "../../../src/core/statements/statement-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const STATEMENTS_ACK_VERB = "statements.ack";

/** "Gelesen / Read": the acknowledgement is recorded and the card refreshes to "✓ read on …". */
export const statementsAckAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, STATEMENTS_ACK_VERB, async (requester, data) => ({
    kind: "card",
    card: await acknowledgeStatement(deps.statements, requester, actionField(data, "statement")),
  }));
