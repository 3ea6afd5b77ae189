import { Application, TeamsAdapter, type TurnState } from "@microsoft/teams-ai";
import { ConfigurationServiceClientCredentialFactory, MemoryStorage } from "botbuilder";
import type { Config } from "../../config.js";
import type { Logger } from "../../logger.js";

export interface TeamsTransport {
  readonly app: Application<TurnState>;
  readonly adapter: TeamsAdapter;
  readonly emulator: boolean;
}

/**
 * The teams-ai v1 Application on botbuilder's CloudAdapter. Kept thin (handlers only see the
 * TurnContext and our Cards) because v1 is in maintenance and v2 needs Node 22.
 * Without credentials the adapter skips Bot Framework auth, as the Bot Framework Emulator expects;
 * src/web guards that mode to loopback callers.
 */
export function createTeamsApp(teams: Config["teams"], log: Logger): TeamsTransport {
  const credentials = teams.emulator
    ? new ConfigurationServiceClientCredentialFactory({})
    : new ConfigurationServiceClientCredentialFactory({
        MicrosoftAppId: teams.appId,
        MicrosoftAppPassword: teams.appPassword,
        MicrosoftAppType: teams.appType,
        MicrosoftAppTenantId: teams.appTenantId,
      });
  const adapter = new TeamsAdapter({}, credentials);
  adapter.onTurnError = async (context, err) => {
    log.error(
      { err, activityId: context.activity.id, conversationId: context.activity.conversation?.id },
      "teams turn failed",
    );
  };
  const app = new Application<TurnState>({
    adapter,
    botAppId: teams.appId ?? "",
    storage: new MemoryStorage(),
    removeRecipientMention: true,
    // Typing indicators are extra connector calls per message; our answers come in milliseconds.
    startTypingTimer: false,
    longRunningMessages: false,
  });
  return { app, adapter, emulator: teams.emulator };
}
