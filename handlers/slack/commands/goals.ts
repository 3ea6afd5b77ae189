import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import { renderOptionsFor } from "../../../src/chat/render-options-for.js";
import { renderSlackModal } from "../../../src/chat/slack/render-block-kit.js";
import { goalsCommand as runGoalsCommand } from "../../../src/core/goals/goal-service.js";
import { translator } from "../../../src/core/ui/i18n/index.js";
import type { SlackHandlerDeps } from "../deps.js";
import { slackRequester } from "../requester.js";
import { replyWithCard, textCard } from "../send-card.js";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/**
 * `/goals [add|measure|tree|checkin|report|focus]`: cards come back ephemerally, forms open as a modal.
 * The ack goes first: Slack's 3 seconds must not wait on users.info or the database, and the
 * trigger_id stays valid for views.open long enough after it.
 */
export const goalsCommand = (deps: SlackHandlerDeps) => {
  return async ({ ack, command, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const log = deps.log.child({ command: "goals", teamId: command.team_id, userId: command.user_id });
    let t = translator(deps.core.defaultLocale);
    try {
      const requester = await slackRequester(deps, {
        teamId: command.team_id,
        enterpriseId: command.enterprise_id,
        userId: command.user_id,
      });
      t = requester.t;
      const reply = await runGoalsCommand(deps.goals, requester, command.text);
      if (reply.kind === "form") {
        const view = renderSlackModal(reply.form, renderOptionsFor(requester.locale));
        await client.views.open({ trigger_id: command.trigger_id, view });
      } else {
        await replyWithCard({ client, userId: command.user_id, respond, t }, reply.card);
      }
    } catch (err) {
      log.error({ err, args: command.text.slice(0, 100) }, "/goals failed");
      // The user still gets an answer; the error is logged above with its context.
      await replyWithCard({ client, userId: command.user_id, respond, t }, textCard(t("errors.internal"))).catch(
        (respondErr: unknown) => log.warn({ err: respondErr }, "could not tell the user /goals failed"),
      );
    }
  };
};
