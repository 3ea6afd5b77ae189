import { withDatabase } from "./context.js";

export async function migrateCommand(): Promise<void> {
  await withDatabase(async ({ db }) => {
    const result = await db.migrate();
    if (result.applied.length === 0)
      console.log(`Database is up to date (${result.alreadyApplied} migrations applied).`);
    else for (const name of result.applied) console.log(`Applied ${name}`);
  });
}
