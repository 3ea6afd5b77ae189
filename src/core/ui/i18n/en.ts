import type { CatalogOf } from "./catalog.js";
import type { de } from "./de.js";

/** English words every feature shares (common phrases, roles, errors); same keys as de.ts. English has no Sie/Du, so `_du` keys repeat the text. */
export const en = {
  common: {
    more_one: "… and {{count}} more",
    more_other: "… and {{count}} more",
    none: "–",
    sentAsDm: "That is too long for a reply here; Kurs has sent it to you as a direct message.",
    sentAsDm_du: "That is too long for a reply here; Kurs has sent it to you as a direct message.",
  },
  roles: {
    managing_director: "Managing director",
    area_head: "Area head",
    team_lead: "Team lead",
    member: "Team member",
  },
  errors: {
    internal: "Sorry, that didn't work. Please try again in a moment.",
    internal_du: "Sorry, that didn't work. Please try again in a moment.",
    outdated: "This button or form is outdated or invalid. Please run the command again.",
    outdated_du: "This button or form is outdated or invalid. Please run the command again.",
    alreadySaved: "This is saved already; the second click created nothing twice.",
  },
} as const satisfies CatalogOf<typeof de>;
