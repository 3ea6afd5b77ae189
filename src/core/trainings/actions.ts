import { z } from "zod/v4";
import { actionRef } from "../feature.js";

const enrolment = z.object({ enrolment: z.guid() });

/** The buttons on training cards: ids and payload schemas in one place. */
export const trainingActions = {
  /** "Sessions" of a training. */
  sessions: actionRef("trainings.sessions", z.object({ training: z.guid() })),
  /** "Enrol" / "Join the waitlist" on a session; `need` when the button came with a recommendation. */
  enrol: actionRef("trainings.enrol", z.object({ session: z.guid(), need: z.guid().optional() })),
  /** "Cancel" an enrolment or a waitlist place. */
  cancel: actionRef("trainings.cancel", enrolment),
  /** The participant's "Yes, I attended". */
  confirm: actionRef("trainings.confirm", enrolment),
  /** The trainer's attendance list. */
  attended: actionRef("trainings.attended", enrolment),
  noShow: actionRef("trainings.no-show", enrolment),
  /** A leader suggests a training to a report (from a recommendation). */
  nominate: actionRef("trainings.nominate", z.object({ training: z.guid(), person: z.guid() })),
  catalog: actionRef("trainings.catalog", z.object({})),
} as const;
