import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../src/paths.js";

/** Compiles dist/ the way `npm start` does (prestart), so the tests run what users run. */
export async function buildDist(): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [join(PROJECT_ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    {
      cwd: PROJECT_ROOT,
    },
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly url: string;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

/** Starts `node <entry>` (dist/src/main.js by default) with exactly the given environment. */
export async function startService(env: Record<string, string>, entry = "dist/src/main.js"): Promise<ServiceProcess> {
  const port = env.PORT ?? String(await freePort());
  const child = spawn(process.execPath, [join(PROJECT_ROOT, entry)], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", PORT: port, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}

/** Polls until the URL answers (any status) or the process exits. */
// Starting Node on a loaded two-core machine can take long; the deadline only stops a hung test.
export async function waitForHttp(service: ServiceProcess, path: string, timeoutMs = 240_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => {
    exited = true;
  });
  for (;;) {
    try {
      return await fetch(`${service.url}${path}`);
    } catch {
      if (exited) throw new Error(`service exited before answering ${path}:\n${service.output()}`);
      if (Date.now() > deadline) throw new Error(`service did not answer ${path} in time:\n${service.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
