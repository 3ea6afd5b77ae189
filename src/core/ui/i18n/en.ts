import type { Catalog } from "./catalog.js";

/** English catalog; same keys as de.ts. English has no Sie/Du distinction, so `_du` keys repeat the text. */
export const en = {
  common: {
    more_one: "… and {{count}} more",
    more_other: "… and {{count}} more",
    none: "–",
  },
  roles: {
    managing_director: "Managing director",
    area_head: "Area head",
    team_lead: "Team lead",
    member: "Team member",
  },
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
  tenant: {
    notSetUp: "This workspace is not connected to Kurs yet. An administrator sets it up with `kurs import org`.",
  },
  errors: {
    internal: "Sorry, that didn't work. Please try again in a moment.",
    internal_du: "Sorry, that didn't work. Please try again in a moment.",
  },
  import: {
    done: "Org chart imported: {{unitsCreated}} units new, {{peopleCreated}} people new, {{peopleUpdated}} changed, {{peopleUnchanged}} unchanged, {{peopleDeactivated}} deactivated.",
    nothingChanged: "No changes: the org chart already matches the file ({{count}} people).",
    linked: "Chat accounts matched by e-mail: {{count}}.",
    failed_one: "Nothing imported: {{count}} line has errors.",
    failed_other: "Nothing imported: {{count}} lines have errors.",
    line: "Line {{line}}: {{reason}}",
    error: {
      columns: "{{actual}} columns instead of {{expected}}",
      missing_columns: "required columns missing: {{columns}}",
      unknown_columns:
        "unknown columns: {{columns}} (allowed: email, name, role, unit_path, manager_email, slack_user_id, teams_aad_object_id, locale, timezone)",
      syntax: "CSV cannot be read: {{detail}}",
      empty_file: "the file contains no people",
      email: "invalid e-mail address “{{value}}”",
      duplicate_email: "e-mail address {{value}} already on line {{other}}",
      name: "name missing or longer than 200 characters",
      role: "unknown role “{{value}}” (allowed: {{allowed}})",
      unit_path: "invalid unit_path “{{value}}” (form: Company/Area/Team, no empty parts)",
      role_level:
        "role {{role}} does not fit the level of “{{path}}” (managing director: company, area head: area, team lead: team)",
      several_roots: "more than one top-level unit: {{roots}}",
      manager_unknown: "manager {{value}} is neither in the file nor in the org chart",
      manager_self: "a person cannot be their own manager",
      manager_cycle: "manager {{value}} makes the reporting line a circle",
      slack_user_id: "invalid Slack user id “{{value}}” (form: U0123ABCD)",
      duplicate_slack_user_id: "Slack user id {{value}} already on line {{other}}",
      teams_aad_object_id: "invalid Teams AAD object id “{{value}}” (a GUID)",
      duplicate_teams_aad_object_id: "Teams AAD object id {{value}} already on line {{other}}",
      locale: "unknown language “{{value}}” (allowed: de, en)",
      timezone: "unknown time zone “{{value}}” (e.g. Europe/Berlin)",
    },
  },
  demo: {
    done: "Demo organisation “{{company}}” ready in tenant “{{tenant}}”: {{people}} people in {{units}} units.",
  },
} as const satisfies Catalog;
