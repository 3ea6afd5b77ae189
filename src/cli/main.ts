import { Command, CommanderError, Option } from "commander";
import { GERMAN_STATES } from "../core/org/tenant-settings.js";
import { ConfigError, KursError } from "../errors.js";
import { demoCommand } from "./demo.js";
import { importOrgCommand } from "./import-org.js";
import { migrateCommand } from "./migrate.js";
import { type TenantCommandOptions, tenantCommand } from "./tenant.js";

export function buildProgram(): Command {
  const program = new Command("kurs")
    .description("Kurs: carry a change programme through Slack and Microsoft Teams")
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const lang = new Option("--lang <de|en>", "language of the output (default: KURS_DEFAULT_LOCALE)").choices([
    "de",
    "en",
  ]);
  const tenant = new Option("--tenant <slug>", "tenant to work on").default("default");

  program
    .command("migrate")
    .description("apply pending database migrations (also done at every start)")
    .action(() => migrateCommand());

  const importCmd = program.command("import").description("import data from CSV files");
  importCmd
    .command("org")
    .description(
      "import the org chart: email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone. " +
        "Validates the whole file first and imports nothing if a row is bad; re-importing the same file changes nothing.",
    )
    .argument("<file>", "CSV file (comma or semicolon separated, UTF-8)")
    .addOption(tenant)
    .addOption(lang)
    .action((file: string, opts: { tenant: string; lang?: "de" | "en" }) => importOrgCommand(file, opts));

  program
    .command("demo")
    .description("seed the demo organisation (an IT service provider with 90 people); running it again changes nothing")
    .addOption(new Option("--tenant <slug>", "tenant to seed").default("default"))
    .option("--me <email>", "put your e-mail on the first managing director, so your chat account is matched to them")
    .addOption(new Option("--lang <de|en>", "language of the output").choices(["de", "en"]))
    .action((opts: { tenant: string; me?: string; lang?: "de" | "en" }) => demoCommand(opts));

  program
    .command("tenant")
    .description(
      "show the tenant's settings, or change them: the German state decides which public holidays skip reminders",
    )
    .addOption(new Option("--tenant <slug>", "tenant to show or change").default("default"))
    .option(
      "--holiday-state <code>",
      `German state for public holidays: ${GERMAN_STATES.join(" ")}, or none (national holidays only)`,
    )
    .option("--timezone <zone>", "IANA time zone for people without their own, e.g. Europe/Berlin")
    .option("--formality <sie|du>", "German form of address in chat")
    .option("--locale <de|en>", "language for people without their own")
    .addOption(new Option("--lang <de|en>", "language of the output").choices(["de", "en"]))
    .action((opts: TenantCommandOptions) => tenantCommand(opts));

  registerSurveyCommands(program, lang, tenant);
  return program;
}

// Survey commands pull in statistics, CSV and mail libraries: loaded only when one of them runs.
const loadSurvey = () => import("./survey.js");

function registerSurveyCommands(program: Command, lang: Option, tenant: Option): void {
  const survey = program
    .command("survey")
    .description("customer surveys: instruments from templates, waves, written answers, personal links, reports");
  survey
    .command("create")
    .description("create a survey from a built-in template and print its id")
    .requiredOption("--template <key>", "template: customer (customer satisfaction for IT service providers)")
    .requiredOption("--title <text>", "title shown to respondents and in reports")
    .option("--threshold <n>", "anonymity threshold: smallest group shown (default 5, at least 3)")
    .addOption(tenant)
    .addOption(lang)
    .action((opts: { template: string; title: string; threshold?: string; tenant: string; lang?: "de" | "en" }) =>
      loadSurvey().then((m) => m.surveyCreateCommand(opts)),
    );
  survey
    .command("wave")
    .description("add a wave (baseline, follow_up, …) to a survey and print its id")
    .argument("<survey>", "survey id")
    .requiredOption("--key <key>", "stable key: lower-case letters, digits and _, e.g. baseline, follow_up")
    .requiredOption("--label <text>", "label shown in reports, e.g. 'Baseline 2026'")
    .addOption(tenant)
    .addOption(lang)
    .action((id: string, opts: { key: string; label: string; tenant: string; lang?: "de" | "en" }) =>
      loadSurvey().then((m) => m.surveyWaveCommand(id, opts)),
    );
  survey
    .command("import")
    .description(
      "import written answers: one row per respondent, one column per question key " +
        "(reachability,…,overall,nps,comment), empty cell = no answer. The whole file is checked first; " +
        "nothing is imported when any row is bad.",
    )
    .argument("<survey>", "survey id")
    .argument("<wave>", "wave key")
    .argument("<file>", "CSV file (comma or semicolon separated, UTF-8)")
    .addOption(tenant)
    .addOption(lang)
    .action((id: string, wave: string, file: string, opts: { tenant: string; lang?: "de" | "en" }) =>
      loadSurvey().then((m) => m.surveyImportCommand(id, wave, file, opts)),
    );
  survey
    .command("links")
    .description(
      "make one personal link per customer (email,name,company,locale) and write them as CSV for a mail merge; " +
        "e-mails them too when SMTP_URL is set. Customers who already have a link are skipped.",
    )
    .argument("<survey>", "survey id")
    .argument("<wave>", "wave key")
    .requiredOption("--customers <file>", "CSV with the columns email (required), name, company, locale (de|en)")
    .option("--out <file>", "write the links CSV here (default: standard output)")
    .option("--expires-in-days <n>", "days each link stays valid", "30")
    .option("--renew", "give customers who have an unused link a new one (the old link stops working)")
    .addOption(tenant)
    .addOption(lang)
    .action(
      (
        id: string,
        wave: string,
        opts: {
          customers: string;
          out?: string;
          expiresInDays: string;
          renew?: boolean;
          tenant: string;
          lang?: "de" | "en";
        },
      ) => loadSurvey().then((m) => m.surveyLinksCommand(id, wave, opts)),
    );
  survey
    .command("report")
    .description("the comparison per criterion between two waves (default: first and last), as json or md")
    .argument("<survey>", "survey id")
    .requiredOption("--format <json|md>", "json (figures) or md (plain-language lines)")
    .option("--from <wave>", "earlier wave key")
    .option("--to <wave>", "later wave key")
    .addOption(tenant)
    .addOption(lang)
    .action((id: string, opts: { format: string; from?: string; to?: string; tenant: string; lang?: "de" | "en" }) =>
      loadSurvey().then((m) => m.surveyReportCommand(id, opts)),
    );
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv], { from: "user" });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof KursError) {
      console.error(`kurs: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

const isEntry = process.argv[1] && /kurs(\.js)?$|cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (isEntry) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
