import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError, Help, Option } from "commander";
import { cliLocale } from "../config.js";
import { GERMAN_STATES } from "../core/org/tenant-settings.js";
import { ConfigError, DataDirLockedError, KursError, MigrationError } from "../errors.js";
import { PROJECT_ROOT } from "../paths.js";
import { demoCommand } from "./demo.js";
import { importOrgCommand } from "./import-org.js";
import type { KpiCommandOptions } from "./kpi.js";
import {
  type CliLocale,
  type CliMessageKey,
  type CliText,
  cliText,
  langFromArgv,
  translateCommanderError,
} from "./messages.js";
import { migrateCommand } from "./migrate.js";
import { type TenantCommandOptions, tenantCommand } from "./tenant.js";

/** The version users install, read from package.json (the same file in a checkout and in the image). */
export function kursVersion(): string {
  const pkg: unknown = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"));
  const version = typeof pkg === "object" && pkg !== null ? (pkg as { version?: unknown }).version : undefined;
  return typeof version === "string" ? version : "unknown";
}

const HEADINGS: Readonly<Record<string, CliMessageKey>> = {
  "Usage:": "help.usage",
  "Options:": "help.options",
  "Commands:": "help.commands",
  "Arguments:": "help.arguments",
};

/** Every word of the help in the CLI's language, commander's own headings and hints included. */
function localise(cmd: Command, t: CliText): Command {
  return cmd
    .helpOption("-h, --help", t("option.help"))
    .showHelpAfterError(t("help.after"))
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      outputError: (s, write) => write(translateCommanderError(s, t)),
    })
    .configureHelp({
      styleTitle: (title) => {
        const key = HEADINGS[title];
        return key ? t(key) : title;
      },
      optionDescription: (option) => describeOption(option, t),
      commandUsage: (c) => usageWords(defaultHelp.commandUsage(c), t),
      subcommandTerm: (c) => usageWords(defaultHelp.subcommandTerm(c), t),
    });
}

const defaultHelp = new Help();

/** Commander's "[options] [command]" in the usage lines, in the CLI's language. */
function usageWords(usage: string, t: CliText): string {
  return usage.replace("[options]", `[${t("help.optionsWord")}]`).replace("[command]", `[${t("help.command")}]`);
}

function describeOption(option: Option, t: CliText): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`${t("help.choices")}: ${option.argChoices.join(", ")}`);
  if (option.defaultValue !== undefined && (option.required || option.optional)) {
    extra.push(`${t("help.default")}: ${String(option.defaultValue)}`);
  }
  return extra.length > 0 ? `${option.description} (${extra.join("; ")})` : option.description;
}

export function buildProgram(locale: CliLocale = cliLocale()): Command {
  const t = cliText(locale);
  const program = localise(new Command("kurs"), t)
    .description(t("program.description"))
    .version(kursVersion(), "-v, --version", t("option.version"))
    .helpCommand(`help [${t("help.command")}]`, t("command.help"));
  const lang = () => new Option("--lang <de|en>", t("option.lang")).choices(["de", "en"]);
  const sub = (name: string) => localise(program.command(name), t);

  sub("migrate")
    .description(t("migrate.description"))
    .addOption(lang())
    .action((opts: { lang?: CliLocale }) => migrateCommand(opts));

  const importCmd = sub("import").description(t("import.description"));
  localise(importCmd.command("org"), t)
    .description(t("importOrg.description"))
    .argument(`<${t("importOrg.fileArg")}>`, t("importOrg.file"))
    .addOption(new Option("--tenant <slug>", t("option.tenant")).default("default"))
    .addOption(lang())
    .action((file: string, opts: { tenant: string; lang?: CliLocale }) => importOrgCommand(file, opts));
  localise(importCmd.command("tickets"), t)
    .description(t("importTickets.description"))
    .argument(`<${t("importOrg.fileArg")}>`, t("importOrg.file"))
    .option("--strict", t("importTickets.strict"))
    .addOption(new Option("--tenant <slug>", t("option.tenant")).default("default"))
    .addOption(lang())
    .action(async (file: string, opts: { tenant: string; strict?: boolean; lang?: CliLocale }) => {
      const { importTicketsCommand } = await import("./import-tickets.js");
      await importTicketsCommand(file, opts);
    });

  sub("kpi")
    .description(t("kpi.description"))
    .option("--unit <path>", t("kpi.unit"))
    .option("--week <YYYY-Www>", t("kpi.week"))
    .addOption(new Option("--format <json|text>", t("kpi.format")).choices(["json", "text"]).default("text"))
    .addOption(new Option("--tenant <slug>", t("option.tenant")).default("default"))
    .addOption(lang())
    .action(async (opts: KpiCommandOptions) => {
      const { kpiCommand } = await import("./kpi.js");
      await kpiCommand(opts);
    });

  sub("demo")
    .description(t("demo.description"))
    .addOption(new Option("--tenant <slug>", t("demo.tenant")).default("default"))
    .option("--me <email>", t("demo.me"))
    .addOption(lang())
    .action((opts: { tenant: string; me?: string; lang?: CliLocale }) => demoCommand(opts));

  sub("tenant")
    .description(t("tenant.description"))
    .addOption(new Option("--tenant <slug>", t("tenant.tenant")).default("default"))
    .option("--holiday-state <code>", t("tenant.holidayState", { states: GERMAN_STATES.join(" ") }))
    .option("--timezone <zone>", t("tenant.timezone"))
    .option("--formality <sie|du>", t("tenant.formality"))
    .option("--locale <de|en>", t("tenant.locale"))
    .option("--feedback-hr-access <on|off>", t("tenant.feedbackHrAccess"))
    .option("--teams-tenant-id <id>", t("tenant.teamsTenantId"))
    .option("--slack-team-id <id>", t("tenant.slackTeamId"))
    .option("--programme-start <YYYY-MM-DD|none>", t("tenant.programmeStart"))
    .option("--baseline-weeks <n>", t("tenant.baselineWeeks"))
    .option("--webhook-secret <secret|generate>", t("tenant.webhookSecret"))
    .option("--digest-channel <slack:C0123|teams:id>", t("tenant.digestChannel"))
    .option("--unit <path>", t("tenant.digestUnit"))
    .option("--map-group <group=path>", t("tenant.mapGroup"), (value: string, previous: string[] = []) => [
      ...previous,
      value,
    ])
    .option("--training-admin <email>", t("tenant.trainingAdmin"))
    .option("--remove-training-admin <email>", t("tenant.removeTrainingAdmin"))
    .addOption(lang())
    .action((opts: TenantCommandOptions) => tenantCommand(opts));

  sub("digest")
    .description(t("digest.description"))
    .option("--now", t("digest.now"))
    .addOption(new Option("--tenant <slug>", t("option.tenant")).default("default"))
    .addOption(lang())
    .action(async (opts: { tenant: string; now?: boolean; lang?: CliLocale }) => {
      const { digestCommand } = await import("./digest.js");
      await digestCommand(opts);
    });

  registerSurveyCommands(program, t, lang, (parent, name) => localise(parent.command(name), t));
  return program;
}

