import { goalTree } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/** "Goal cascade" (also the "more" link of a cut card): the cascade of one unit. */
export const goalsTreeAction = (deps: SlackHandlerDeps) =>
  buttonListener(deps, "goals.tree", async (requester, payload) => ({
    kind: "card",
    card: await goalTree(deps.goals, requester, payload.unit ?? ""),
  }));
