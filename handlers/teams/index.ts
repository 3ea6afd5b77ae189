import type { Application, TurnState } from "@microsoft/teams-ai";
import { ActivityTypes } from "botbuilder";
import { GOALS_CHAIN_VERB, goalsChainAction } from "./actions/goals-chain.js";
import { GOALS_CHECKIN_VERB, goalsCheckinAction } from "./actions/goals-checkin.js";
import { GOALS_MEASURE_VERB, goalsMeasureAction } from "./actions/goals-measure.js";
import { GOALS_SAVE_CHECKIN_VERB, goalsSaveCheckinAction } from "./actions/goals-save-checkin.js";
import { GOALS_SAVE_FOCUS_VERB, goalsSaveFocusAction } from "./actions/goals-save-focus.js";
import { GOALS_SAVE_GOAL_VERB, goalsSaveGoalAction } from "./actions/goals-save-goal.js";
import { GOALS_TREE_VERB, goalsTreeAction } from "./actions/goals-tree.js";
import { STATEMENTS_ACK_VERB, statementsAckAction } from "./actions/statements-ack.js";
import { STATEMENTS_COMMENT_VERB, statementsCommentAction } from "./actions/statements-comment.js";
import { STATEMENTS_REVISE_VERB, statementsReviseAction } from "./actions/statements-revise.js";
import { STATEMENTS_SAVE_VERB, statementsSaveAction } from "./actions/statements-save.js";
import { STATEMENTS_SAVE_COMMENT_VERB, statementsSaveCommentAction } from "./actions/statements-save-comment.js";
import type { TeamsHandlerDeps } from "./deps.js";
import { commandMessage } from "./messages/command-message.js";

export type { TeamsHandlerDeps } from "./deps.js";

/** Registers every Teams route, one file per message kind or card verb. */
export function registerTeamsHandlers(app: Application<TurnState>, deps: TeamsHandlerDeps): void {
  const onCommand = commandMessage(deps);
  app.activity(ActivityTypes.Message, async (context) => onCommand(context));
  // Card buttons and form submits arrive as Action.Execute invokes; the answer replaces the card.
  app.adaptiveCards.actionExecute<unknown>(GOALS_CHECKIN_VERB, goalsCheckinAction(deps));
  app.adaptiveCards.actionExecute<unknown>(GOALS_MEASURE_VERB, goalsMeasureAction(deps));
  app.adaptiveCards.actionExecute<unknown>(GOALS_CHAIN_VERB, goalsChainAction(deps));
  app.adaptiveCards.actionExecute<unknown>(GOALS_TREE_VERB, goalsTreeAction(deps));
  app.adaptiveCards.actionExecute<unknown>(GOALS_SAVE_GOAL_VERB, goalsSaveGoalAction(deps));
  app.adaptiveCards.actionExecute<unknown>(GOALS_SAVE_CHECKIN_VERB, goalsSaveCheckinAction(deps));
  app.adaptiveCards.actionExecute<unknown>(GOALS_SAVE_FOCUS_VERB, goalsSaveFocusAction(deps));
  app.adaptiveCards.actionExecute<unknown>(STATEMENTS_SAVE_VERB, statementsSaveAction(deps));
  app.adaptiveCards.actionExecute<unknown>(STATEMENTS_ACK_VERB, statementsAckAction(deps));
  app.adaptiveCards.actionExecute<unknown>(STATEMENTS_COMMENT_VERB, statementsCommentAction(deps));
  app.adaptiveCards.actionExecute<unknown>(STATEMENTS_SAVE_COMMENT_VERB, statementsSaveCommentAction(deps));
  app.adaptiveCards.actionExecute<unknown>(STATEMENTS_REVISE_VERB, statementsReviseAction(deps));
}
