import { z } from "zod/v4";
import { actionRef } from "../feature.js";

/**
 * The buttons on goal cards: ids and payload schemas in one place. Cards make their buttons through
 * these refs, and the feature module (feature.ts) binds each to its handler.
 */
export const goalActions = {
  /** "Check in" on a goal or measure; without a goal, the person picks one in the form. */
  checkin: actionRef("goals.checkin", z.object({ goal: z.guid().optional() })),
  /** "Add measure" on a team goal; without one, the team lead picks the goal in the form. */
  measure: actionRef("goals.measure", z.object({ parent: z.guid().optional() })),
  /** "Goal chain": how a goal leads up to its company goal. */
  chain: actionRef("goals.chain", z.object({ goal: z.guid() })),
  /** "Goal cascade" of one unit (also the "more" link of a cut card); a unit id or a name. */
  tree: actionRef("goals.tree", z.object({ unit: z.string().max(200) })),
} as const;
