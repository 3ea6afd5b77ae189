#!/usr/bin/env node
// The `kurs` command. In a development checkout (tsx installed) it runs the TypeScript sources,
// so it never uses a stale build; in a production image (no dev dependencies) it runs dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
const built = new URL("../dist/src/cli/main.js", import.meta.url);

let tsx;
try {
  tsx = await import("tsx/esm/api");
} catch {
  tsx = undefined;
}
if (tsx && existsSync(source)) {
  tsx.register();
  await import(source.href);
} else if (existsSync(built)) {
  await import(built.href);
} else {
  console.error("kurs: not built yet; run `npm run build` first");
  process.exit(1);
}
