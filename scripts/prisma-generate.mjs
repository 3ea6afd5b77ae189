#!/usr/bin/env node
// Runs `prisma generate` without letting the Prisma CLI fetch its native schema engine.
// generate never executes the engine, it only checks that PRISMA_SCHEMA_ENGINE_BINARY names
// a file; a stub that exits 1 makes any accidental migrate command fail loudly instead.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

let prismaCli;
try {
  prismaCli = require.resolve("prisma/build/index.js", { paths: [root] });
} catch {
  // Production installs (`npm ci --omit=dev`) carry the generated client already.
  console.log("kurs: prisma CLI not installed, skipping client generation");
  process.exit(0);
}

const stubDir = join(root, "node_modules", ".cache", "kurs");
const stub = join(stubDir, "schema-engine-offline-stub");
if (!existsSync(stub)) {
  mkdirSync(stubDir, { recursive: true });
  writeFileSync(
    stub,
    '#!/bin/sh\necho "kurs: the Prisma schema engine is not installed; use npm run db:migrate (the project\'s own migrator) or ../shared/tools/prisma-migrate-diff" >&2\nexit 1\n',
  );
  chmodSync(stub, 0o755);
}

const result = spawnSync(process.execPath, [prismaCli, "generate", "--schema", join(root, "prisma", "schema.prisma")], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
