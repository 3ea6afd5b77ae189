import { createInstance, type i18n } from "i18next";
import type { Locale } from "../../org/types.js";

/** The surveys feature's own catalogs (German with "Sie", and English). */
const de = {
  verdict: {
    improved: "deutlich besser",
    worse: "deutlich schlechter",
    no_clear_change: "keine klare Veränderung",
  },
  line: "{{label}}: {{difference}} (95 %-KI {{low}} bis {{high}}): {{verdict}}",
  lineNoInterval: "{{label}}: {{difference}}: {{verdict}}",
  suppressed: "{{label}}: zu wenige Antworten für einen Vergleich (mindestens {{threshold}} je Welle)",
  report: {
    title: "Ergebnis: {{title}}",
    waves: "Wellen",
    wave_one: "{{label}} ({{key}}): {{count}} Antwort",
    wave_other: "{{label}} ({{key}}): {{count}} Antworten",
    comparison: "Vergleich {{from}} → {{to}}",
    noComparison: "Für einen Vergleich braucht es zwei Wellen.",
    perWave: "Je Welle",
    table: "| Kriterium | {{waves}} |",
    hidden: "zu wenige Antworten",
    nps: "Net Promoter Score",
    npsLine: "{{label}}: {{score}} (95 %-KI {{low}} bis {{high}}), n = {{n}}",
    npsChange: "Veränderung: {{difference}} Punkte (95 %-KI {{low}} bis {{high}})",
    comments: "Kommentare ({{label}})",
  },
  cli: {
    created: "Umfrage angelegt: {{title}}",
    waveCreated: "Welle {{key}} angelegt",
    templateUnknown: "Unbekannte Vorlage „{{template}}“. Verfügbar: {{available}}",
    surveyNotFound: "Keine Umfrage mit der ID {{id}}",
    waveNotFound: "Die Umfrage hat keine Welle „{{key}}“. Vorhanden: {{available}}",
    waveExists: "Die Umfrage hat schon eine Welle „{{key}}“",
    waveKey: "Ungültiger Wellen-Schlüssel „{{key}}“: nur Kleinbuchstaben, Ziffern und _ (z. B. baseline, follow_up)",
    title: "Bitte einen Titel angeben (--title)",
    label: "Bitte eine Bezeichnung angeben (--label)",
    waveClosed: "Die Welle „{{key}}“ ist abgeschlossen; es werden keine Antworten mehr angenommen",
    importFailed_one: "Nichts importiert: {{count}} Zeile ist fehlerhaft.",
    importFailed_other: "Nichts importiert: {{count}} Zeilen sind fehlerhaft.",
    imported_one: "{{count}} Antwort in Welle {{key}} importiert",
    imported_other: "{{count}} Antworten in Welle {{key}} importiert",
    line: "Zeile {{line}}: {{reason}}",
    linksWritten_one: "{{count}} neuer Link nach {{file}} geschrieben",
    linksWritten_other: "{{count}} neue Links nach {{file}} geschrieben",
    linksSkipped_one: "{{count}} Empfänger hatte schon einen Link und wurde übersprungen",
    linksSkipped_other: "{{count}} Empfänger hatten schon einen Link und wurden übersprungen",
    mailed_one: "{{count}} E-Mail versendet",
    mailed_other: "{{count}} E-Mails versendet",
    mailFailed: "E-Mail an {{email}} fehlgeschlagen: {{reason}} (beim nächsten Aufruf wird es erneut versucht)",
    format: "Unbekanntes Format „{{format}}“: json oder md",
    days: "--expires-in-days muss eine ganze Zahl von 1 bis 365 sein",
    threshold: "Die Anonymitätsschwelle muss eine ganze Zahl und mindestens 3 sein (Standard 5)",
  },
  csv: {
    syntax: "die CSV-Datei ist nicht lesbar ({{detail}})",
    empty_file: "die Datei enthält keine Antworten",
    unknown_columns: "unbekannte Spalten: {{columns}} (erlaubt: {{allowed}})",
    missing_columns: "keine bekannte Spalte; erwartet: {{columns}}",
    duplicate_columns: "doppelte Spalten: {{columns}}",
    columns: "{{actual}} Felder statt {{expected}}",
    likert: "{{column}}: „{{value}}“ ist keine Zahl von 1 bis 5",
    nps: "{{column}}: „{{value}}“ ist keine Zahl von 0 bis 10",
    choice: "{{column}}: „{{value}}“ ist keine der Antworten {{allowed}}",
    too_long: "{{column}}: länger als {{max}} Zeichen",
    empty_row: "die Zeile enthält keine Antwort",
    email: "„{{value}}“ ist keine gültige E-Mail-Adresse",
    duplicate_email: "{{value}} steht schon in Zeile {{other}}",
    locale: "Sprache „{{value}}“ unbekannt (de oder en)",
    missing_email: "die Spalte email fehlt",
  },
  web: {
    title: "Ihre Meinung zählt",
    intro: "Die Umfrage dauert etwa drei Minuten. Ihre Antworten werden anonym ausgewertet.",
    scaleHint: "1 = sehr unzufrieden, 5 = sehr zufrieden",
    npsHint: "0 = sehr unwahrscheinlich, 10 = sehr wahrscheinlich",
    submit: "Antworten absenden",
    required: "Pflichtfrage",
    errorsTitle_one: "Bitte prüfen Sie {{count}} Angabe.",
    errorsTitle_other: "Bitte prüfen Sie {{count}} Angaben.",
    errorRequired: "Bitte wählen Sie eine Antwort.",
    errorRange: "Bitte wählen Sie einen Wert aus der Skala.",
    errorChoice: "Bitte wählen Sie eine der Antworten.",
    errorTooLong: "Bitte kürzen Sie Ihren Text auf höchstens {{max}} Zeichen.",
    thanksTitle: "Vielen Dank!",
    thanks: "Ihre Antworten sind angekommen. Sie können dieses Fenster jetzt schließen.",
    goneTitle: "Dieser Link gilt nicht mehr",
    gone: "Der Link wurde schon verwendet, ist abgelaufen oder unvollständig. Es wurde nichts gespeichert. Wenn Sie teilnehmen möchten, wenden Sie sich bitte an Ihre Ansprechperson.",
    otherLanguage: "English",
    tooMany: "Zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.",
    optional: "optional",
  },
  mail: {
    subject: "{{title}}: Ihre Meinung ist uns wichtig",
    body: "Guten Tag{{name}},\n\nwir möchten besser werden und bitten Sie um drei Minuten für unsere Umfrage „{{title}}“:\n\n{{link}}\n\nDer Link ist persönlich, kann einmal verwendet werden und gilt bis {{expires}}.\n\nVielen Dank!",
  },
} as const;

