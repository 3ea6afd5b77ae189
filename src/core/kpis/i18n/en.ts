/** The KPI words in English; exactly the keys of de.ts. */
import type { CatalogOf } from "../../ui/i18n/catalog.js";
import type { de } from "./de.js";

export const en: CatalogOf<typeof de> = {
  kpi: {
    import: {
      done: "Tickets imported: {{rows}} rows read, {{inserted}} new, {{updated}} changed, {{unchanged}} unchanged.",
      partial_one: "{{count}} row is broken and was skipped.",
      partial_other: "{{count}} rows are broken and were skipped.",
      strictFailed_one: "Nothing imported (--strict): {{count}} row is broken.",
      strictFailed_other: "Nothing imported (--strict): {{count}} rows are broken.",
      headerFailed: "Nothing imported: the header does not match the ticket CSV format.",
      line: "Line {{line}}: {{reason}}",
      progress: "{{percent}} % · {{rows}} rows",
      error: {
        missing_columns:
          "required columns missing: {{columns}} (format: ticket_id,team_path,created_at,first_response_at,resolved_at,due_at,reopened_count,status)",
        unknown_columns:
          "unknown columns: {{columns}} (allowed: ticket_id, team_path, created_at, first_response_at, resolved_at, due_at, reopened_count, status)",
        syntax: "CSV not readable: {{detail}}",
        ticket_id: "ticket_id is missing or longer than 200 characters",
        team_path: "“{{value}}” is neither a path in the org chart (Company/Area/Team) nor a mapped service-desk group",
        time: "{{column}}: “{{value}}” is not an ISO 8601 time (e.g. 2026-03-02T08:00:00+01:00)",
        before_created: "{{column}} is before created_at",
        reopened_count: "reopened_count “{{value}}” is not a whole number ≥ 0",
        status: "status “{{value}}…” is longer than 50 characters",
      },
    },
    cli: {
      unknownUnit: "There is no unit “{{value}}”. Units: {{units}}",
      noUnits: "There is no org chart yet. Run `kurs import org` or `kurs demo` first.",
      badWeek: "“{{value}}” is not an ISO week (form: 2026-W05).",
    },
    settings: {
      programmeStart: "Programme start (baseline before it): {{value}}",
      baselineWeeks: "Baseline weeks: {{value}}",
      webhookSecret: "Webhook secret: {{value}}",
      webhookSecretSet: "set",
      webhookSecretNew: "New webhook secret (shown only now): {{secret}}",
      group: "Service-desk group “{{group}}” → {{path}}",
      notSet: "not set",
      error: {
        programmeStart: "programme start “{{value}}” is not a date (form: 2026-03-02; none to clear it)",
        baselineWeeks: "baseline weeks “{{value}}”: a whole number from 1 to 104",
        webhookSecret: "the webhook secret needs at least 32 characters (or generate)",
        mapGroup: "“{{value}}”: form GROUP=Company/Area/Team",
        mapGroupUnit: "There is no unit “{{value}}”.",
      },
    },
    demo: {
      tickets: "Demo tickets: {{count}} tickets over {{weeks}} weeks, programme start {{start}}.",
    },
    metric: {
      processing_time_median: "Processing time (median, h)",
      processing_time_p90: "Processing time (p90, h)",
      first_response_median: "First response (median, h)",
      deadline_compliance: "Deadline compliance",
      resolution_rate: "Resolution rate",
      first_time_resolution: "First-time resolution",
      backlog: "Backlog",
    },
    format: {
      percent: "{{value}} %",
      points: "{{value}} pp",
      hours: "{{value}} h",
      count: "{{value}}",
    },
    digest: {
      summary: "KPIs {{unit}}, week {{week}}",
      header: "KPIs – {{unit}}",
      meta: "Week {{week}} · {{created}} new, {{resolved}} resolved tickets",
      value: "{{value}} {{arrow}}",
      vsPrevious: "vs last week {{delta}}",
      vsBaseline: "vs baseline {{delta}}",
      noBaseline: "no baseline",
      notEnoughData: "Too few resolved tickets (under 5) for rates and times this week.",
      moversHeader: "Biggest changes vs last week",
      mover: "**{{metric}}**: {{from}} → {{to}} ({{delta}})",
      noMovers: "No notable changes.",
      chartAlt: "KPI trends over 12 weeks",
      privacy: "KPIs per team and above, never per person.",
    },
  },
};
