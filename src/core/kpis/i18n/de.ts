/** The KPI words: ticket import, `kurs kpi`, KPI settings, the chat command and the weekly digest. */
export const de = {
  kpi: {
    import: {
      done: "Tickets importiert: {{rows}} Zeilen gelesen, {{inserted}} neu, {{updated}} geändert, {{unchanged}} unverändert.",
      partial_one: "{{count}} Zeile ist fehlerhaft und wurde übersprungen.",
      partial_other: "{{count}} Zeilen sind fehlerhaft und wurden übersprungen.",
      strictFailed_one: "Nichts importiert (--strict): {{count}} Zeile ist fehlerhaft.",
      strictFailed_other: "Nichts importiert (--strict): {{count}} Zeilen sind fehlerhaft.",
      headerFailed: "Nichts importiert: Die Kopfzeile passt nicht zum Ticket-CSV-Format.",
      line: "Zeile {{line}}: {{reason}}",
      progress: "{{percent}} % · {{rows}} Zeilen",
      error: {
        missing_columns:
          "Pflichtspalten fehlen: {{columns}} (Format: ticket_id,team_path,created_at,first_response_at,resolved_at,due_at,reopened_count,status)",
        unknown_columns:
          "unbekannte Spalten: {{columns}} (erlaubt: ticket_id, team_path, created_at, first_response_at, resolved_at, due_at, reopened_count, status)",
        syntax: "CSV nicht lesbar: {{detail}}",
        ticket_id: "ticket_id fehlt oder ist länger als 200 Zeichen",
        team_path:
          "„{{value}}“ ist weder ein Pfad im Organigramm (Firma/Bereich/Team) noch eine zugeordnete Service-Desk-Gruppe",
        time: "{{column}}: „{{value}}“ ist keine Zeit nach ISO 8601 (z. B. 2026-03-02T08:00:00+01:00)",
        before_created: "{{column}} liegt vor created_at",
        reopened_count: "reopened_count „{{value}}“ ist keine ganze Zahl ≥ 0",
        status: "status „{{value}}…“ ist länger als 50 Zeichen",
      },
    },
    cli: {
      unknownUnit: "Eine Einheit „{{value}}“ gibt es nicht. Vorhanden: {{units}}",
      noUnits: "Es gibt noch kein Organigramm. Zuerst `kurs import org` oder `kurs demo` ausführen.",
      badWeek: "„{{value}}“ ist keine ISO-Kalenderwoche (Form: 2026-W05).",
    },
    settings: {
      programmeStart: "Programmstart (Basislinie davor): {{value}}",
      baselineWeeks: "Wochen der Basislinie: {{value}}",
      webhookSecret: "Webhook-Geheimnis: {{value}}",
      webhookSecretSet: "gesetzt",
      webhookSecretNew: "Neues Webhook-Geheimnis (nur jetzt sichtbar): {{secret}}",
      group: "Service-Desk-Gruppe „{{group}}“ → {{path}}",
      notSet: "nicht gesetzt",
      error: {
        programmeStart: "Programmstart „{{value}}“ ist kein Datum (Form: 2026-03-02; none zum Löschen)",
        baselineWeeks: "Wochen der Basislinie „{{value}}“: eine ganze Zahl von 1 bis 104",
        webhookSecret: "Das Webhook-Geheimnis braucht mindestens 32 Zeichen (oder generate)",
        mapGroup: "„{{value}}“: Form GRUPPE=Firma/Bereich/Team",
        mapGroupUnit: "Eine Einheit „{{value}}“ gibt es nicht.",
      },
    },
    demo: {
      tickets: "Demo-Tickets: {{count}} Tickets in {{weeks}} Wochen, Programmstart {{start}}.",
    },
    metric: {
      processing_time_median: "Bearbeitungszeit (Median, h)",
      processing_time_p90: "Bearbeitungszeit (P90, h)",
      first_response_median: "Erste Reaktion (Median, h)",
      deadline_compliance: "Termintreue",
      resolution_rate: "Lösungsquote",
      first_time_resolution: "Erstlösungsquote",
      backlog: "Rückstand",
    },
    format: {
      percent: "{{value}} %",
      points: "{{value}} Pp",
      hours: "{{value}} h",
      count: "{{value}}",
    },
    digest: {
      summary: "Kennzahlen {{unit}}, KW {{week}}",
      header: "Kennzahlen – {{unit}}",
      meta: "KW {{week}} · {{created}} neue, {{resolved}} gelöste Tickets",
      value: "{{value}} {{arrow}}",
      vsPrevious: "ggü. Vorwoche {{delta}}",
      vsBaseline: "ggü. Basislinie {{delta}}",
      noBaseline: "keine Basislinie",
      notEnoughData: "Zu wenige gelöste Tickets (unter 5) für Quoten und Zeiten in dieser Woche.",
      moversHeader: "Größte Veränderungen ggü. Vorwoche",
      mover: "**{{metric}}**: {{from}} → {{to}} ({{delta}})",
      noMovers: "Keine nennenswerten Veränderungen.",
      chartAlt: "Verlauf der Kennzahlen über 12 Wochen",
      privacy: "Kennzahlen je Team und darüber, nie je Person.",
    },
  },
} as const;
