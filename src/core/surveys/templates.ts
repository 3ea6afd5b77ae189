import type { CriterionDef, InstrumentDef, QuestionDef } from "./types.js";

const CUSTOMER_CRITERIA: readonly (CriterionDef & { questionDe: string; questionEn: string })[] = [
  {
    key: "reachability",
    labelDe: "Erreichbarkeit",
    labelEn: "Reachability",
    questionDe: "Wie zufrieden sind Sie mit unserer Erreichbarkeit?",
    questionEn: "How satisfied are you with how easily you can reach us?",
  },
  {
    key: "response_time",
    labelDe: "Reaktionszeit",
    labelEn: "Response time",
    questionDe: "Wie zufrieden sind Sie mit unserer Reaktionszeit?",
    questionEn: "How satisfied are you with our response time?",
  },
  {
    key: "solution_competence",
    labelDe: "Lösungskompetenz",
    labelEn: "Solution competence",
    questionDe: "Wie zufrieden sind Sie mit unserer Kompetenz, Ihre Anliegen zu lösen?",
    questionEn: "How satisfied are you with our competence in solving your issues?",
  },
  {
    key: "deadline_reliability",
    labelDe: "Termintreue",
    labelEn: "Deadline reliability",
    questionDe: "Wie zufrieden sind Sie damit, wie zuverlässig wir Termine einhalten?",
    questionEn: "How satisfied are you with how reliably we meet deadlines?",
  },
  {
    key: "friendliness",
    labelDe: "Freundlichkeit",
    labelEn: "Friendliness",
    questionDe: "Wie zufrieden sind Sie mit der Freundlichkeit unserer Mitarbeiterinnen und Mitarbeiter?",
    questionEn: "How satisfied are you with the friendliness of our staff?",
  },
  {
    key: "communication",
    labelDe: "Kommunikation",
    labelEn: "Communication",
    questionDe: "Wie zufrieden sind Sie damit, wie wir Sie informieren und mit Ihnen kommunizieren?",
    questionEn: "How satisfied are you with how we inform and communicate with you?",
  },
  {
    key: "overall",
    labelDe: "Gesamtzufriedenheit",
    labelEn: "Overall satisfaction",
    questionDe: "Wie zufrieden sind Sie insgesamt mit uns als IT-Dienstleister?",
    questionEn: "Overall, how satisfied are you with us as your IT service provider?",
  },
];

/** The built-in "Customer satisfaction for IT service providers" instrument. */
export const CUSTOMER_TEMPLATE: InstrumentDef = {
  titleDe: "Kundenzufriedenheit IT-Dienstleister",
  titleEn: "Customer satisfaction for IT service providers",
  audience: "customers",
  anonymous: true,
  criteria: CUSTOMER_CRITERIA.map(({ key, labelDe, labelEn }) => ({ key, labelDe, labelEn })),
  questions: [
    ...CUSTOMER_CRITERIA.map(
      (c): QuestionDef => ({
        key: c.key,
        kind: "likert5",
        criterion: c.key,
        textDe: c.questionDe,
        textEn: c.questionEn,
        options: null,
        required: true,
      }),
    ),
    {
      key: "nps",
      kind: "nps",
      criterion: null,
      textDe: "Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?",
      textEn: "How likely are you to recommend us?",
      options: null,
      required: true,
    },
    {
      key: "comment",
      kind: "free_text",
      criterion: null,
      textDe: "Was sollten wir besser machen? (optional)",
      textEn: "What should we do better? (optional)",
      options: null,
      required: false,
    },
  ],
};

const PULSE_CRITERIA: readonly (CriterionDef & { questionDe: string; questionEn: string })[] = [
  {
    key: "clarity",
    labelDe: "Klarheit",
    labelEn: "Clarity",
    questionDe: "Wie zufrieden sind Sie damit, wie klar Ihnen ist, was die Veränderung für Ihre Arbeit bedeutet?",
    questionEn: "How satisfied are you with how clear it is what the change means for your work?",
  },
  {
    key: "support",
    labelDe: "Unterstützung",
    labelEn: "Support",
    questionDe: "Wie zufrieden sind Sie mit der Unterstützung, die Sie dafür bekommen?",
    questionEn: "How satisfied are you with the support you get for it?",
  },
  {
    key: "workload",
    labelDe: "Arbeitslast",
    labelEn: "Workload",
    questionDe: "Wie zufrieden sind Sie mit Ihrer Arbeitslast in den letzten Wochen?",
    questionEn: "How satisfied are you with your workload in the past weeks?",
  },
];

/** The built-in short employee pulse: three criteria, an eNPS and an optional comment. */
export const PULSE_TEMPLATE: InstrumentDef = {
  titleDe: "Kurzer Mitarbeiter-Puls",
  titleEn: "Short employee pulse",
  audience: "employees",
  anonymous: true,
  criteria: PULSE_CRITERIA.map(({ key, labelDe, labelEn }) => ({ key, labelDe, labelEn })),
  questions: [
    ...PULSE_CRITERIA.map(
      (c): QuestionDef => ({
        key: c.key,
        kind: "likert5",
        criterion: c.key,
        textDe: c.questionDe,
        textEn: c.questionEn,
        options: null,
        required: true,
      }),
    ),
    {
      key: "nps",
      kind: "nps",
      criterion: null,
      textDe: "Wie wahrscheinlich ist es, dass Sie uns als Arbeitgeber weiterempfehlen?",
      textEn: "How likely are you to recommend us as an employer?",
      options: null,
      required: true,
    },
    {
      key: "comment",
      kind: "free_text",
      criterion: null,
      textDe: "Was sollten wir besser machen? (optional)",
      textEn: "What should we do better? (optional)",
      options: null,
      required: false,
    },
  ],
};

export const TEMPLATES: Readonly<Record<string, InstrumentDef>> = {
  customer: CUSTOMER_TEMPLATE,
  pulse: PULSE_TEMPLATE,
};

export const LIKERT_LABELS = {
  de: ["sehr unzufrieden", "unzufrieden", "teils, teils", "zufrieden", "sehr zufrieden"],
  en: ["very dissatisfied", "dissatisfied", "neither", "satisfied", "very satisfied"],
} as const;

/** Longest free-text answer kept; longer ones are refused with a message, never cut silently. */
export const FREE_TEXT_MAX = 4000;