const en: typeof de extends infer T
  ? { readonly [K in keyof T]: { readonly [L in keyof T[K]]: string } | string }
  : never = {
  verdict: { improved: "clearly better", worse: "clearly worse", no_clear_change: "no clear change" },
  line: "{{label}}: {{difference}} (95% CI {{low}} to {{high}}): {{verdict}}",
  lineNoInterval: "{{label}}: {{difference}}: {{verdict}}",
  suppressed: "{{label}}: too few answers for a comparison (at least {{threshold}} per wave)",
  report: {
    title: "Results: {{title}}",
    waves: "Waves",
    wave_one: "{{label}} ({{key}}): {{count}} response",
    wave_other: "{{label}} ({{key}}): {{count}} responses",
    comparison: "Comparison {{from}} → {{to}}",
    noComparison: "A comparison needs two waves.",
    perWave: "Per wave",
    table: "| Criterion | {{waves}} |",
    hidden: "too few answers",
    nps: "Net Promoter Score",
    npsLine: "{{label}}: {{score}} (95% CI {{low}} to {{high}}), n = {{n}}",
    npsChange: "Change: {{difference}} points (95% CI {{low}} to {{high}})",
    comments: "Comments ({{label}})",
  },
  cli: {
    created: "Survey created: {{title}}",
    waveCreated: "Wave {{key}} created",
    templateUnknown: 'Unknown template "{{template}}". Available: {{available}}',
    surveyNotFound: "No survey with id {{id}}",
    waveNotFound: 'The survey has no wave "{{key}}". It has: {{available}}',
    waveExists: 'The survey already has a wave "{{key}}"',
    waveKey: 'Invalid wave key "{{key}}": lower-case letters, digits and _ only (e.g. baseline, follow_up)',
    title: "Please give a title (--title)",
    label: "Please give a label (--label)",
    waveClosed: 'Wave "{{key}}" is closed and takes no more answers',
    importFailed_one: "Nothing imported: {{count}} row is bad.",
    importFailed_other: "Nothing imported: {{count}} rows are bad.",
    imported_one: "Imported {{count}} response into wave {{key}}",
    imported_other: "Imported {{count}} responses into wave {{key}}",
    line: "Line {{line}}: {{reason}}",
    linksWritten_one: "Wrote {{count}} new link to {{file}}",
    linksWritten_other: "Wrote {{count}} new links to {{file}}",
    linksSkipped_one: "{{count}} recipient already had a link and was skipped",
    linksSkipped_other: "{{count}} recipients already had a link and were skipped",
    mailed_one: "Sent {{count}} e-mail",
    mailed_other: "Sent {{count}} e-mails",
    mailFailed: "E-mail to {{email}} failed: {{reason}} (the next run tries again)",
    format: 'Unknown format "{{format}}": json or md',
    days: "--expires-in-days must be a whole number from 1 to 365",
    threshold: "The anonymity threshold must be a whole number of at least 3 (default 5)",
  },
  csv: {
    syntax: "the CSV file cannot be read ({{detail}})",
    empty_file: "the file contains no answers",
    unknown_columns: "unknown columns: {{columns}} (allowed: {{allowed}})",
    missing_columns: "no known column; expected: {{columns}}",
    duplicate_columns: "duplicate columns: {{columns}}",
    columns: "{{actual}} fields instead of {{expected}}",
    likert: '{{column}}: "{{value}}" is not a number from 1 to 5',
    nps: '{{column}}: "{{value}}" is not a number from 0 to 10',
    choice: '{{column}}: "{{value}}" is not one of {{allowed}}',
    too_long: "{{column}}: longer than {{max}} characters",
    empty_row: "the row contains no answer",
    email: '"{{value}}" is not a valid e-mail address',
    duplicate_email: "{{value}} is already in line {{other}}",
    locale: 'unknown language "{{value}}" (de or en)',
    missing_email: "the email column is missing",
  },
  web: {
    title: "Your opinion counts",
    intro: "The survey takes about three minutes. Your answers are evaluated anonymously.",
    scaleHint: "1 = very dissatisfied, 5 = very satisfied",
    npsHint: "0 = very unlikely, 10 = very likely",
    submit: "Send answers",
    required: "required",
    errorsTitle_one: "Please check {{count}} answer.",
    errorsTitle_other: "Please check {{count}} answers.",
    errorRequired: "Please choose an answer.",
    errorRange: "Please choose a value on the scale.",
    errorChoice: "Please choose one of the answers.",
    errorTooLong: "Please shorten your text to at most {{max}} characters.",
    thanksTitle: "Thank you!",
    thanks: "Your answers have arrived. You can close this window now.",
    goneTitle: "This link is no longer valid",
    gone: "The link has been used already, has expired or is incomplete. Nothing was stored. If you would like to take part, please contact your account manager.",
    otherLanguage: "Deutsch",
    tooMany: "Too many requests. Please try again in a minute.",
    optional: "optional",
  },
  mail: {
    subject: "{{title}}: your opinion matters to us",
    body: 'Hello{{name}},\n\nwe want to get better and ask you for three minutes for our survey "{{title}}":\n\n{{link}}\n\nThe link is personal, works once and is valid until {{expires}}.\n\nThank you!',
  },
};

