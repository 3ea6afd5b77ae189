import type { Application, TurnState } from "@microsoft/teams-ai";
import { TurnContext as Turn, type TurnContext } from "botbuilder";
import type { Requester } from "../../../src/core/org/identify.js";
import type { TeamsHandlerDeps } from "../deps.js";
import { teamsRequester } from "../requester.js";

/**
 * Stores the person's 1:1 conversation reference, so the outbox can reach them later without
 * opening a new chat. Only personal conversations: a reference to a team channel or a group chat
 * would post someone's DMs where others read them.
 */
export async function rememberConversation(
  deps: TeamsHandlerDeps,
  context: TurnContext,
  requester: Requester,
): Promise<void> {
  const type = context.activity.conversation?.conversationType;
  if (!requester.tenant || !requester.person || (type !== undefined && type !== "personal")) return;
  await deps.conversations.save(
    requester.tenant.id,
    requester.person.id,
    Turn.getConversationReference(context.activity),
  );
}

/**
 * The app was installed for someone (by themselves, or for everyone through an app setup policy):
 * Teams sends `conversationUpdate` (membersAdded) and `installationUpdate` into the new 1:1 chat.
 * Remembering that conversation now means the first statement or reminder reaches them even if
 * they never write to Kurs. Failures are logged, never answered: nobody is waiting for a reply.
 */
export function registerTeamsInstallEvents(app: Application<TurnState>, deps: TeamsHandlerDeps): void {
  const remember = async (context: TurnContext) => {
    try {
      await rememberConversation(deps, context, await teamsRequester(deps, context));
    } catch (err) {
      deps.log.warn(
        { err, conversationId: context.activity.conversation?.id },
        "could not store the Teams conversation of an install event",
      );
    }
  };
  app.conversationUpdate("membersAdded", remember);
  app.activity("installationUpdate", async (context) => {
    const action = (context.activity as { action?: string }).action;
    if (action === undefined || action.startsWith("add")) await remember(context);
  });
}
