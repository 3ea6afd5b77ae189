import { goalTree } from "../../../src/core/goals/goal-service.js";
import { actionField, cardAction } from "../card-action.js";
import type { TeamsHandlerDeps } from "../deps.js";

export const GOALS_TREE_VERB = "goals.tree";

/** "Goal cascade" (the overflow link of a cut goals card): the tree of that unit. */
export const goalsTreeAction = (deps: TeamsHandlerDeps) =>
  cardAction(deps, GOALS_TREE_VERB, async (requester, data) => ({
    kind: "card",
    card: await goalTree(deps.goals, requester, actionField(data, "unit") ?? ""),
  }));
