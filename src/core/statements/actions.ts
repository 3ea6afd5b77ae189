import { z } from "zod/v4";
import { actionRef } from "../feature.js";

const statement = z.object({ statement: z.guid() });

/** The buttons on a statement card: ids and payload schemas in one place. */
export const statementActions = {
  /** "Gelesen / Read". */
  ack: actionRef("statements.ack", statement),
  /** "Kommentieren / Comment". */
  comment: actionRef("statements.comment", statement),
  /** "Überarbeiten / Revise" (managing directors). */
  revise: actionRef("statements.revise", statement),
} as const;
