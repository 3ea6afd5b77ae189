/**
 * `npm run bench`: how long Kurs takes to ack `/kurs` through its real HTTP receiver, next to a
 * bare Bolt app acking the same request in the same run. Goal: p99 within 1.5x of bare Bolt.
 * A benchmark reports; it does not assert: exit 0 whatever the figures, non-zero on errors.
 * See bench/README.md.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { App, ExpressReceiver } from "@slack/bolt";
import { Redis } from "ioredis";
import pg from "pg";
import { createKurs, type Kurs } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import { createTestTenant } from "../test/helpers/tenant-fixture.js";
import { type BenchUser, LoadClient, type LoadClientApi, type Reply, type RunRequest } from "./load-client.js";

const SIGNING_SECRET = "bench-signing-secret-0123456789";
const BOT_TOKEN = "xoxb-bench";
const GOAL = 1.5;
/** Sequential requests alternate between the targets in blocks of this many. */
const SEQUENTIAL_BLOCK = 50;

const USAGE = `Usage: npm run bench -- [options]
  --requests N         sequential requests per target (default 1000)
  --burst-requests N   requests per target sent in bursts (default 2 x --requests)
  --concurrency C      requests per burst (default 50)
  --warmup N           warm-up requests per target, not measured, half before each phase (default 200)
  --pglite             embedded PGlite in a temp directory instead of a throwaway PostgreSQL database
  --samples FILE       also write every measured latency (ms, in send order) to FILE as JSON
  --client MODE        process (default): load client + FakeSlack in a child process;
                       inline: in this process, sharing the servers' event loop
Environment: BENCH_POSTGRES_URL (admin URL, default postgresql://postgres@127.0.0.1:5432/postgres),
             BENCH_REDIS_URL (default redis://127.0.0.1:6379)`;

interface Options {
  readonly requests: number;
  readonly burstRequests: number;
  readonly concurrency: number;
  readonly warmup: number;
  readonly pglite: boolean;
  readonly client: "process" | "inline";
  readonly samples: string | undefined;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      requests: { type: "string" },
      "burst-requests": { type: "string" },
      concurrency: { type: "string" },
      warmup: { type: "string" },
      pglite: { type: "boolean", default: false },
      client: { type: "string", default: "process" },
      samples: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const count = (name: string, raw: string | undefined, fallback: number, min: number): number => {
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min} (got "${raw}")`);
    return n;
  };
  const requests = count("requests", values.requests, 1000, 1);
  if (values.client !== "process" && values.client !== "inline") {
    throw new Error(`--client must be "process" or "inline" (got "${values.client}")`);
  }
  return {
    requests,
    burstRequests: count("burst-requests", values["burst-requests"], 2 * requests, 1),
    concurrency: count("concurrency", values.concurrency, 50, 1),
    warmup: count("warmup", values.warmup, 200, 0),
    pglite: values.pglite,
    client: values.client,
    samples: values.samples,
  };
}

// ---- load client in a child process -------------------------------------------------------------

/** LoadClientApi over IPC to bench/load-client.ts forked with KURS_BENCH_CLIENT=1. */
class ChildLoadClient implements LoadClientApi {
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    readonly apiUrl: string,
  ) {
    child.on("message", (reply: Reply) => {
      if (reply.kind === "ready") return;
      const call = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.kind === "result") call?.resolve(reply.value);
      else call?.reject(new Error(`load client: ${reply.message}`));
    });
    child.on("exit", (code) => {
      for (const call of this.pending.values()) call.reject(new Error(`load client exited with ${code}`));
      this.pending.clear();
    });
  }

  static start(): Promise<ChildLoadClient> {
    const child = fork(fileURLToPath(new URL("./load-client.ts", import.meta.url)), [], {
      env: { ...process.env, KURS_BENCH_CLIENT: "1" },
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load client exited with ${code} before it was ready`));
      child.once("exit", onExit);
      child.once("error", reject);
      child.once("message", (reply: Reply) => {
        child.off("exit", onExit);
        if (reply.kind === "ready") resolve(new ChildLoadClient(child, reply.apiUrl));
        else reject(new Error(`load client: unexpected first message ${JSON.stringify(reply)}`));
      });
    });
  }

  addUsers(users: readonly BenchUser[]): Promise<void> {
    return this.call({ op: "addUsers", users }) as Promise<void>;
  }

  run(request: RunRequest): Promise<number[]> {
    return this.call({ op: "run", request }) as Promise<number[]>;
  }

  apiCalls(): Promise<Record<string, number>> {
    return this.call({ op: "apiCalls" }) as Promise<Record<string, number>>;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    await this.call({ op: "stop" }).catch(() => undefined);
    this.child.disconnect();
    await exited;
  }

  private call(message: Record<string, unknown>): Promise<unknown> {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ ...message, id });
    });
  }
}

