import type { Application, TurnState } from "@microsoft/teams-ai";
import { ActivityTypes } from "botbuilder";
import { cardAction } from "./card-action.js";
import type { TeamsHandlerDeps } from "./deps.js";
import { registerTeamsInstallEvents } from "./events/install.js";
import { fileConsent, isFileConsent } from "./file-consent.js";
import { commandMessage } from "./messages/command-message.js";

export type { TeamsHandlerDeps } from "./deps.js";

/**
 * Registers the Teams routes: messages are commands; every Action.Execute (card buttons and form
 * submits alike) goes to one handler that finds the feature's declaration by its verb.
 */
export function registerTeamsHandlers(app: Application<TurnState>, deps: TeamsHandlerDeps): void {
  const onCommand = commandMessage(deps);
  app.activity(ActivityTypes.Message, async (context) => onCommand(context));
  registerTeamsInstallEvents(app, deps);
  app.adaptiveCards.actionExecute<unknown>(/.*/, cardAction(deps));
  // Files Kurs offers in a 1:1 chat (a talk's .ics) arrive once the person accepts them.
  app.activity(isFileConsent, fileConsent(deps));
}
