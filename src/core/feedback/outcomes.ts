import type { FormOutcome } from "../feature.js";

/** What every feedback form answers. */
export type FeedbackOutcome = FormOutcome;
