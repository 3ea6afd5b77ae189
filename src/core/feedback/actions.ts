import { z } from "zod/v4";
import { actionRef } from "../feature.js";

const talk = z.object({ talk: z.guid() });
// Criterion keys are short slugs; anything else is an old or forged button.
const criterion = z.object({ criterion: z.string().regex(/^[a-z0-9-]{1,60}$/) });

/** The buttons on feedback cards: ids and payload schemas in one place. */
export const feedbackActions = {
  /** Opens the talk (its content only for the two people in it). */
  open: actionRef("feedback.open", talk),
  schedule: actionRef("feedback.schedule", z.object({})),
  reschedule: actionRef("feedback.reschedule", talk),
  cancel: actionRef("feedback.cancel", talk),
  selfAssess: actionRef("feedback.self", talk),
  record: actionRef("feedback.record", talk),
  confirm: actionRef("feedback.confirm", talk),
  comment: actionRef("feedback.comment", talk),
  criterionComment: actionRef("feedback.criterion-comment", criterion),
  criterionApprove: actionRef("feedback.criterion-approve", criterion),
  criterionEdit: actionRef("feedback.criterion-edit", criterion),
  publish: actionRef("feedback.publish", z.object({})),
} as const;

export const FEEDBACK_FORMS = {
  schedule: "feedback.schedule-form",
  selfAssess: "feedback.self-form",
  record: "feedback.record-form",
  comment: "feedback.comment-form",
  criterionComment: "feedback.criterion-comment-form",
  criterionEdit: "feedback.criterion-edit-form",
} as const;
