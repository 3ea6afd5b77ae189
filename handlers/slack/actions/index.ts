import type { App } from "@slack/bolt";
import { slackActionIdPattern } from "../../../src/chat/slack/action-codec.js";
import type { ActionId } from "../../../src/core/ui/card.js";
import type { SlackHandlerDeps } from "../deps.js";
import type { ButtonArgs } from "./button-listener.js";
import { goalsChainAction } from "./goals-chain.js";
import { goalsCheckinAction } from "./goals-checkin.js";
import { goalsMeasureAction } from "./goals-measure.js";
import { goalsTreeAction } from "./goals-tree.js";
import { statementsAckAction } from "./statements-ack.js";
import { statementsCommentAction } from "./statements-comment.js";
import { statementsReviseAction } from "./statements-revise.js";

/** Button listeners by the neutral action id core puts on its cards. */
export const SLACK_ACTIONS = {
  "goals.checkin": goalsCheckinAction,
  "goals.measure": goalsMeasureAction,
  "goals.chain": goalsChainAction,
  "goals.tree": goalsTreeAction,
  "statements.ack": statementsAckAction,
  "statements.comment": statementsCommentAction,
  "statements.revise": statementsReviseAction,
} as const satisfies Record<ActionId, (deps: SlackHandlerDeps) => (args: ButtonArgs) => Promise<void>>;

export function registerActions(app: App, deps: SlackHandlerDeps): void {
  for (const [id, listener] of Object.entries(SLACK_ACTIONS)) {
    // The renderer appends a per-message index to every action_id; the pattern matches all of them.
    app.action<ButtonArgs["body"]>(
      { type: "block_actions", action_id: slackActionIdPattern(id as ActionId) },
      listener(deps),
    );
  }
}
