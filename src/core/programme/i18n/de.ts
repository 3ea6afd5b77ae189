/**
 * German words for help and the command list. "Sie" is the default; keys ending in `_du` hold the "Du"
 * wording a tenant can switch to (i18next context). en.ts has exactly the same keys.
 */
export const de = {
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
    statement: "Strategieaussage veröffentlichen; „statement report“ zeigt, wer sie gelesen hat",
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
} as const;
