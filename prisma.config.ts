import { defineConfig } from "prisma/config";

// Prisma 7 keeps connection details out of schema.prisma. Kurs applies migrations with its
// own migrator (src/db/migrator.ts), so the CLI only needs the schema path for `generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
