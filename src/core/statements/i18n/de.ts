/**
 * German words for strategy statements. "Sie" is the default; keys ending in `_du` hold the "Du"
 * wording a tenant can switch to (i18next context). en.ts has exactly the same keys.
 */
export const de = {
  statements: {
    notInOrg: "Sie stehen noch nicht im Organigramm; Statements zeigt Kurs, sobald Sie erfasst sind.",
    notInOrg_du: "Du stehst noch nicht im Organigramm; Statements zeigt Kurs, sobald du erfasst bist.",
    nobody: "niemand im Organigramm",
    refused_one: "Statements veröffentlicht die Geschäftsführung: {{who}}.",
    refused_other: "Statements veröffentlicht die Geschäftsführung: {{who}}.",
    card: {
      summary: "Statement: {{title}}",
      meta: "Von {{author}} · Version {{version}} · {{date}}",
      read: "✓ gelesen am {{date}}",
      readPrompt:
        "Bitte bestätigen Sie mit „Gelesen“, dass Sie das Statement kennen. Fragen und Anmerkungen sind als Kommentar willkommen.",
      readPrompt_du:
        "Bitte bestätige mit „Gelesen“, dass du das Statement kennst. Fragen und Anmerkungen sind als Kommentar willkommen.",
    },
    actions: {
      ack: "Gelesen",
      comment: "Kommentieren",
      revise: "Überarbeiten",
    },
    form: {
      title: "Neues Statement",
      titleRevision: "Statement überarbeiten",
      submit: "Veröffentlichen",
      close: "Abbrechen",
      intro:
        "Das Statement geht an alle Mitarbeitenden in ihrer Sprache. Ohne englische Fassung lesen alle die deutsche.",
      introRevision:
        "Version {{version}} ersetzt Version {{previous}}. Alle erhalten sie neu und bestätigen sie erneut.",
      titleDe: "Titel (Deutsch)",
      bodyDe: "Text (Deutsch)",
      titleEn: "Titel (Englisch, optional)",
      bodyEn: "Text (Englisch, optional)",
      titleHint: "Höchstens {{max}} Zeichen.",
      englishHint: "Englische Fassung: Titel und Text gehören zusammen.",
    },
    errors: {
      titleRequired: "Bitte geben Sie einen Titel ein.",
      titleRequired_du: "Bitte gib einen Titel ein.",
      titleTooLong: "Der Titel ist {{length}} Zeichen lang; erlaubt sind höchstens {{max}}.",
      bodyRequired: "Bitte geben Sie den Text des Statements ein.",
      bodyRequired_du: "Bitte gib den Text des Statements ein.",
      bodyTooLong: "Der Text ist {{length}} Zeichen lang; erlaubt sind höchstens {{max}}.",
      englishIncomplete:
        "Die englische Fassung braucht Titel und Text – bitte ergänzen Sie beides oder lassen Sie beides leer.",
      englishIncomplete_du:
        "Die englische Fassung braucht Titel und Text – bitte ergänze beides oder lass beides leer.",
      commentRequired: "Bitte schreiben Sie Ihren Kommentar.",
      commentRequired_du: "Bitte schreib deinen Kommentar.",
      commentTooLong: "Der Kommentar ist {{length}} Zeichen lang; erlaubt sind höchstens {{max}}.",
      notFound: "Dieses Statement gibt es nicht (mehr).",
    },
    saved: {
      summary: "Statement veröffentlicht: {{title}}",
      text: "**{{title}}** (Version {{version}}) ist veröffentlicht. Kurs schickt es jetzt allen Mitarbeitenden.",
      deliveryDelayed:
        "**{{title}}** ist veröffentlicht. Der Versand verzögert sich, weil die Warteschlange gerade nicht erreichbar ist; Kurs verschickt das Statement automatisch, sobald sie wieder läuft. Sie müssen nichts erneut senden.",
      deliveryDelayed_du:
        "**{{title}}** ist veröffentlicht. Der Versand verzögert sich, weil die Warteschlange gerade nicht erreichbar ist; Kurs verschickt das Statement automatisch, sobald sie wieder läuft. Du musst nichts erneut senden.",
    },
    comment: {
      title: "Kommentar",
      submit: "Senden",
      label: "Ihr Kommentar",
      label_du: "Dein Kommentar",
      intro: "Zu „{{title}}“ (Version {{version}}). {{author}} erhält Ihren Kommentar mit Ihrem Namen.",
      intro_du: "Zu „{{title}}“ (Version {{version}}). {{author}} erhält deinen Kommentar mit deinem Namen.",
      summary: "Kommentar gespeichert",
      saved: "Danke! Ihr Kommentar zu „{{title}}“ ist gespeichert und geht an {{author}}.",
      saved_du: "Danke! Dein Kommentar zu „{{title}}“ ist gespeichert und geht an {{author}}.",
      savedOwn: "Ihr Kommentar zu „{{title}}“ ist gespeichert.",
      savedOwn_du: "Dein Kommentar zu „{{title}}“ ist gespeichert.",
    },
    notice: {
      summary: "{{name}} kommentiert „{{title}}“",
      text: "**{{name}}** kommentiert Ihr Statement „{{title}}“ (Version {{version}}):",
      text_du: "**{{name}}** kommentiert dein Statement „{{title}}“ (Version {{version}}):",
    },
    report: {
      summary: "Lesebestätigungen: {{title}}",
      header: "Lesebestätigungen – {{title}}",
      meta: "Version {{version}} · veröffentlicht am {{date}}",
      count: "{{acknowledged}} von {{delivered}} gelesen",
      areas: "Bereiche",
      teams: "Teams",
      line: "{{bar}} · **{{unit}}**: {{acknowledged}} von {{delivered}} gelesen",
      privacy: "Gezählt wird, wer das Statement per Slack oder Teams erhalten hat. Kurs zeigt Einheiten, keine Namen.",
      nobody: "Das Statement hat noch niemanden erreicht; der Versand läuft vielleicht noch.",
      unreachable_one: "**{{count}} Person** war in Slack und Teams nicht erreichbar:",
      unreachable_other: "**{{count}} Personen** waren in Slack und Teams nicht erreichbar:",
      reason_one: "{{reason}}: {{count}} Person",
      reason_other: "{{reason}}: {{count}} Personen",
      waiting_one:
        "{{count}} Nachricht wartet noch auf den Versand (z. B. solange die Warteschlange oder eine Chat-Plattform nicht erreichbar ist).",
      waiting_other:
        "{{count}} Nachrichten warten noch auf den Versand (z. B. solange die Warteschlange oder eine Chat-Plattform nicht erreichbar ist).",
      noStatement: "Es ist noch kein Statement veröffentlicht.",
      refused: "Die Lesebestätigungen sehen Geschäftsführung und Bereichsleitungen.",
    },
    usage: {
      summary: "So funktioniert /kurs statement",
      text: "„{{args}}“ versteht /kurs statement nicht. Möglich sind:",
      items:
        "**/kurs statement** – neues Statement veröffentlichen (Geschäftsführung)\n**/kurs statement report** – Lesebestätigungen je Einheit",
    },
  },
} as const;
