/**
 * What the `kurs` command itself says: help, errors, short confirmations. German by default like
 * the rest of the CLI (`--lang en` or KURS_DEFAULT_LOCALE=en switch to English). Chat texts and the
 * import and tenant reports stay in the core catalogs; these strings only exist in the terminal.
 */
export type CliLocale = "de" | "en";

const de = {
  "program.description": "Kurs: ein Veränderungsprogramm durch Slack und Microsoft Teams begleiten",
  "option.help": "diese Hilfe anzeigen",
  "option.version": "die Versionsnummer anzeigen",
  "command.help": "die Hilfe zu einem Befehl anzeigen",
  "option.lang": "Sprache der Ausgabe; ohne die Option KURS_DEFAULT_LOCALE, sonst de",
  "option.tenant": "Mandant (Slug), mit dem gearbeitet wird",
  "migrate.description": "ausstehende Datenbankmigrationen anwenden (geschieht auch bei jedem Start)",
  "migrate.upToDate": "Die Datenbank ist aktuell ({count} Migrationen angewandt).",
  "migrate.applied": "Angewandt: {name}",
  "import.description": "Daten aus CSV-Dateien importieren",
  "importOrg.description":
    "das Organigramm importieren: email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone. " +
    "Prüft zuerst die ganze Datei und importiert nichts, wenn eine Zeile fehlerhaft ist; dieselbe Datei noch einmal importiert ändert nichts.",
  "importOrg.fileArg": "datei",
  "importOrg.file": "CSV-Datei (durch Komma oder Semikolon getrennt, UTF-8)",
  "importOrg.fileNotFound": "{file} lässt sich nicht lesen: Die Datei fehlt oder es fehlen die Leserechte.",
  "demo.description":
    "die Demo-Organisation anlegen (ein IT-Dienstleister mit 90 Personen); ein zweiter Lauf ändert nichts",
  "demo.tenant": "Mandant, der befüllt wird",
  "demo.me": "Ihre E-Mail-Adresse für die erste Person der Geschäftsführung, damit Ihr Chat-Konto ihr zugeordnet wird",
  "demo.invalidEmail": "--me braucht eine E-Mail-Adresse, nicht „{value}“.",
  "demo.invalidData": "Die Demodaten bestehen die Prüfung nicht (ein Fehler in Kurs): {problems}",
  "tenant.description":
    "die Einstellungen des Mandanten anzeigen oder ändern: das Bundesland bestimmt, an welchen Feiertagen keine Erinnerungen kommen",
  "tenant.tenant": "Mandant, der angezeigt oder geändert wird",
  "tenant.holidayState": "Bundesland für die Feiertage: {states}, oder none (nur bundesweite Feiertage)",
  "tenant.timezone": "IANA-Zeitzone für Personen ohne eigene, z. B. Europe/Berlin",
  "tenant.formality": "Anrede auf Deutsch im Chat (sie oder du)",
  "tenant.locale": "Sprache für Personen ohne eigene (de oder en)",
  "tenant.feedbackHrAccess":
    "ob die Personalabteilung Inhalte von Feedbackgesprächen sehen darf: on oder off (Standard: off)",
  "tenant.notFound": "Einen Mandanten „{slug}“ gibt es nicht.",
  "help.usage": "Aufruf:",
  "help.options": "Optionen:",
  "help.commands": "Befehle:",
  "help.arguments": "Argumente:",
  "help.default": "Standard",
  "help.choices": "Auswahl",
  "help.command": "befehl",
  "help.optionsWord": "optionen",
  "help.after": "Mit „kurs <befehl> --help“ sehen Sie die Optionen eines Befehls.",
  "error.prefix": "Fehler",
  "error.unknownOption": "unbekannte Option „{flag}“",
  "error.unknownCommand": "unbekannter Befehl „{name}“",
  "error.didYouMean": "(Meinten Sie {candidates}?)",
  "error.missingArgument": "das Argument „{name}“ fehlt",
  "error.optionMissingArgument": "die Option „{flag}“ braucht einen Wert",
  "error.invalidChoice": "„{value}“ ist für die Option „{flag}“ nicht erlaubt; erlaubt sind: {choices}",
  "error.invalidArgument": "„{value}“ ist für die Option „{flag}“ nicht erlaubt",
  "error.excessArguments": "zu viele Argumente: erwartet {expected}, erhalten {got}",
  "error.config": "Die Konfiguration ist ungültig (siehe .env.example):",
  "error.dataDirLocked":
    "Die eingebettete Datenbank in {dataDir} wird von einem anderen Kurs-Prozess benutzt (PID {pid}). " +
    "PGlite erlaubt nur einen Prozess: Beenden Sie ihn zuerst, oder nutzen Sie PostgreSQL über DATABASE_URL.",
  "error.migration": "Eine Datenbankmigration ist fehlgeschlagen: {message}",
  "error.unexpected": "Unerwarteter Fehler: {message}",
  "tenant.teamsTenantId":
    "diesen Microsoft-Teams-Mandanten verbinden (seine Verzeichnis-ID); nötig bei einer MultiTenant-App-Registrierung",
  "tenant.slackTeamId": "diesen Slack-Workspace verbinden (seine Team-ID, T…)",
  "tenant.trainingAdmin": "diese Person (E-Mail) pflegt den Trainingskatalog, neben der Geschäftsführung",
  "tenant.removeTrainingAdmin": "dieser Person (E-Mail) den Trainingskatalog wieder abnehmen",
  "survey.description":
    "Kundenbefragungen: Instrumente aus Vorlagen, Wellen, schriftliche Antworten, persönliche Links, Berichte",
  "survey.create": "eine Befragung aus einer Vorlage anlegen und ihre ID ausgeben",
  "survey.template": "Vorlage: customer (Kundenzufriedenheit IT-Dienstleister)",
  "survey.title": "Titel für Befragte und Berichte",
  "survey.threshold": "Anonymitätsschwelle: kleinste gezeigte Gruppe (Standard 5, mindestens 3)",
  "survey.wave": "eine Welle (baseline, follow_up, …) hinzufügen und ihre ID ausgeben",
  "survey.surveyArg": "ID der Befragung",
  "survey.waveArg": "Schlüssel der Welle",
  "survey.fileArg": "CSV-Datei (Komma oder Semikolon, UTF-8)",
  "survey.key": "fester Schlüssel: Kleinbuchstaben, Ziffern und _, z. B. baseline, follow_up",
  "survey.label": "Bezeichnung in Berichten, z. B. „Ausgangslage 2026“",
  "survey.import":
    "schriftliche Antworten importieren: eine Zeile je Befragtem, eine Spalte je Frage (reachability,…,overall,nps,comment), leere Zelle = keine Antwort. Die ganze Datei wird zuerst geprüft; bei einer fehlerhaften Zeile wird nichts importiert.",
  "survey.links":
    "je Kunde einen persönlichen Link erzeugen (email,name,company,locale) und als CSV für einen Serienbrief schreiben; mit SMTP_URL auch per E-Mail senden. Kunden mit Link werden übersprungen.",
  "survey.customers": "CSV mit den Spalten email (Pflicht), name, company, locale (de|en)",
  "survey.out": "die Link-CSV hierhin schreiben (Standard: Standardausgabe)",
  "survey.expires": "Tage, die jeder Link gilt",
  "survey.renew": "Kunden mit unbenutztem Link einen neuen geben (der alte gilt dann nicht mehr)",
  "survey.report": "der Vergleich je Kriterium zwischen zwei Wellen (Standard: erste und letzte), als json oder md",
  "survey.format": "json (Zahlen) oder md (Sätze in Klartext)",
  "survey.from": "Schlüssel der früheren Welle",
  "survey.to": "Schlüssel der späteren Welle",
  "importTickets.description":
    "Service-Desk-Tickets importieren: ticket_id,team_path,created_at,first_response_at,resolved_at,due_at,reopened_count,status " +
    "(Zeiten nach ISO 8601; team_path ist ein Pfad im Organigramm oder eine zugeordnete Service-Desk-Gruppe). Liest die Datei als Strom " +
    "und schreibt je ticket_id, ein zweiter Import ändert also nichts; fehlerhafte Zeilen werden mit ihrer Nummer genannt und übersprungen.",
  "importTickets.strict": "nichts importieren, wenn eine Zeile fehlerhaft ist",
  "kpi.description":
    "die Service-Kennzahlen einer Einheit für eine ISO-Kalenderwoche (Montag bis Montag in der Zeitzone des Mandanten), " +
    "mit der Vorwoche und der Basislinie",
  "kpi.unit": "Pfad der Einheit, z. B. Firma/Bereich/Team (Standard: die Firma)",
  "kpi.week": "ISO-Kalenderwoche, z. B. 2026-W05 (Standard: die letzte vollständige Woche)",
  "kpi.format": "Ausgabeformat",
  "tenant.digestChannel":
    "Kanal für den wöchentlichen Kennzahlen-Bericht: slack:<Kanal-ID> oder teams:<Konversations-ID des Kanals>",
  "tenant.digestUnit":
    "mit --digest-channel: die Einheit, deren Bericht in den Kanal geht (Standard: die Firma, für die Leitung)",
  "digest.description":
    "den wöchentlichen Kennzahlen-Bericht dieser Woche sofort planen und senden (ein zweiter Lauf plant nichts Neues)",
  "digest.now": "jetzt planen und senden",
  "tenant.programmeStart": "Start des Veränderungsprogramms; die Basislinie der Kennzahlen sind die Wochen davor",
  "tenant.baselineWeeks": "wie viele Wochen vor dem Programmstart die Basislinie bilden (Standard 12)",
  "tenant.webhookSecret":
    "Geheimnis, das POST /webhooks/tickets signiert (mindestens 32 Zeichen, oder generate für ein zufälliges)",
  "tenant.mapGroup":
    "eine Service-Desk-Gruppe oder Queue einer Einheit zuordnen, z. B. „2nd Level=Firma/Bereich/Team“ (mehrfach möglich)",
} as const;

