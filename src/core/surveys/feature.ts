import { action, type Feature, FollowUpFailed, form } from "../feature.js";
import { surveyActions } from "./actions.js";
import { INTERVIEW_FORM_ID, submitInterview } from "./interview.js";
import { closePoll, pollActions, viewPoll, votePoll } from "./poll.js";
import {
  ANSWER_FORM_ID,
  finish,
  openAnswerForm,
  openPulseForm,
  PROMPT_PURPOSE,
  PULSE_FORM_ID,
  type PulseSubmit,
  pick,
  REMINDER_PURPOSE,
  RESULT_PURPOSE,
  renderPrompt,
  renderResult,
  showPrompt,
  submitAnswer,
  submitPulse,
  surveyCommand,
} from "./pulse.js";

/** Surveys in chat (issue 8): employee pulses by DM with reminders, results with anonymity kept. */
export const surveysFeature: Feature = {
  name: "surveys",
  commands: [
    {
      command: "survey",
      description: "commands.survey",
      run: (ctx, args) => surveyCommand(ctx.services, ctx.requester, args, ctx.conversation),
    },
  ],
  deliveries: {
    [PROMPT_PURPOSE]: renderPrompt,
    [REMINDER_PURPOSE]: renderPrompt,
    [RESULT_PURPOSE]: renderResult,
  },
  actions: [
    action(surveyActions.create, (ctx) => openPulseForm(ctx.services, ctx.requester)),
    action(surveyActions.open, async (ctx, p) => ({
      kind: "card",
      card: await showPrompt(ctx.services, ctx.requester, p.wave),
    })),
    // Each tap replaces the prompt in place, showing what was picked; the picks travel in the card.
    action(surveyActions.pick, async (ctx, p) => ({
      kind: "update",
      card: await pick(ctx.services, ctx.requester, p),
    })),
    action(surveyActions.finish, async (ctx, p) => ({
      kind: "update",
      card: await finish(ctx.services, ctx.requester, p),
    })),
    // Poll buttons replace the poll message with its current counts (Slack: for everyone; Teams:
    // for the voter, and for anyone else through the card's refresh).
    action(pollActions.vote, async (ctx, p) => ({
      kind: "update",
      card: await votePoll(ctx.services, ctx.requester, p.poll, p.o),
    })),
    action(pollActions.close, (ctx, p) => closePoll(ctx.services, ctx.requester, p.poll)),
    action(pollActions.view, async (ctx, p) => ({
      kind: "update",
      card: await viewPoll(ctx.services, ctx.requester, p.poll),
    })),
    action(surveyActions.comment, (ctx, p) => openAnswerForm(ctx.services, ctx.requester, p)),
  ],
  forms: [
    form<PulseSubmit>({
      id: PULSE_FORM_ID,
      submit: (ctx, _metadata, values) => submitPulse(ctx.services, ctx.requester, values),
      after: async (ctx, saved) => {
        const dispatched = await ctx.services.jobs.dispatchDeliveries(saved.tenantId, saved.deliveryIds);
        if (dispatched === "delayed")
          throw new FollowUpFailed(
            saved.delayedCard,
            "pulse saved; its prompts wait in the outbox until the queue is back",
            {
              cause: null,
            },
          );
      },
    }),
    form({
      id: INTERVIEW_FORM_ID,
      submit: (ctx, metadata, values) => submitInterview(ctx.services, ctx.requester, ctx.platform, metadata, values),
    }),
    form({
      id: ANSWER_FORM_ID,
      submit: (ctx, metadata, values) => submitAnswer(ctx.services, ctx.requester, metadata, values),
      // The prompt the form was opened from (Slack) stops offering buttons once the answer is in.
      origin: async (ctx) => {
        const text = ctx.requester.t("surveys.chat.answeredShort");
        return { summary: text, blocks: [{ type: "text", text }] };
      },
    }),
  ],
};