// Survey commands pull in statistics, CSV and mail libraries: loaded only when one of them runs.
const loadSurvey = () => import("./survey.js");

function registerSurveyCommands(
  program: Command,
  t: CliText,
  lang: () => Option,
  sub: (parent: Command, name: string) => Command,
): void {
  const tenant = () => new Option("--tenant <slug>", t("option.tenant")).default("default");
  const survey = sub(program, "survey").description(t("survey.description"));
  sub(survey, "create")
    .description(t("survey.create"))
    .requiredOption("--template <key>", t("survey.template"))
    .requiredOption("--title <text>", t("survey.title"))
    .option("--threshold <n>", t("survey.threshold"))
    .addOption(tenant())
    .addOption(lang())
    .action((opts: { template: string; title: string; threshold?: string; tenant: string; lang?: CliLocale }) =>
      loadSurvey().then((m) => m.surveyCreateCommand(opts)),
    );
  sub(survey, "wave")
    .description(t("survey.wave"))
    .argument("<survey>", t("survey.surveyArg"))
    .requiredOption("--key <key>", t("survey.key"))
    .requiredOption("--label <text>", t("survey.label"))
    .addOption(tenant())
    .addOption(lang())
    .action((id: string, opts: { key: string; label: string; tenant: string; lang?: CliLocale }) =>
      loadSurvey().then((m) => m.surveyWaveCommand(id, opts)),
    );
  sub(survey, "import")
    .description(t("survey.import"))
    .argument("<survey>", t("survey.surveyArg"))
    .argument("<wave>", t("survey.waveArg"))
    .argument("<file>", t("survey.fileArg"))
    .addOption(tenant())
    .addOption(lang())
    .action((id: string, wave: string, file: string, opts: { tenant: string; lang?: CliLocale }) =>
      loadSurvey().then((m) => m.surveyImportCommand(id, wave, file, opts)),
    );
  sub(survey, "links")
    .description(t("survey.links"))
    .argument("<survey>", t("survey.surveyArg"))
    .argument("<wave>", t("survey.waveArg"))
    .requiredOption("--customers <file>", t("survey.customers"))
    .option("--out <file>", t("survey.out"))
    .option("--expires-in-days <n>", t("survey.expires"), "30")
    .option("--renew", t("survey.renew"))
    .addOption(tenant())
    .addOption(lang())
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
          lang?: CliLocale;
        },
      ) => loadSurvey().then((m) => m.surveyLinksCommand(id, wave, opts)),
    );
  sub(survey, "report")
    .description(t("survey.report"))
    .argument("<survey>", t("survey.surveyArg"))
    .requiredOption("--format <json|md>", t("survey.format"))
    .option("--from <wave>", t("survey.from"))
    .option("--to <wave>", t("survey.to"))
    .addOption(tenant())
    .addOption(lang())
    .action((id: string, opts: { format: string; from?: string; to?: string; tenant: string; lang?: CliLocale }) =>
      loadSurvey().then((m) => m.surveyReportCommand(id, opts)),
    );
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const locale = langFromArgv(argv) ?? cliLocale();
  const t = cliText(locale);
  const program = buildProgram(locale);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    console.error(`kurs: ${describeError(err, t)}`);
    return 1;
  }
}

/** Errors in the CLI's language; the ones Kurs raises on purpose without a stack, others with it. */
function describeError(err: unknown, t: CliText): string {
  if (err instanceof ConfigError) return [t("error.config"), ...err.problems.map((p) => `  - ${p}`)].join("\n");
  if (err instanceof DataDirLockedError) {
    const [, dataDir = "", pid = ""] =
      /in (.+) is in use by another Kurs process \(pid (\d+)\)/.exec(err.message) ?? [];
    return dataDir ? t("error.dataDirLocked", { dataDir, pid }) : err.message;
  }
  if (err instanceof MigrationError) return t("error.migration", { message: err.message });
  if (err instanceof KursError) return err.message;
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  return t("error.unexpected", { message });
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