export type CliMessageKey = keyof typeof de;

const en: Record<CliMessageKey, string> = {
  "program.description": "Kurs: carry a change programme through Slack and Microsoft Teams",
  "option.help": "show this help",
  "option.version": "show the version number",
  "command.help": "show the help for a command",
  "option.lang": "language of the output; without the option KURS_DEFAULT_LOCALE, else de",
  "option.tenant": "tenant (slug) to work on",
  "migrate.description": "apply pending database migrations (also done at every start)",
  "migrate.upToDate": "The database is up to date ({count} migrations applied).",
  "migrate.applied": "Applied: {name}",
  "import.description": "import data from CSV files",
  "importOrg.description":
    "import the org chart: email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone. " +
    "Validates the whole file first and imports nothing if a row is bad; re-importing the same file changes nothing.",
  "importOrg.fileArg": "file",
  "importOrg.file": "CSV file (comma or semicolon separated, UTF-8)",
  "importOrg.fileNotFound": "Cannot read {file}: the file is missing or not readable.",
  "demo.description":
    "seed the demo organisation (an IT service provider with 90 people); running it again changes nothing",
  "demo.tenant": "tenant to seed",
  "demo.me": "your e-mail for the first managing director, so your chat account is matched to them",
  "demo.invalidEmail": "--me needs an e-mail address, not “{value}”.",
  "demo.invalidData": "The demo data fails validation (a bug in Kurs): {problems}",
  "tenant.description":
    "show the tenant's settings, or change them: the German state decides which public holidays skip reminders",
  "tenant.tenant": "tenant to show or change",
  "tenant.holidayState": "German state for public holidays: {states}, or none (national holidays only)",
  "tenant.timezone": "IANA time zone for people without their own, e.g. Europe/Berlin",
  "tenant.formality": "German form of address in chat (sie or du)",
  "tenant.locale": "language for people without their own (de or en)",
  "tenant.feedbackHrAccess": "whether HR may see feedback-talk content: on or off (default: off)",
  "tenant.notFound": "There is no tenant “{slug}”.",
  "help.usage": "Usage:",
  "help.options": "Options:",
  "help.commands": "Commands:",
  "help.arguments": "Arguments:",
  "help.default": "default",
  "help.choices": "choices",
  "help.command": "command",
  "help.optionsWord": "options",
  "help.after": "Run “kurs <command> --help” to see a command's options.",
  "error.prefix": "Error",
  "error.unknownOption": "unknown option “{flag}”",
  "error.unknownCommand": "unknown command “{name}”",
  "error.didYouMean": "(Did you mean {candidates}?)",
  "error.missingArgument": "the argument “{name}” is missing",
  "error.optionMissingArgument": "the option “{flag}” needs a value",
  "error.invalidChoice": "“{value}” is not allowed for the option “{flag}”; allowed: {choices}",
  "error.invalidArgument": "“{value}” is not allowed for the option “{flag}”",
  "error.excessArguments": "too many arguments: expected {expected}, got {got}",
  "error.config": "The configuration is invalid (see .env.example):",
  "error.dataDirLocked":
    "The embedded database in {dataDir} is in use by another Kurs process (pid {pid}). " +
    "PGlite allows one process at a time: stop it first, or set DATABASE_URL to use PostgreSQL.",
  "error.migration": "A database migration failed: {message}",
  "error.unexpected": "Unexpected error: {message}",
  "tenant.teamsTenantId":
    "connect this Microsoft Teams tenant (its directory id); needed for a MultiTenant app registration",
  "tenant.slackTeamId": "connect this Slack workspace (its team id, T…)",
  "tenant.trainingAdmin": "let this person (e-mail) keep the training catalogue, besides the managing directors",
  "tenant.removeTrainingAdmin": "take the training catalogue back from this person (e-mail)",
  "survey.description": "customer surveys: instruments from templates, waves, written answers, personal links, reports",
  "survey.create": "create a survey from a built-in template and print its id",
  "survey.template": "template: customer (customer satisfaction for IT service providers)",
  "survey.title": "title shown to respondents and in reports",
  "survey.threshold": "anonymity threshold: smallest group shown (default 5, at least 3)",
  "survey.wave": "add a wave (baseline, follow_up, …) to a survey and print its id",
  "survey.surveyArg": "survey id",
  "survey.waveArg": "wave key",
  "survey.fileArg": "CSV file (comma or semicolon separated, UTF-8)",
  "survey.key": "stable key: lower-case letters, digits and _, e.g. baseline, follow_up",
  "survey.label": "label shown in reports, e.g. 'Baseline 2026'",
  "survey.import":
    "import written answers: one row per respondent, one column per question key (reachability,…,overall,nps,comment), empty cell = no answer. The whole file is checked first; nothing is imported when any row is bad.",
  "survey.links":
    "make one personal link per customer (email,name,company,locale) and write them as CSV for a mail merge; e-mails them too when SMTP_URL is set. Customers who already have a link are skipped.",
  "survey.customers": "CSV with the columns email (required), name, company, locale (de|en)",
  "survey.out": "write the links CSV here (default: standard output)",
  "survey.expires": "days each link stays valid",
  "survey.renew": "give customers who have an unused link a new one (the old link stops working)",
  "survey.report": "the comparison per criterion between two waves (default: first and last), as json or md",
  "survey.format": "json (figures) or md (plain-language lines)",
  "survey.from": "earlier wave key",
  "survey.to": "later wave key",
  "importTickets.description":
    "import service-desk tickets: ticket_id,team_path,created_at,first_response_at,resolved_at,due_at,reopened_count,status " +
    "(ISO 8601 times; team_path is a unit path or a mapped service-desk group). Streams the file and upserts by ticket_id, " +
    "so re-importing changes nothing; bad rows are listed with their line and skipped.",
  "importTickets.strict": "import nothing if any row is bad",
  "kpi.description":
    "a unit's service KPIs for one ISO week (weeks run Monday to Monday in the tenant's time zone), " +
    "with the previous week and the baseline",
  "kpi.unit": "unit path, e.g. Company/Area/Team (default: the company)",
  "kpi.week": "ISO week, e.g. 2026-W05 (default: the last complete week)",
  "kpi.format": "output format",
  "tenant.digestChannel":
    "channel for the weekly KPI digest: slack:<channel id> or teams:<the channel's conversation id>",
  "tenant.digestUnit": "with --digest-channel: the unit whose digest goes there (default: the company, for leadership)",
  "digest.description": "plan and send this week's KPI digest now (a second run plans nothing new)",
  "digest.now": "plan and send now",
  "tenant.programmeStart": "start of the change programme; the KPI baseline is the weeks before it",
  "tenant.baselineWeeks": "how many weeks before the programme start make the KPI baseline (default 12)",
  "tenant.webhookSecret":
    "secret that signs POST /webhooks/tickets (at least 32 characters, or generate to get a random one)",
  "tenant.mapGroup":
    'map a service-desk group or queue to an org unit, e.g. "2nd Level=Company/Area/Team" (repeatable)',
};

