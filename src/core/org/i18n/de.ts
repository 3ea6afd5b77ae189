/**
 * German words for the org chart, tenants, import and demo. "Sie" is the default; keys ending in `_du` hold the "Du"
 * wording a tenant can switch to (i18next context). en.ts has exactly the same keys.
 */
export const de = {
  tenant: {
    notConnectedSummary: "Noch nicht mit Kurs verbunden",
    notSetUp:
      "Dieser Arbeitsbereich ist noch nicht mit Kurs verbunden. Die Kurs-Administration verbindet ihn mit `kurs tenant --slack-team-id ID` (Slack) oder `kurs tenant --teams-tenant-id ID` (Teams).",
    notConnectedTeams:
      "Dieser Microsoft-Teams-Mandant (ID `{{id}}`) ist noch nicht mit Kurs verbunden. Bitten Sie die Kurs-Administration, ihn zu verbinden: `kurs tenant --teams-tenant-id {{id}}` (oder `MICROSOFT_APP_TENANT_ID={{id}}` setzen, wenn Kurs nur diesen Mandanten bedient).",
    notConnectedSlack:
      "Dieser Slack-Workspace (ID `{{id}}`) ist noch nicht mit Kurs verbunden. Bitten Sie die Kurs-Administration, ihn zu verbinden: `kurs tenant --slack-team-id {{id}}`.",
    settings: {
      header: "Mandant {{slug}} ({{name}})",
      locale: "Sprache: {{value}}",
      formality: "Anrede: {{value}}",
      formalitySie: "Sie",
      formalityDu: "Du",
      timezone: "Zeitzone: {{value}}",
      holidayState: "Bundesland für Feiertage: {{value}}",
      noState: "keins (nur bundesweite Feiertage)",
      feedbackHrOn: "HR sieht Inhalte von Feedbackgesprächen: ja",
      feedbackHrOff: "HR sieht Inhalte von Feedbackgesprächen: nein",
      updated: "Gespeichert.",
      notFound: "Einen Mandanten „{{slug}}“ gibt es nicht.",
      failed: "Nichts geändert:",
      error: {
        holidayState: "unbekanntes Bundesland „{{value}}“ (gültig: {{allowed}}; none für nur bundesweite Feiertage)",
        timezone: "unbekannte Zeitzone „{{value}}“ (z. B. Europe/Berlin)",
        formality: "unbekannte Anrede „{{value}}“ (erlaubt: sie, du)",
        locale: "unbekannte Sprache „{{value}}“ (erlaubt: de, en)",
        feedbackHrAccess: "unbekannter Wert „{{value}}“ für --feedback-hr-access (erlaubt: on, off)",
        teamsTenantId: "„{{value}}“ ist keine Teams-Mandanten-ID (eine GUID wie 72f988bf-86f1-41af-91ab-2d7cd011db47)",
        slackTeamId: "„{{value}}“ ist keine Slack-Team-ID (z. B. T024BE7LD)",
        taken: "{{platform}}-ID {{value}} ist schon mit dem Mandanten „{{other}}“ verbunden",
      },
      teams: "Teams-Mandant: {{value}}",
      slack: "Slack-Workspace: {{value}}",
      unbound: "nicht verbunden",
    },
  },
  import: {
    done: "Organigramm importiert: {{unitsCreated}}, {{peopleCreated}}, {{peopleUpdated}} geändert, {{peopleUnchanged}} unverändert, {{peopleDeactivated}} deaktiviert.",
    unitsCreated_one: "{{count}} Einheit neu",
    unitsCreated_other: "{{count}} Einheiten neu",
    peopleCreated_one: "{{count}} Person neu",
    peopleCreated_other: "{{count}} Personen neu",
    nothingChanged_one: "Keine Änderungen: Das Organigramm entspricht bereits der Datei ({{count}} Person).",
    nothingChanged_other: "Keine Änderungen: Das Organigramm entspricht bereits der Datei ({{count}} Personen).",
    linked: "Chat-Konten per E-Mail zugeordnet: {{count}}.",
    failed_one: "Nichts importiert: {{count}} Zeile ist fehlerhaft.",
    failed_other: "Nichts importiert: {{count}} Zeilen sind fehlerhaft.",
    line: "Zeile {{line}}: {{reason}}",
    error: {
      columns: "{{actual}} Spalten statt {{expected}}",
      missing_columns: "Pflichtspalten fehlen: {{columns}}",
      unknown_columns:
        "unbekannte Spalten: {{columns}} (erlaubt: email, name, role, unit_path, manager_email, slack_user_id, teams_aad_object_id, locale, timezone)",
      syntax: "CSV nicht lesbar: {{detail}}",
      empty_file: "die Datei enthält keine Personen",
      email: "ungültige E-Mail-Adresse „{{value}}“",
      duplicate_email: "E-Mail-Adresse {{value}} steht schon in Zeile {{other}}",
      name: "Name fehlt oder ist länger als 200 Zeichen",
      role: "unbekannte Rolle „{{value}}“ (erlaubt: {{allowed}})",
      unit_path: "ungültiger unit_path „{{value}}“ (Form: Firma/Bereich/Team, ohne leere Teile)",
      role_level:
        "Rolle {{role}} passt nicht zur Ebene von „{{path}}“ (Geschäftsführung: Firma, Bereichsleitung: Bereich, Teamleitung: Team)",
      several_roots: "mehr als eine oberste Einheit: {{roots}}",
      manager_unknown: "Führungskraft {{value}} steht weder in der Datei noch im Organigramm",
      manager_self: "eine Person kann nicht ihre eigene Führungskraft sein",
      manager_cycle: "Führungskraft {{value}} ergibt einen Kreis in der Berichtslinie",
      slack_user_id: "ungültige Slack-User-ID „{{value}}“ (Form: U0123ABCD)",
      duplicate_slack_user_id: "Slack-User-ID {{value}} steht schon in Zeile {{other}}",
      teams_aad_object_id: "ungültige Teams-AAD-Objekt-ID „{{value}}“ (eine GUID)",
      duplicate_teams_aad_object_id: "Teams-AAD-Objekt-ID {{value}} steht schon in Zeile {{other}}",
      locale: "unbekannte Sprache „{{value}}“ (erlaubt: de, en)",
      timezone: "unbekannte Zeitzone „{{value}}“ (z. B. Europe/Berlin)",
    },
  },
  demo: {
    done: "Demo-Organisation „{{company}}“ im Mandanten „{{tenant}}“ bereit: {{people}} in {{units}}.",
    people_one: "{{count}} Person",
    people_other: "{{count}} Personen",
    units_one: "{{count}} Einheit",
    units_other: "{{count}} Einheiten",
  },
} as const;
