import { goalsCommand } from "../../../src/core/goals/goal-service.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { cardOrFormMessage } from "./card-or-form-message.js";

/** `goals …` / `ziele …` as a Teams message: a card, or a form whose submit is an Action.Execute. */
export const goalsMessage = (deps: TeamsHandlerDeps) =>
  cardOrFormMessage(deps, (requester, args) => goalsCommand(deps.goals, requester, args));
