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
    .option(
      "--teams-tenant-id <id>",
      "connect this Microsoft Teams tenant (its directory id); needed for a MultiTenant app registration",
    )
    .option("--slack-team-id <id>", "connect this Slack workspace (its team id, T…)")
    .addOption(new Option("--lang <de|en>", "language of the output").choices(["de", "en"]))
    .action((opts: TenantCommandOptions) => tenantCommand(opts));

  return program;
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
