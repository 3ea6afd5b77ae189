import type { Criterion } from "./types.js";

const levels = (...anchors: readonly [string, string][]) =>
  anchors.map(([de, en], i) => ({ level: i + 1, anchor: { de, en } }));

/**
 * The built-in draft "Kundenorientierte/r Mitarbeiter/in" / "customer-oriented employee" (SEED step 7),
 * seeded per tenant on first use for the working group to edit.
 */
export const BUILTIN_PROFILE_NAME = { de: "Kundenorientierte/r Mitarbeiter/in", en: "Customer-oriented employee" };

export const BUILTIN_CRITERIA: readonly Criterion[] = [
  {
    key: "customer-empathy",
    name: { de: "Kundenempathie", en: "Customer empathy" },
    description: {
      de: "Versteht das Anliegen aus Sicht der Kundin oder des Kunden und nimmt es ernst.",
      en: "Understands the request from the customer's point of view and takes it seriously.",
    },
    levels: levels(
      ["Bearbeitet Anliegen nach Vorschrift, fragt selten nach.", "Handles requests by the book, rarely asks back."],
      [
        "Fragt nach und fasst das Anliegen in eigenen Worten zusammen.",
        "Asks back and restates the request in their own words.",
      ],
      ["Erkennt unausgesprochene Bedürfnisse und geht darauf ein.", "Spots unspoken needs and addresses them."],
      [
        "Wird von Kundinnen und Kunden als Fürsprecher/in erlebt und teilt das im Team.",
        "Is seen by customers as their advocate and shares how in the team.",
      ],
    ),
    targetLevel: 3,
  },
  {
    key: "solution-orientation",
    name: { de: "Lösungsorientierung", en: "Solution orientation" },
    description: {
      de: "Sucht die Lösung für das eigentliche Problem, nicht nur für das Ticket.",
      en: "Looks for the solution to the actual problem, not just for the ticket.",
    },
    levels: levels(
      ["Löst Standardfälle mit Unterstützung.", "Solves standard cases with support."],
      ["Löst Standardfälle selbstständig.", "Solves standard cases on their own."],
      ["Findet auch für ungewöhnliche Fälle tragfähige Lösungen.", "Finds workable solutions for unusual cases too."],
      ["Beseitigt Ursachen, damit Fälle nicht wiederkommen.", "Removes root causes so cases do not come back."],
    ),
    targetLevel: 3,
  },
  {
    key: "reliability",
    name: { de: "Zuverlässigkeit und Verbindlichkeit", en: "Reliability and commitment" },
    description: {
      de: "Hält Zusagen und Fristen ein und meldet sich, bevor eine Frist reißt.",
      en: "Keeps promises and deadlines and speaks up before a deadline slips.",
    },
    levels: levels(
      ["Zusagen werden oft erst nach Nachfrage eingehalten.", "Promises are often kept only after a reminder."],
      ["Hält Zusagen und Fristen meist ein.", "Usually keeps promises and deadlines."],
      ["Hält Zusagen ein und meldet Verzögerungen von sich aus.", "Keeps promises and reports delays unprompted."],
    ),
    targetLevel: 3,
  },
  {
    key: "communication",
    name: { de: "Kommunikation", en: "Communication" },
    description: {
      de: "Kommuniziert klar, freundlich und in der Sprache der Kundin oder des Kunden.",
      en: "Communicates clearly, kindly and in the customer's language.",
    },
    levels: levels(
      [
        "Antworten sind korrekt, aber oft knapp oder fachsprachlich.",
        "Answers are correct but often terse or full of jargon.",
      ],
      ["Antwortet verständlich und freundlich.", "Answers clearly and kindly."],
      [
        "Passt Ton und Kanal der Situation an, auch bei Beschwerden.",
        "Adapts tone and channel to the situation, complaints included.",
      ],
      [
        "Entschärft schwierige Gespräche und ist Vorbild im Team.",
        "Defuses difficult conversations and is a model for the team.",
      ],
    ),
    targetLevel: 3,
  },
  {
    key: "ticket-ownership",
    name: { de: "Verantwortung für das Ticket bis zum Ende", en: "Ownership of the ticket to the end" },
    description: {
      de: "Bleibt dran, bis das Anliegen wirklich gelöst ist, auch über Teamgrenzen hinweg.",
      en: "Stays on it until the request is really solved, across team boundaries too.",
    },
    levels: levels(
      ["Gibt Tickets weiter und verliert sie dann aus dem Blick.", "Hands tickets on and then loses sight of them."],
      ["Verfolgt weitergegebene Tickets nach.", "Follows up on tickets handed on."],
      [
        "Sorgt dafür, dass die Kundin oder der Kunde eine Lösung erhält, und schließt sauber ab.",
        "Makes sure the customer gets a solution and closes cleanly.",
      ],
    ),
    targetLevel: 3,
  },
];
