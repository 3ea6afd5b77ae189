import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A throwaway PostgreSQL database for tests that need an empty schema (migrations). */
export async function createTempDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = inject("databaseUrl");
  const adminUrl = base.replace(/\/[^/]*$/, "/postgres");
  const name = `kurs_tmp_${randomUUID().replace(/-/g, "").slice(0, 12)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: base.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
