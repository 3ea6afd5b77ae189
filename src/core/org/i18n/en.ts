import type { CatalogOf } from "../../ui/i18n/catalog.js";
import type { de } from "./de.js";

/** English words for the org chart, tenants, import and demo; same keys as de.ts. English has no Sie/Du, so `_du` keys repeat the text. */
export const en = {
  tenant: {
    notConnectedSummary: "Not connected to Kurs yet",
    notSetUp:
      "This workspace is not connected to Kurs yet. The Kurs administrator connects it with `kurs tenant --slack-team-id ID` (Slack) or `kurs tenant --teams-tenant-id ID` (Teams).",
    notConnectedTeams:
      "This Microsoft Teams tenant (ID `{{id}}`) is not connected to Kurs yet. Please ask the Kurs administrator to connect it: `kurs tenant --teams-tenant-id {{id}}` (or set `MICROSOFT_APP_TENANT_ID={{id}}` when Kurs serves only this tenant).",
    notConnectedSlack:
      "This Slack workspace (ID `{{id}}`) is not connected to Kurs yet. Please ask the Kurs administrator to connect it: `kurs tenant --slack-team-id {{id}}`.",
    settings: {
      header: "Tenant {{slug}} ({{name}})",
      locale: "Language: {{value}}",
      formality: "German form of address: {{value}}",
      formalitySie: "Sie (formal)",
      formalityDu: "Du (informal)",
      timezone: "Time zone: {{value}}",
      holidayState: "State for public holidays: {{value}}",
      noState: "none (national public holidays only)",
      feedbackHrOn: "HR sees feedback-talk content: yes",
      feedbackHrOff: "HR sees feedback-talk content: no",
      updated: "Saved.",
      notFound: "There is no tenant “{{slug}}”.",
      failed: "Nothing changed:",
      error: {
        holidayState: "unknown German state “{{value}}” (valid: {{allowed}}; none for national holidays only)",
        timezone: "unknown time zone “{{value}}” (e.g. Europe/Berlin)",
        formality: "unknown form of address “{{value}}” (allowed: sie, du)",
        locale: "unknown language “{{value}}” (allowed: de, en)",
        feedbackHrAccess: "unknown value “{{value}}” for --feedback-hr-access (allowed: on, off)",
        teamsTenantId: "“{{value}}” is not a Teams tenant id (a GUID such as 72f988bf-86f1-41af-91ab-2d7cd011db47)",
        slackTeamId: "“{{value}}” is not a Slack team id (e.g. T024BE7LD)",
        taken: "{{platform}} id {{value}} is already connected to tenant “{{other}}”",
      },
      teams: "Teams tenant: {{value}}",
      slack: "Slack workspace: {{value}}",
      unbound: "not connected",
    },
  },
  import: {
    done: "Org chart imported: {{unitsCreated}}, {{peopleCreated}}, {{peopleUpdated}} changed, {{peopleUnchanged}} unchanged, {{peopleDeactivated}} deactivated.",
    unitsCreated_one: "{{count}} unit new",
    unitsCreated_other: "{{count}} units new",
    peopleCreated_one: "{{count}} person new",
    peopleCreated_other: "{{count}} people new",
    nothingChanged_one: "No changes: the org chart already matches the file ({{count}} person).",
    nothingChanged_other: "No changes: the org chart already matches the file ({{count}} people).",
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
    done: "Demo organisation “{{company}}” ready in tenant “{{tenant}}”: {{people}} in {{units}}.",
    people_one: "{{count}} person",
    people_other: "{{count}} people",
    units_one: "{{count}} unit",
    units_other: "{{count}} units",
  },
} as const satisfies CatalogOf<typeof de>;