// ---- statistics and output -----------------------------------------------------------------------

interface Stats {
  readonly n: number;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
}

/** Nearest-rank percentile. */
function percentile(sorted: readonly number[], p: number): number {
  const value = sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  if (value === undefined) throw new Error("no samples");
  return value;
}

function stats(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: percentile(sorted, 1),
  };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) => r.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  "))
    .join("\n");
}

const ms = (v: number) => v.toFixed(2);
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

/** BullMQ writes a queue's meta key as soon as the producer exists; a bench leaves nothing behind. */
async function deleteKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

// ---- the run -----------------------------------------------------------------------------------

type Target = "bare" | "kurs";
type Mode = RunRequest["mode"];

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions();
  } catch (err) {
    console.error(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const cleanups: { name: string; run: () => Promise<unknown> }[] = [];
  const onExit = (name: string, run: () => Promise<unknown>) => cleanups.unshift({ name, run });
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
  };
  process.once("SIGINT", interrupt);
  process.once("SIGTERM", interrupt);
  const check = () => {
    if (interrupted) throw new Error("interrupted");
  };

  try {
    const client: LoadClientApi =
      options.client === "process" ? await ChildLoadClient.start() : await LoadClient.start();
    onExit("load client", () => client.stop());

    // Kurs is configured only from this object (not the caller's environment), as a user would set it up.
    const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
    const queuePrefix = `kurs-bench-${process.pid}`;
    const env: Record<string, string> = {
      PORT: "0",
      LOG_LEVEL: "silent",
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: client.apiUrl,
    };
    let database: string;
    if (options.pglite) {
      const dataDir = await mkdtemp(join(os.tmpdir(), "kurs-bench-"));
      onExit("PGlite data directory", () => rm(dataDir, { recursive: true, force: true }));
      env.DATA_DIR = dataDir;
      database = `PGlite in ${dataDir}`;
    } else {
      // A throwaway database, never a shared one: Kurs migrates it and the bench adds a tenant.
      const adminUrl = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
      const name = `kurs_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect().catch((err: unknown) => {
        throw new Error(`PostgreSQL is not reachable at ${adminUrl} (set BENCH_POSTGRES_URL, or use --pglite)`, {
          cause: err,
        });
      });
      onExit("admin connection", () => admin.end());
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      onExit(`database ${name}`, () => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      env.DATABASE_URL = adminUrl.replace(/\/[^/]*$/, `/${name}`);
      database = `PostgreSQL ${name} (throwaway)`;
    }

    // Runs after Kurs stopped (cleanups run last-registered first), so nothing writes the keys again.
    onExit("Redis keys", () => deleteKeys(redisUrl, `${queuePrefix}:*`));
    const kurs: Kurs = await createKurs(loadConfig(env), createLogger("silent"), { web: true, worker: false });
    onExit("Kurs", () => kurs.stop());
    const kursPort = await kurs.listen();
    const org = await createTestTenant(kurs.db);
    const people = Object.values(org.people);
    const users: BenchUser[] = people.map((p, i) => ({
      id: p.slackUserId,
      email: p.email,
      locale: i % 2 === 0 ? "de-DE" : "en-GB",
      expect: p.name,
    }));
    await client.addUsers(users);

    const receiver = new ExpressReceiver({
      signingSecret: SIGNING_SECRET,
      endpoints: "/slack/events",
      processBeforeResponse: false,
    });
    const bare = new App({ token: BOT_TOKEN, receiver, clientOptions: { slackApiUrl: client.apiUrl } });
    bare.command("/kurs", async ({ ack }) => {
      await ack();
    });
    const bareServer = await receiver.start(0);
    onExit("bare Bolt app", () => receiver.stop());
    const barePort = (bareServer.address() as AddressInfo).port;

    const url: Record<Target, string> = {
      bare: `http://127.0.0.1:${barePort}/slack/events`,
      kurs: `http://127.0.0.1:${kursPort}/slack/events`,
    };
    const run = (target: Target, mode: Mode, count: number) =>
      client.run({
        url: url[target],
        signingSecret: SIGNING_SECRET,
        teamId: org.slackTeamId,
        users,
        mode,
        count,
        concurrency: options.concurrency,
        answers: target === "kurs",
      });

    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ");
    const cpus = os.cpus();
    console.log(
      `machine: ${cpus.length} CPUs (${cpus[0]?.model.trim() ?? "unknown"}), ${os.platform()} ${os.release()}, ` +
        `node ${process.version}, load average ${load()} (other work on the machine shows in the figures)`,
    );
    console.log(
      `setup:   ${database}; load client: ${options.client === "process" ? "child process" : "in-process"}; ` +
        `warm-up ${options.warmup}, sequential ${options.requests}, bursts of ${options.concurrency} x ${options.burstRequests} per target`,
    );

    // Targets alternate (ABBA) in blocks, so drift on a busy machine hits both alike.
    const samples: Record<Target, Record<Mode, number[]>> = {
      bare: { sequential: [], burst: [] },
      kurs: { sequential: [], burst: [] },
    };
    const measure = async (mode: Mode, total: number, block: number) => {
      // Each phase gets its own warm-up, right before it: JIT, users.info cache, and the sockets and
      // pooled database connections a burst needs, which go idle and close during a long sequential
      // phase. So both phases report steady state; bench/README.md covers the first burst after a pause.
      const warmup = mode === "sequential" ? Math.ceil(options.warmup / 2) : Math.floor(options.warmup / 2);
      for (const target of ["bare", "kurs"] as const) if (warmup > 0) await run(target, mode, warmup);
      for (let done = 0, i = 0; done < total; done += block, i++) {
        const size = Math.min(block, total - done);
        for (const target of i % 2 === 0 ? (["bare", "kurs"] as const) : (["kurs", "bare"] as const)) {
          check();
          samples[target][mode].push(...(await run(target, mode, size)));
        }
      }
    };
    await measure("sequential", options.requests, SEQUENTIAL_BLOCK);
    await measure("burst", options.burstRequests, options.concurrency);

    const modeName = (mode: Mode) => (mode === "sequential" ? "sequential" : `${options.concurrency} concurrent`);
    const result = (target: Target, mode: Mode) => stats(samples[target][mode]);
    const rows = [["target", "mode", "n", "median ms", "p99 ms", "max ms"]];
    for (const mode of ["sequential", "burst"] as const) {
      for (const target of ["bare", "kurs"] as const) {
        const s = result(target, mode);
        rows.push([
          target === "bare" ? "bare Bolt" : "Kurs",
          modeName(mode),
          String(s.n),
          ms(s.median),
          ms(s.p99),
          ms(s.max),
        ]);
      }
    }
    console.log(`\n${table(rows)}\n`);
    const ratioRows = [["Kurs / bare Bolt", "mode", "median", "p99", `p99 goal <= ${GOAL}x`]];
    for (const mode of ["sequential", "burst"] as const) {
      const k = result("kurs", mode);
      const b = result("bare", mode);
      ratioRows.push([
        "",
        modeName(mode),
        ratio(k.median, b.median),
        ratio(k.p99, b.p99),
        k.p99 <= GOAL * b.p99 ? "met" : "MISSED",
      ]);
    }
    console.log(table(ratioRows));
    console.log(`\nload average after: ${load()}`);
    if (options.samples) await writeFile(options.samples, `${JSON.stringify(samples)}\n`);
    const calls = await client.apiCalls();
    const answered = samples.kurs.sequential.length + samples.kurs.burst.length + options.warmup;
    console.log(
      `\nKurs answered all ${answered} /kurs through response_url with the requester's card; ` +
        `FakeSlack API calls: ${Object.entries(calls)
          .map(([method, n]) => `${method} ${n}`)
          .join(", ")}`,
    );
  } catch (err) {
    console.error("bench failed:", err);
    process.exitCode = 1;
  } finally {
    for (const { name, run } of cleanups) {
      await run().catch((err: unknown) => {
        console.error(`cleanup of ${name} failed:`, err);
        process.exitCode = 1;
      });
    }
    process.off("SIGINT", interrupt);
    process.off("SIGTERM", interrupt);
  }
}

await main();
