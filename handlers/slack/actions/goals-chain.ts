import { goalChain } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { buttonListener } from "./button-listener.js";

/** "Goal chain": how a goal or measure leads up to its company goal. */
export const goalsChainAction = (deps: SlackHandlerDeps) =>
  buttonListener(deps, "goals.chain", async (requester, payload) => ({
    kind: "card",
    card: await goalChain(deps.goals, requester, payload.goal ?? ""),
  }));
