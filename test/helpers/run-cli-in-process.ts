import { runCli } from "../../src/cli/main.js";
import type { CliResult } from "./run-cli.js";

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `kurs …` in this process (the real command code, the real database), capturing what it
 * prints: a child process per call costs seconds on a busy CI machine. Calls run one at a time
 * because they share process.env and the standard streams.
 */
export function runKursInProcess(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const run = queue.then(() => runOnce(args, env));
  queue = run.catch(() => undefined);
  return run;
}

async function runOnce(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  const saved = { ...process.env };
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const log = console.log;
  const error = console.error;
  let stdout = "";
  let stderr = "";
  const toText = (chunk: unknown) => (typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString());
  process.stdout.write = ((chunk: unknown) => {
    stdout += toText(chunk);
    return true;
  }) as typeof process.stdout.write;
  process.stderr.write = ((chunk: unknown) => {
    stderr += toText(chunk);
    return true;
  }) as typeof process.stderr.write;
  console.log = (...parts: unknown[]) => {
    stdout += `${parts.map(String).join(" ")}\n`;
  };
  console.error = (...parts: unknown[]) => {
    stderr += `${parts.map(String).join(" ")}\n`;
  };
  for (const key of ["SMTP_URL", "SMTP_FROM", "PUBLIC_URL", "KURS_DEFAULT_LOCALE"]) delete process.env[key];
  Object.assign(process.env, { LOG_LEVEL: "silent" }, env);
  process.exitCode = undefined;
  try {
    const code = await runCli(args);
    return { code, stdout, stderr };
  } finally {
    process.exitCode = undefined;
    process.stdout.write = out;
    process.stderr.write = err;
    console.log = log;
    console.error = error;
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