type Leaves<T, P extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Leaves<T[K], `${P}${K}.`>;
}[keyof T & string];
type Strip<K extends string> = K extends `${infer B}_one` | `${infer B}_other` ? B : K;

export type SurveyMessageKey = Strip<Leaves<typeof de>>;
export type SurveyTranslate = ((
  key: SurveyMessageKey,
  params?: Readonly<Record<string, string | number>>,
) => string) & {
  readonly locale: Locale;
};

let instance: i18n | undefined;
const cache = new Map<Locale, SurveyTranslate>();

export function surveyText(locale: Locale): SurveyTranslate {
  const known = cache.get(locale);
  if (known) return known;
  if (!instance) {
    instance = createInstance();
    void instance.init({
      initAsync: false,
      resources: { de: { translation: de }, en: { translation: en } },
      lng: "de",
      fallbackLng: false,
      supportedLngs: ["de", "en"],
      // The web pages escape every value themselves; the CLI prints plain text.
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  const fixed = instance.getFixedT(locale);
  const t = Object.assign(
    (key: SurveyMessageKey, params?: Readonly<Record<string, string | number>>) =>
      fixed(key, params ? { ...params } : {}) as string,
    { locale },
  );
  cache.set(locale, t);
  return t;
}

export const surveyCatalogs = { de, en } as const;
