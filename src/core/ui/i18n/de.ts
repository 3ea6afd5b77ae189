/**
 * German words every feature shares (common phrases, roles, errors). "Sie" is the default; keys ending in `_du` hold the "Du"
 * wording a tenant can switch to (i18next context). en.ts has exactly the same keys.
 */
export const de = {
  common: {
    more_one: "… und {{count}} weitere",
    more_other: "… und {{count}} weitere",
    none: "–",
    sentAsDm: "Das ist zu lang für eine Antwort hier; Kurs hat es Ihnen als Direktnachricht geschickt.",
    sentAsDm_du: "Das ist zu lang für eine Antwort hier; Kurs hat es dir als Direktnachricht geschickt.",
  },
  roles: {
    managing_director: "Geschäftsführung",
    area_head: "Bereichsleitung",
    team_lead: "Teamleitung",
    member: "Mitarbeiter/in",
  },
  errors: {
    internal: "Das hat leider nicht geklappt. Bitte versuchen Sie es gleich noch einmal.",
    internal_du: "Das hat leider nicht geklappt. Bitte versuch es gleich noch einmal.",
    outdated:
      "Dieser Knopf oder dieses Formular ist veraltet oder ungültig. Bitte rufen Sie den Befehl noch einmal auf.",
    outdated_du: "Dieser Knopf oder dieses Formular ist veraltet oder ungültig. Bitte ruf den Befehl noch einmal auf.",
    alreadySaved: "Das ist bereits gespeichert; der zweite Klick hat nichts doppelt angelegt.",
  },
} as const;
