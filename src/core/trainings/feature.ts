import { z } from "zod/v4";
import { action, type Feature, form, job } from "../feature.js";
import { trainingActions } from "./actions.js";
import { INVITATION_FORM_ID, NOMINATION_FORM_ID, SESSION_FORM_ID, TRAINING_FORM_ID } from "./forms.js";
import { trainingDeliveries } from "./notices.js";
import {
  cancelEnrolment,
  confirmAttendance,
  enrol,
  markAttendance,
  nominateAction,
  recommend,
  showCatalog,
  showSessions,
  submitInvitation,
  submitNomination,
  submitSession,
  submitTraining,
  trainingCommand,
} from "./service.js";

export const RECOMMEND_JOB = "trainings.recommend" as const;

/**
 * Trainings (SEED step 9): `/training` — a catalogue, sessions with seats and a waitlist, one-click
 * enrolment, reminders and attendance through the outbox, the mandatory basic training, and
 * recommendations from qualification needs.
 */
export const trainingsFeature: Feature = {
  name: "trainings",
  commands: [
    {
      command: "training",
      description: "commands.training",
      run: (ctx, args) => trainingCommand(ctx.services, ctx.requester, args),
    },
  ],
  actions: [
    action(trainingActions.sessions, async (ctx, p) => ({
      kind: "card",
      card: await showSessions(ctx.services, ctx.requester, p.training),
    })),
    action(trainingActions.catalog, async (ctx) => ({
      kind: "card",
      card: await showCatalog(ctx.services, ctx.requester),
    })),
    action(trainingActions.enrol, (ctx, p) => enrol(ctx.services, ctx.requester, p.session, p.need)),
    action(trainingActions.cancel, (ctx, p) => cancelEnrolment(ctx.services, ctx.requester, p.enrolment)),
    action(trainingActions.confirm, (ctx, p) => confirmAttendance(ctx.services, ctx.requester, p.enrolment)),
    action(trainingActions.attended, (ctx, p) => markAttendance(ctx.services, ctx.requester, p.enrolment, "attended")),
    action(trainingActions.noShow, (ctx, p) => markAttendance(ctx.services, ctx.requester, p.enrolment, "no_show")),
    action(trainingActions.nominate, (ctx, p) => nominateAction(ctx.services, ctx.requester, p.training, p.person)),
  ],
  forms: [
    form({
      id: TRAINING_FORM_ID,
      submit: (ctx, _metadata, values) => submitTraining(ctx.services, ctx.requester, values),
    }),
    form({
      id: SESSION_FORM_ID,
      submit: (ctx, metadata, values) => submitSession(ctx.services, ctx.requester, metadata, values),
    }),
    form({
      id: INVITATION_FORM_ID,
      submit: (ctx, metadata, values) => submitInvitation(ctx.services, ctx.requester, metadata, values),
    }),
    form({
      id: NOMINATION_FORM_ID,
      submit: (ctx, _metadata, values) => submitNomination(ctx.services, ctx.requester, values),
    }),
  ],
  jobs: [
    job({
      name: RECOMMEND_JOB,
      schema: z.object({ tenantId: z.guid() }),
      run: (services, payload) => recommend(services, payload.tenantId),
    }),
  ],
  // Needs agreed in yesterday's talks become suggestions in the morning.
  schedules: (tenant) => [
    {
      id: `trainings.recommend:${tenant.id}`,
      job: RECOMMEND_JOB,
      pattern: "0 8 * * 1-5",
      payload: { tenantId: tenant.id },
    },
  ],
  deliveries: trainingDeliveries,
};
