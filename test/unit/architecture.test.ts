import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith(".ts") ? [path] : [];
  });
}

function imports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/^\s*(?:import|export)[^"']*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] ?? "");
}

describe("layering", () => {
  it("keeps src/core free of SDKs and of the database layer, so the domain runs anywhere", () => {
    const forbidden =
      /^(@slack\/|botbuilder|@microsoft\/|bullmq|ioredis|@prisma\/|pg$|express|pino)|\/(db|chat|web|queue|generated)\//;
    const offenders = files(join(PROJECT_ROOT, "src", "core")).flatMap((file) =>
      imports(file)
        .filter((spec) => forbidden.test(spec))
        .map((spec) => `${relative(PROJECT_ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("keeps Prisma out of handlers and job processors: they call core, which reaches the database through ports", () => {
    const sources = [...files(join(PROJECT_ROOT, "handlers")), ...files(join(PROJECT_ROOT, "jobs"))];
    const offenders = sources.flatMap((file) =>
      imports(file)
        .filter((spec) => /@prisma\/|generated\/prisma|src\/db\/(?!teams-conversation)/.test(spec))
        .map((spec) => `${relative(PROJECT_ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });
});
