import { z } from "zod/v4";
import { action, type Feature, form, job } from "../feature.js";
import { FEEDBACK_FORMS, feedbackActions } from "./actions.js";
import { feedbackCommand } from "./command.js";
import { feedbackDeliveries, planNudges } from "./deliveries.js";
import {
  approveCriterion,
  openCriterionComment,
  openCriterionEdit,
  publishProfile,
  submitCriterionComment,
  submitCriterionEdit,
} from "./profile-service.js";
import {
  cancelTalk,
  confirmTalk,
  openCommentForm,
  openRecordForm,
  openRescheduleForm,
  openScheduleForm,
  openSelfForm,
  openTalk,
  submitCommentForm,
  submitRecordForm,
  submitScheduleForm,
  submitSelfForm,
} from "./talk-service.js";

export const NUDGE_JOB = "feedback.nudge-scan";

/**
 * Competency profile and feedback talks (SEED steps 7 and 8): `/feedback`. Everything it sends
 * (invitations with .ics, reminders, the self-assessment prompt, the record to confirm, the outcome,
 * weekly nudges) goes through the outbox and is rendered at send time by `deliveries`.
 */
export const feedbackFeature: Feature = {
  name: "feedback",
  commands: [
    {
      command: "feedback",
      description: "commands.feedback",
      run: (ctx, args) => feedbackCommand(ctx.services, ctx.requester, args),
    },
  ],
  actions: [
    action(feedbackActions.open, (ctx, p) => openTalk(ctx.services, ctx.requester, p.talk)),
    action(feedbackActions.schedule, (ctx) => openScheduleForm(ctx.services, ctx.requester)),
    action(feedbackActions.reschedule, (ctx, p) => openRescheduleForm(ctx.services, ctx.requester, p.talk)),
    action(feedbackActions.cancel, async (ctx, p) => ({
      kind: "update",
      card: await cancelTalk(ctx.services, ctx.requester, p.talk),
    })),
    action(feedbackActions.selfAssess, (ctx, p) => openSelfForm(ctx.services, ctx.requester, p.talk)),
    action(feedbackActions.record, (ctx, p) => openRecordForm(ctx.services, ctx.requester, p.talk)),
    action(feedbackActions.confirm, async (ctx, p) => ({
      kind: "update",
      card: await confirmTalk(ctx.services, ctx.requester, p.talk),
    })),
    action(feedbackActions.comment, (ctx, p) => openCommentForm(ctx.services, ctx.requester, p.talk)),
    action(feedbackActions.criterionComment, (ctx, p) =>
      openCriterionComment(ctx.services, ctx.requester, p.criterion),
    ),
    action(feedbackActions.criterionApprove, (ctx, p) => approveCriterion(ctx.services, ctx.requester, p.criterion)),
    action(feedbackActions.criterionEdit, (ctx, p) => openCriterionEdit(ctx.services, ctx.requester, p.criterion)),
    action(feedbackActions.publish, (ctx) => publishProfile(ctx.services, ctx.requester)),
  ],
  forms: [
    form({
      id: FEEDBACK_FORMS.schedule,
      submit: (ctx, md, v) => submitScheduleForm(ctx.services, ctx.requester, md, v),
    }),
    form({ id: FEEDBACK_FORMS.selfAssess, submit: (ctx, md, v) => submitSelfForm(ctx.services, ctx.requester, md, v) }),
    form({ id: FEEDBACK_FORMS.record, submit: (ctx, md, v) => submitRecordForm(ctx.services, ctx.requester, md, v) }),
    form({ id: FEEDBACK_FORMS.comment, submit: (ctx, md, v) => submitCommentForm(ctx.services, ctx.requester, md, v) }),
    form({
      id: FEEDBACK_FORMS.criterionComment,
      submit: (ctx, md, v) => submitCriterionComment(ctx.services, ctx.requester, md, v),
    }),
    form({
      id: FEEDBACK_FORMS.criterionEdit,
      submit: (ctx, md, v) => submitCriterionEdit(ctx.services, ctx.requester, md, v),
    }),
  ],
  jobs: [
    job({
      name: NUDGE_JOB,
      schema: z.object({ tenantId: z.guid() }),
      run: async (services, payload) => {
        const tenant = await services.tenants.findById(payload.tenantId);
        return tenant ? planNudges(services, tenant) : 0;
      },
    }),
  ],
  // Mondays at nine in the tenant's zone; the outbox subject (leader, ISO week) keeps it to one nudge a week.
  schedules: (tenant) => [
    { id: `feedback.nudge-scan:${tenant.id}`, job: NUDGE_JOB, pattern: "0 9 * * 1", payload: { tenantId: tenant.id } },
  ],
  deliveries: feedbackDeliveries,
};
