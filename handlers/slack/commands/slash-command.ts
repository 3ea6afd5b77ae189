import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { renderBlockKit } from "../../../src/chat/slack/render-block-kit.js";
import type { CommandName } from "../../../src/core/programme/commands.js";
import { runCommand } from "../../../src/core/programme/run-command.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { yieldToAcks } from "../yield-to-acks.js";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * The shape every slash command shares: ack at once (Slack's 3-second limit must never wait on
 * users.info or the database), then answer ephemerally through response_url.
 */
export function slashCommand(name: CommandName, deps: SlackHandlerDeps) {
  return async ({ ack, command, respond }: CommandArgs): Promise<void> => {
    await ack();
    await yieldToAcks();
    const log = deps.log.child({ command: name, teamId: command.team_id, userId: command.user_id });
    try {
      // users.info gives the client language and, for people not linked yet, the e-mail to match.
      // If Slack is slow or refuses, answer anyway in the tenant's language rather than not at all.
      const info = deps.userInfo.get(command.team_id, command.user_id).catch((err: unknown) => {
        log.warn({ err }, "users.info failed; answering without the user's Slack locale");
        return { locale: undefined, email: null };
      });
      const { locale: platformLocale } = await info;
      const { card, locale } = await runCommand(deps.core, {
        tenantKey: { kind: "slack", teamId: command.team_id, enterpriseId: command.enterprise_id },
        user: {
          platform: "slack",
          userId: command.user_id,
          platformLocale,
          lookupEmail: async () => (await info).email,
        },
        command: name,
        args: command.text,
      });
      for (const message of renderBlockKit(card, renderOptionsFor(locale))) {
        await respond({
          response_type: "ephemeral",
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        });
      }
    } catch (err) {
      log.error({ err }, "slash command failed");
      // The user still gets an answer; the error is logged above with its context, not swallowed silently.
      await respond({ response_type: "ephemeral", text: translator(deps.core.defaultLocale)("errors.internal") });
    }
  };
}
