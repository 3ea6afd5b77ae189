import { goalChain } from "../../../src/core/goals/goal-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_CHAIN_VERB = "goals.chain";

/** "Goal chain": how this goal leads up to its company goal. */
export const goalsChainAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_CHAIN_VERB, async (requester, data) => ({
    kind: "card",
    card: await goalChain(deps.goals, requester, actionField(data, "goal") ?? ""),
  }));
