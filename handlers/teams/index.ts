import type { Application, TurnState } from "@microsoft/teams-ai";
import { ActivityTypes } from "botbuilder";
import type { TeamsHandlerDeps } from "./deps.js";
import { commandMessage } from "./messages/command-message.js";

export type { TeamsHandlerDeps } from "./deps.js";

/** Registers every Teams route, one file per message kind or card verb. */
export function registerTeamsHandlers(app: Application<TurnState>, deps: TeamsHandlerDeps): void {
  const onCommand = commandMessage(deps);
  app.activity(ActivityTypes.Message, async (context) => onCommand(context));
}