export const CLI_MESSAGES: Readonly<Record<CliLocale, Readonly<Record<CliMessageKey, string>>>> = { de, en };

export type CliText = (key: CliMessageKey, params?: Readonly<Record<string, string | number>>) => string;

export function cliText(locale: CliLocale): CliText {
  const catalog = CLI_MESSAGES[locale];
  return (key, params = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      return value === undefined ? whole : String(value);
    });
}

/**
 * Commander writes its parse errors in English ("error: unknown option '--x'"). They are
 * recognised by their wording and said again in the CLI's language; anything unrecognised is
 * shown as commander wrote it, so no error is ever swallowed.
 */
export function translateCommanderError(message: string, t: CliText): string {
  const text = message.trim();
  const suggestion = /\n\(Did you mean (?:one of )?(.+)\?\)$/.exec(text);
  const main = suggestion ? text.slice(0, suggestion.index) : text;
  const hint = suggestion ? `\n${t("error.didYouMean", { candidates: suggestion[1] ?? "" })}` : "";
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^error: unknown option '(.+)'$/, (m) => t("error.unknownOption", { flag: m[1] ?? "" })],
    [/^error: unknown command '(.+)'$/, (m) => t("error.unknownCommand", { name: m[1] ?? "" })],
    [/^error: missing required argument '(.+)'$/, (m) => t("error.missingArgument", { name: m[1] ?? "" })],
    [/^error: option '(.+)' argument missing$/, (m) => t("error.optionMissingArgument", { flag: flagOf(m[1]) })],
    [
      /^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/,
      (m) => t("error.invalidChoice", { flag: flagOf(m[1]), value: m[2] ?? "", choices: m[3] ?? "" }),
    ],
    [
      /^error: option '(.+)' argument '(.*)' is invalid\.?$/,
      (m) => t("error.invalidArgument", { flag: flagOf(m[1]), value: m[2] ?? "" }),
    ],
    [
      /^error: too many arguments(?: for '.+')?\. Expected (\d+) arguments? but got (\d+)\.$/,
      (m) => t("error.excessArguments", { expected: m[1] ?? "", got: m[2] ?? "" }),
    ],
  ];
  for (const [pattern, say] of rules) {
    const match = pattern.exec(main);
    if (match) return `${t("error.prefix")}: ${say(match)}${hint}\n`;
  }
  return `${text}\n`;
}

/** "--lang <de|en>" → "--lang": the flag as the user typed it. */
function flagOf(flags: string | undefined): string {
  const long = (flags ?? "").split(/[\s,]+/).find((f) => f.startsWith("--"));
  return long ?? flags ?? "";
}

/** `--lang en` / `--lang=en` anywhere on the command line, read before commander parses it (for --help). */
export function langFromArgv(argv: readonly string[]): CliLocale | undefined {
  for (const [i, arg] of argv.entries()) {
    const value = arg === "--lang" ? argv[i + 1] : arg.startsWith("--lang=") ? arg.slice("--lang=".length) : undefined;
    if (value === "de" || value === "en") return value;
  }
  return undefined;
}
