import { goalsCommand as runGoalsCommand } from "../../../src/core/goals/goal-service.js";
import type { SlackHandlerDeps } from "../deps.js";
import { cardOrFormCommand } from "./card-or-form-command.js";

/** `/goals [add|measure|tree|checkin|report|focus]`: cards come back ephemerally, forms open as a modal. */
export const goalsCommand = (deps: SlackHandlerDeps) =>
  cardOrFormCommand(deps, "goals", (requester, args) => runGoalsCommand(deps.goals, requester, args));
