import { cliLocale } from "../config.js";
import { withDatabase } from "./context.js";
import { type CliLocale, cliText } from "./messages.js";

export async function migrateCommand(opts: { lang?: CliLocale } = {}): Promise<void> {
  const t = cliText(opts.lang ?? cliLocale());
  await withDatabase(async ({ db }) => {
    const result = await db.migrate();
    if (result.applied.length === 0) console.log(t("migrate.upToDate", { count: result.alreadyApplied }));
    else for (const name of result.applied) console.log(t("migrate.applied", { name }));
  });
}
