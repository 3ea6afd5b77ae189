/**
 * German catalog. "Sie" is the default; keys ending in `_du` hold the "Du" wording that a
 * tenant can switch to (i18next context). en.ts must have exactly the same keys (a test checks).
 */
export const de = {
  common: {
    more_one: "… und {{count}} weitere",
    more_other: "… und {{count}} weitere",
    none: "–",
  },
  roles: {
    managing_director: "Geschäftsführung",
    area_head: "Bereichsleitung",
    team_lead: "Teamleitung",
    member: "Mitarbeiter/in",
  },
  commands: {
    kurs: "Hilfe, Ihr Platz in der Organisation und Programmstatus",
    kurs_du: "Hilfe, dein Platz in der Organisation und Programmstatus",
    goals: "Ziele und Maßnahmen Ihres Teams, Check-ins",
    goals_du: "Ziele und Maßnahmen deines Teams, Check-ins",
    survey: "Befragungen beantworten und Ergebnisse ansehen",
    feedback: "Feedbackgespräche vorbereiten und planen",
    training: "Trainings ansehen und sich anmelden",
    kpi: "Kennzahlen Ihres Teams und Bereichs",
    kpi_du: "Kennzahlen deines Teams und Bereichs",
  },
  help: {
    summary: "Kurs: Hilfe für {{name}}",
    header: "Kurs – Ihr Begleiter im Veränderungsprogramm",
    header_du: "Kurs – dein Begleiter im Veränderungsprogramm",
    greeting: "Guten Tag, **{{name}}**. Das sind Ihre Befehle:",
    greeting_du: "Hallo **{{name}}**, das sind deine Befehle:",
    greetingAnonymous: "Guten Tag. Das sind die Befehle von Kurs:",
    greetingAnonymous_du: "Hallo! Das sind die Befehle von Kurs:",
    placeHeader: "Ihr Platz in der Organisation",
    placeHeader_du: "Dein Platz in der Organisation",
    unit: "Einheit",
    role: "Rolle",
    manager: "Führungskraft",
    noManager: "keine (oberste Ebene)",
    comingSoon: "Bald verfügbar: {{commands}}",
    notInOrg:
      "Sie sind noch nicht im Organigramm von {{tenant}} erfasst. Bitte wenden Sie sich an Ihre Personalabteilung oder die Kurs-Administration (kurs import org).",
    notInOrg_du:
      "Du bist noch nicht im Organigramm von {{tenant}} erfasst. Bitte wende dich an deine Personalabteilung oder die Kurs-Administration (kurs import org).",
    footer: "Befehle in Teams: einfach das Wort schreiben, z. B. „hilfe“.",
  },
  unknownCommand: {
    summary: "Unbekannter Befehl: {{command}}",
    text: "„{{command}}“ kennt Kurs nicht. Diese Befehle gibt es:",
  },
  notAvailable: {
    summary: "{{command}} ist noch nicht verfügbar",
    text: "**{{command}}** gehört zum Programm, ist in dieser Version aber noch nicht freigeschaltet. Verfügbar sind:",
  },
  tenant: {
    notSetUp:
      "Dieser Arbeitsbereich ist noch nicht mit Kurs verbunden. Eine Administratorin oder ein Administrator richtet ihn mit `kurs import org` ein.",
  },
  errors: {
    internal: "Das hat leider nicht geklappt. Bitte versuchen Sie es gleich noch einmal.",
    internal_du: "Das hat leider nicht geklappt. Bitte versuch es gleich noch einmal.",
  },
  import: {
    done: "Organigramm importiert: {{unitsCreated}} Einheiten neu, {{peopleCreated}} Personen neu, {{peopleUpdated}} geändert, {{peopleUnchanged}} unverändert, {{peopleDeactivated}} deaktiviert.",
    nothingChanged: "Keine Änderungen: Das Organigramm entspricht bereits der Datei ({{count}} Personen).",
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
    done: "Demo-Organisation „{{company}}“ im Mandanten „{{tenant}}“ bereit: {{people}} Personen in {{units}} Einheiten.",
  },
} as const;
