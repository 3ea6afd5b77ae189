import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { renderSlackModal } from "../../../src/chat/slack/render-block-kit.js";
import { statementCommand } from "../../../src/core/statements/statement-service.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { slackRequester } from "../requester.js";
import { replyWithCard, textCard } from "../send-card.js";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/kurs statement [report]`: managing directors get the statement modal (views.open with this
 * command's trigger_id), everyone else a refusal naming them; `report` answers ephemerally.
 * The ack goes first, so Slack's 3 seconds never wait on users.info or the database.
 */
export const kursStatementCommand = (deps: SlackHandlerDeps) => {
  return async ({ ack, command, respond, client }: CommandArgs, args: string): Promise<void> => {
    await ack();
    const log = deps.log.child({ command: "kurs statement", teamId: command.team_id, userId: command.user_id });
    let t = translator(deps.core.defaultLocale);
    try {
      const requester = await slackRequester(deps, {
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
        userId: command.user_id,
      });
      t = requester.t;
      const reply = await statementCommand(deps.statements, requester, args);
      if (reply.kind === "form") {
        const view = renderSlackModal(reply.form, renderOptionsFor(requester.locale));
        await client.views.open({ trigger_id: command.trigger_id, view });
      } else {
        await replyWithCard({ client, userId: command.user_id, respond, t }, reply.card);
      }
    } catch (err) {
      log.error({ err, args: args.slice(0, 100) }, "/kurs statement failed");
      await replyWithCard({ client, userId: command.user_id, respond, t }, textCard(t("errors.internal"))).catch(
        (respondErr: unknown) => log.warn({ err: respondErr }, "could not tell the user /kurs statement failed"),
      );
    }
  };
};
