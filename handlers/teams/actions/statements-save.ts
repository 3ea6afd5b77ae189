import { parseTeamsFormData, parseTeamsFormMetadata } from "../../../src/chat/teams/render-adaptive-card.js";
import { queueFailedCard } from "../../../src/core/statements/statement-cards.js";
import { STATEMENT_FORM_ID } from "../../../src/core/statements/statement-form.js";
import { submitStatement } from "../../../src/core/statements/statement-service.js";
import { enqueueStatementPublish } from "../../../src/queue/statement-jobs.js";
import { cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const STATEMENTS_SAVE_VERB = STATEMENT_FORM_ID;

/**
 * Submit of the statement form. Invalid input comes back as the form with inline errors and the
 * text kept; a saved statement's fan-out is queued before the confirmation replaces the form, so
 * the card can say honestly when the queue was not reachable.
 */
export const statementsSaveAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, STATEMENTS_SAVE_VERB, async (requester, data) => {
    const result = await submitStatement(
      deps.statements,
      requester,
      parseTeamsFormMetadata(data),
      parseTeamsFormData(data),
    );
    if (result.kind === "invalid") return { kind: "form", form: result.form };
    if (result.kind === "refused") return { kind: "card", card: result.card };
    try {
      await enqueueStatementPublish(deps.producer, result.statement);
    } catch (err) {
      deps.log.error(
        { err, statementId: result.statement.id },
        "statement saved, but its delivery could not be queued",
      );
      return { kind: "card", card: queueFailedCard(requester.t, result.statement) };
    }
    return { kind: "card", card: result.card };
  });
