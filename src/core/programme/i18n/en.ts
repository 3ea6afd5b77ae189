import type { CatalogOf } from "../../ui/i18n/catalog.js";
import type { de } from "./de.js";

/** English words for help and the command list; same keys as de.ts. English has no Sie/Du, so `_du` keys repeat the text. */
export const en = {
  commands: {
    kurs: "Help, your place in the organisation and programme status",
    kurs_du: "Help, your place in the organisation and programme status",
    goals: "Your team's goals and measures, check-ins",
    goals_du: "Your team's goals and measures, check-ins",
    survey: "Answer surveys and see results",
    feedback: "Prepare and schedule feedback talks",
    training: "Browse trainings and enrol",
    kpi: "Your team's and area's KPIs",
    kpi_du: "Your team's and area's KPIs",
  },
  help: {
    statement: "Publish a strategy statement; “statement report” shows who has read it",
    summary: "Kurs: help for {{name}}",
    header: "Kurs – your companion through the change programme",
    header_du: "Kurs – your companion through the change programme",
    greeting: "Hello **{{name}}**, these are your commands:",
    greeting_du: "Hello **{{name}}**, these are your commands:",
    greetingAnonymous: "Hello. These are Kurs's commands:",
    greetingAnonymous_du: "Hello. These are Kurs's commands:",
    placeHeader: "Your place in the organisation",
    placeHeader_du: "Your place in the organisation",
    unit: "Unit",
    role: "Role",
    manager: "Manager",
    noManager: "none (top level)",
    comingSoon: "Coming soon: {{commands}}",
    notInOrg: "You are not in {{tenant}}'s org chart yet. Please ask HR or your Kurs administrator (kurs import org).",
    notInOrg_du:
      "You are not in {{tenant}}'s org chart yet. Please ask HR or your Kurs administrator (kurs import org).",
    footer: "Commands in Teams: just type the word, e.g. “help”.",
  },
  unknownCommand: {
    summary: "Unknown command: {{command}}",
    text: "Kurs doesn't know “{{command}}”. These commands exist:",
  },
  notAvailable: {
    summary: "{{command}} is not available yet",
    text: "**{{command}}** is part of the programme but not switched on in this version yet. Available now:",
  },
} as const satisfies CatalogOf<typeof de>;
