import { z } from "zod/v4";
import { actionRef } from "../feature.js";

/** Picked scale answers so far, "questionIndex=value" joined by "."; they live in the card, not the database. */
export const PICKS = /^(?:\d{1,2}=\d{1,2}(?:\.\d{1,2}=\d{1,2})*)?$/;

const wave = z.object({ wave: z.guid() });
// Teams drops empty strings from button data: no picks yet arrives as no `a` at all. Only the wave
// is an id; the picks are checked against the survey by the handler, after "no such survey".
const picksField = z.string().max(200).optional();
const picks = z.object({ wave: z.guid(), a: picksField });

/** The buttons of the survey cards: ids and payload schemas in one place. */
export const surveyActions = {
  /** "Neuen Puls anlegen / Create a pulse": the create form. */
  create: actionRef("surveys.create", z.object({})),
  /** "Antworten / Answer" in the list of open surveys: the prompt card. */
  open: actionRef("surveys.open", wave),
  /** One tap on a scale answer: the prompt card again, with the pick shown. */
  pick: actionRef(
    "surveys.pick",
    z.object({
      wave: z.guid(),
      a: picksField,
      q: z.string().max(64),
      v: z.string().max(64),
    }),
  ),
  /** "Absenden / Submit": stores the picks (no free text). */
  finish: actionRef("surveys.finish", picks),
  /** "Kommentar und absenden / Comment and submit": the free-text form. */
  comment: actionRef("surveys.comment", picks),
} as const;
