import { action, type Feature, form } from "../feature.js";
import { goalActions } from "./actions.js";
import { CHECKIN_FORM_ID } from "./checkin-form.js";
import { FOCUS_FORM_ID } from "./focus-topics.js";
import { GOAL_FORM_ID } from "./goal-form.js";
import {
  goalChain,
  goalsCommand,
  goalTree,
  homeCard,
  openCheckinForm,
  openMeasureForm,
  type SubmitResult,
  submitCheckin,
  submitFocusTopic,
  submitGoal,
} from "./goal-service.js";
import { REMINDER_PURPOSE, reminderRenderer } from "./reminder-delivery.js";

/** A saved goal or check-in makes the App Home of everyone concerned stale. */
function withRefresh(result: SubmitResult) {
  return result.kind === "saved" ? { ...result, refresh: result.affectedPersonIds } : result;
}

/** Goals, measures, check-ins and focus topics (SEED steps 3, 5 and 6): `/goals`. */
export const goalsFeature: Feature = {
  name: "goals",
  // Check-in nudges: planned by the hourly scan as outbox rows due at 09:00, built when sent.
  deliveries: {
    [REMINDER_PURPOSE]: (services, request) => reminderRenderer(services).render(request),
  },
  home: (ctx) => homeCard(ctx.services, ctx.requester),
  commands: [
    {
      command: "goals",
      description: "commands.goals",
      run: (ctx, args) => goalsCommand(ctx.services, ctx.requester, args),
    },
  ],
  actions: [
    action(goalActions.checkin, (ctx, p) => openCheckinForm(ctx.services, ctx.requester, p.goal)),
    action(goalActions.measure, (ctx, p) => openMeasureForm(ctx.services, ctx.requester, p.parent ?? "")),
    action(goalActions.chain, async (ctx, p) => ({
      kind: "card",
      card: await goalChain(ctx.services, ctx.requester, p.goal),
    })),
    action(goalActions.tree, async (ctx, p) => ({
      kind: "card",
      card: await goalTree(ctx.services, ctx.requester, p.unit),
    })),
  ],
  forms: [
    form({
      id: GOAL_FORM_ID,
      submit: async (ctx, metadata, values) =>
        withRefresh(await submitGoal(ctx.services, ctx.requester, metadata, values)),
      origin: async (ctx) => {
        const reply = await goalsCommand(ctx.services, ctx.requester, "");
        return reply.kind === "card" ? reply.card : undefined;
      },
    }),
    form({
      id: CHECKIN_FORM_ID,
      submit: async (ctx, _metadata, values) => withRefresh(await submitCheckin(ctx.services, ctx.requester, values)),
      origin: async (ctx) => {
        const reply = await goalsCommand(ctx.services, ctx.requester, "");
        return reply.kind === "card" ? reply.card : undefined;
      },
    }),
    form({
      id: FOCUS_FORM_ID,
      submit: (ctx, _metadata, values) => submitFocusTopic(ctx.services, ctx.requester, values),
    }),
  ],
};
