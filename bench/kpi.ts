/**
 * `npm run bench:kpi`: a 1,000,000-ticket, 52-week, 20-team CSV is generated, imported through
 * `importTickets` (rows/s, RSS sampled while importing), then every unit's weekly KPIs are
 * computed through the repository and timed next to one hand-written SQL aggregate of the same
 * figures on the same PostgreSQL database, in the same run. Goals: import >= 50,000 rows/s with
 * flat memory; KPIs within 1.5x of the raw SQL and under 2 s. Reports; does not assert.
 * See bench/README.md.
 */
import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { importTickets } from "../src/core/kpis/import-tickets.js";
import { unitScopes, weeklyFigures } from "../src/core/kpis/kpis.js";
import { parseWeekKey, shiftWeek, weekRange } from "../src/core/kpis/weeks.js";
import { importOrg } from "../src/core/org/import-org.js";
import { openDatabase } from "../src/db/client.js";
import { PrismaOrgRepository } from "../src/db/org-repository.js";
import { PrismaTenantRepository } from "../src/db/tenant-repository.js";
import { PrismaTicketRepository } from "../src/db/ticket-repository.js";

const USAGE = `Usage: npm run bench:kpi -- [options]
  --tickets N   tickets in the generated CSV (default 1000000)
  --runs N      timed runs of each KPI computation (default 5; the median is reported)
  --keep        keep the benchmark database (kurs_bench_kpi) and CSV afterwards
Environment: BENCH_POSTGRES_URL (admin URL, default postgresql://postgres@127.0.0.1:5432/postgres)`;

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const TIMEZONE = "Europe/Berlin";
const FIRST_WEEK = "2025-W01";
const WEEKS = 52;
const AREAS = 4;
const TEAMS_PER_AREA = 5;
const HOUR = 3_600_000;

const { values } = parseArgs({
  options: {
    tickets: { type: "string", default: "1000000" },
    runs: { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const TICKETS = Number(values.tickets);
const RUNS = Number(values.runs);
if (!Number.isInteger(TICKETS) || TICKETS < 1 || !Number.isInteger(RUNS) || RUNS < 1) {
  console.error(USAGE);
  process.exit(2);
}

const company = "Bench AG";
const teamPaths: string[] = [];
for (let a = 1; a <= AREAS; a++)
  for (let t = 1; t <= TEAMS_PER_AREA; t++) teamPaths.push(`${company}/Bereich ${a}/Team ${a}.${t}`);

/** Deterministic pseudo-random numbers (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function writeCsv(path: string, start: Date, end: Date): Promise<void> {
  const out = createWriteStream(path);
  const rnd = random(42);
  const span = end.getTime() - start.getTime();
  out.write("ticket_id,team_path,created_at,first_response_at,resolved_at,due_at,reopened_count,status\n");
  let chunk: string[] = [];
  for (let i = 1; i <= TICKETS; i++) {
    const team = teamPaths[Math.floor(rnd() * teamPaths.length)] ?? company;
    const opened = start.getTime() + Math.floor(rnd() * span);
    const first = rnd() < 0.9 ? new Date(opened + rnd() * 8 * HOUR).toISOString() : "";
    const hours = Math.exp(Math.log(24) + 0.9 * (rnd() + rnd() + rnd() - 1.5) * 2);
    const resolvedAt = opened + hours * HOUR;
    const resolved = rnd() < 0.97 && resolvedAt < end.getTime() ? new Date(resolvedAt).toISOString() : "";
    const due = rnd() < 0.8 ? new Date(opened + 48 * HOUR).toISOString() : "";
    const reopened = rnd() < 0.1 ? 1 : 0;
    chunk.push(
      `T${i},${team},${new Date(opened).toISOString()},${first},${resolved},${due},${reopened},${resolved ? "closed" : "open"}`,
    );
    if (chunk.length === 10_000) {
      if (!out.write(`${chunk.join("\n")}\n`)) await once(out, "drain");
      chunk = [];
    }
  }
  out.write(chunk.length > 0 ? `${chunk.join("\n")}\n` : "");
  out.end();
  await once(out, "finish");
}

// The same figures as the repository's three queries, written by hand as one statement: the unit
// tree by a recursive CTE, weeks by date_trunc on local time, the backlog by a running sum.
const RAW_SQL = `
WITH RECURSIVE tree AS (
  SELECT id AS unit, id AS member FROM "OrgUnit" WHERE "tenantId" = $1::uuid
  UNION ALL
  SELECT tree.unit, c.id FROM tree JOIN "OrgUnit" c ON c."parentId" = tree.member
), created AS (
  SELECT tree.unit, date_trunc('week', k."openedAt" AT TIME ZONE $4) AS wk, count(*) AS created,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (k."firstResponseAt" - k."openedAt")) / 3600) AS frt
  FROM "Ticket" k JOIN tree ON tree.member = k."unitId"
  WHERE k."tenantId" = $1::uuid AND k."openedAt" >= $2::timestamptz AND k."openedAt" < $3::timestamptz
  GROUP BY 1, 2
), resolved AS (
  SELECT tree.unit, date_trunc('week', k."resolvedAt" AT TIME ZONE $4) AS wk, count(*) AS resolved,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (k."resolvedAt" - k."openedAt")) / 3600) AS p50,
         percentile_cont(0.9) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (k."resolvedAt" - k."openedAt")) / 3600) AS p90,
         count(*) FILTER (WHERE k."dueAt" IS NOT NULL) AS with_due,
         count(*) FILTER (WHERE k."resolvedAt" <= k."dueAt") AS on_time,
         count(*) FILTER (WHERE k."reopenedCount" = 0) AS first_time
  FROM "Ticket" k JOIN tree ON tree.member = k."unitId"
  WHERE k."tenantId" = $1::uuid AND k."resolvedAt" >= $2::timestamptz AND k."resolvedAt" < $3::timestamptz
  GROUP BY 1, 2
), before AS (
  SELECT tree.unit, count(*) AS created_before, count(*) FILTER (WHERE k."resolvedAt" < $2::timestamptz) AS resolved_before
  FROM "Ticket" k JOIN tree ON tree.member = k."unitId"
  WHERE k."tenantId" = $1::uuid AND k."openedAt" < $2::timestamptz
  GROUP BY 1
)
SELECT unit, wk, coalesce(c.created, 0) AS created, coalesce(r.resolved, 0) AS resolved, c.frt, r.p50, r.p90,
       r.with_due, r.on_time, r.first_time,
       coalesce(b.created_before, 0) - coalesce(b.resolved_before, 0)
         + sum(coalesce(c.created, 0) - coalesce(r.resolved, 0)) OVER (PARTITION BY unit ORDER BY wk) AS backlog
FROM created c FULL JOIN resolved r USING (unit, wk) LEFT JOIN before b USING (unit)`;

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

const mb = (bytes: number): string => `${Math.round(bytes / 1048576)} MB`;

/**
 * CPU time of this process and of the database's server processes (Linux /proc, PostgreSQL on
 * this machine). On a shared machine wall time mostly measures the neighbours; CPU time says
 * what the work itself costs. A server process that ends in between takes its time with it, so
 * the PostgreSQL figure is a lower bound.
 */
interface CpuSnapshot {
  readonly node: number;
  readonly backends: ReadonlyMap<number, number>;
}

async function cpuSnapshot(admin: pg.Client, dbName: string): Promise<CpuSnapshot> {
  const usage = process.cpuUsage();
  const { rows } = await admin.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE datname = $1", [dbName]);
  const backends = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1]?.split(" ") ?? [];
      // utime and stime, in clock ticks of 1/100 s
      backends.set(pid, (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100);
    } catch {
      // ended in between
    }
  }
  return { node: (usage.user + usage.system) / 1e6, backends };
}

/** Seconds of CPU between two snapshots; a backend that started in between counts in full. */
function cpuBetween(before: CpuSnapshot, after: CpuSnapshot): { node: number; postgres: number } {
  let postgres = 0;
  for (const [pid, seconds] of after.backends) postgres += seconds - (before.backends.get(pid) ?? 0);
  return { node: after.node - before.node, postgres };
}

async function main(): Promise<void> {
  const dbName = "kurs_bench_kpi";
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  const dir = await mkdtemp(join(os.tmpdir(), "kurs-bench-kpi-"));
  const db = await openDatabase({ kind: "postgres", url });
  const raw = new pg.Pool({ connectionString: url, max: 1 });
  // Dropping the database at the end ends any connection still idle in a pool; that is expected.
  raw.on("error", () => undefined);
  try {
    await db.migrate();
    const tenant = await new PrismaTenantRepository(db.prisma).ensure({ slug: "bench", name: "Bench" });
    const people = [
      "email,name,role,unit_path,manager_email",
      `gf@bench.de,Geschäftsführung,managing_director,${company},`,
      ...teamPaths.map((path, i) => `tl${i}@bench.de,Teamleitung ${i},team_lead,${path},gf@bench.de`),
    ].join("\n");
    const org = await importOrg(new PrismaOrgRepository(db.prisma), tenant.id, people);
    if (!org.ok) throw new Error(`org import failed: ${JSON.stringify(org.problems.slice(0, 3))}`);

    const first = parseWeekKey(FIRST_WEEK, TIMEZONE);
    if (!first) throw new Error("bad first week");
    const weeks = weekRange(first, shiftWeek(first, WEEKS - 1, TIMEZONE), TIMEZONE);
    const from = first.start;
    const to = weeks.at(-1)?.end ?? first.end;

    const csv = join(dir, "tickets.csv");
    let t0 = performance.now();
    await writeCsv(csv, from, to);
    const size = (await stat(csv)).size;
    console.log(
      `generated ${TICKETS.toLocaleString("en")} tickets (${mb(size)}) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const tickets = new PrismaTicketRepository(db.prisma, db.sql);
    const samples: number[] = [];
    const atProgress: { rows: number; rss: number }[] = [];
    const sampler = setInterval(() => samples.push(process.memoryUsage.rss()), 100);
    const rssBefore = process.memoryUsage.rss();
    let nextMark = TICKETS / 10;
    let problems = 0;
    // One warm connection first, so the backend that does the upserts is there to be measured.
    await db.sql.query("SELECT 1");
    const cpuBefore = await cpuSnapshot(admin, dbName);
    t0 = performance.now();
    const outcome = await importTickets(tickets, () => createReadStream(csv, { highWaterMark: 256 * 1024 }), {
      tenantId: tenant.id,
      timezone: TIMEZONE,
      strict: false,
      onProblem: () => {
        problems++;
      },
      onProgress: (rows) => {
        if (rows >= nextMark) {
          atProgress.push({ rows, rss: process.memoryUsage.rss() });
          nextMark += TICKETS / 10;
        }
      },
    });
    const importSeconds = (performance.now() - t0) / 1000;
    const importCpu = cpuBetween(cpuBefore, await cpuSnapshot(admin, dbName));
    clearInterval(sampler);
    if (problems > 0 || outcome.result.inserted !== TICKETS) {
      throw new Error(`import went wrong: ${problems} problems, ${JSON.stringify(outcome.result)}`);
    }
    await raw.query(`ANALYZE "Ticket"`);

    const units = await new PrismaOrgRepository(db.prisma).units(tenant.id);
    const scopes = unitScopes(units);
    const kurs = async () => {
      const result = await tickets.weeklyAggregates({
        tenantId: tenant.id,
        units: scopes,
        from,
        to,
        timezone: TIMEZONE,
      });
      return weeklyFigures(
        result,
        units.map((u) => u.id),
        weeks,
      );
    };
    const handWritten = async () =>
      (await raw.query(RAW_SQL, [tenant.id, from.toISOString(), to.toISOString(), TIMEZONE])).rows as {
        unit: string;
        created: string;
        resolved: string;
      }[];

    // Both answer the same question: check a figure before timing anything.
    const [ours, theirs] = [await kurs(), await handWritten()];
    const root = units.find((u) => u.parentId === null);
    const ourCreated = [...(ours.get(root?.id ?? "")?.values() ?? [])].reduce((s, f) => s + f.created, 0);
    const theirCreated = theirs.filter((r) => r.unit === root?.id).reduce((s, r) => s + Number(r.created), 0);
    if (ourCreated !== theirCreated || ourCreated !== TICKETS) {
      throw new Error(`the two computations disagree: ${ourCreated} vs ${theirCreated}`);
    }

    const kursTimes: number[] = [];
    const rawTimes: number[] = [];
    const kursCpu: number[] = [];
    const rawCpu: number[] = [];
    const cpuOf = async (work: () => Promise<unknown>): Promise<[number, number]> => {
      const before = await cpuSnapshot(admin, dbName);
      const start = performance.now();
      await work();
      const ms = performance.now() - start;
      const cpu = cpuBetween(before, await cpuSnapshot(admin, dbName));
      return [ms, (cpu.node + cpu.postgres) * 1000];
    };
    for (let i = 0; i < RUNS; i++) {
      const [rMs, rCpu] = await cpuOf(handWritten);
      rawTimes.push(rMs);
      rawCpu.push(rCpu);
      const [kMs, kCpu] = await cpuOf(kurs);
      kursTimes.push(kMs);
      kursCpu.push(kCpu);
    }
    const k = median(kursTimes);
    const r = median(rawTimes);

    console.log("");
    console.log(
      `machine: ${os.cpus().length} cores, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    console.log(
      `import: ${TICKETS.toLocaleString("en")} rows in ${importSeconds.toFixed(1)} s = ${Math.round(TICKETS / importSeconds).toLocaleString("en")} rows/s (goal >= 50,000)`,
    );
    console.log(
      `  CPU: Node ${importCpu.node.toFixed(1)} s + PostgreSQL ${importCpu.postgres.toFixed(1)} s = ${Math.round(TICKETS / (importCpu.node + importCpu.postgres)).toLocaleString("en")} rows per CPU second`,
    );
    console.log(
      `  RSS before ${mb(rssBefore)}, peak ${mb(Math.max(...samples))}; at each tenth of the file: ${atProgress.map((p) => mb(p.rss)).join(", ")}`,
    );
    console.log(`KPIs of all ${units.length} units x ${WEEKS} weeks (median of ${RUNS}):`);
    console.log(
      `  Kurs (repository + weeklyFigures): ${k.toFixed(0)} ms   runs: ${kursTimes.map((x) => x.toFixed(0)).join(", ")}`,
    );
    console.log(
      `  hand-written SQL:                  ${r.toFixed(0)} ms   runs: ${rawTimes.map((x) => x.toFixed(0)).join(", ")}`,
    );
    console.log(`  ratio ${(k / r).toFixed(2)}x (goal <= 1.5x), Kurs ${k < 2000 ? "under" : "over"} 2 s`);
    console.log(
      `  CPU time (Node + PostgreSQL, median): Kurs ${median(kursCpu).toFixed(0)} ms, hand-written SQL ${median(rawCpu).toFixed(0)} ms`,
    );
  } finally {
    await raw.end();
    await db.close();
    if (!values.keep) {
      await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await rm(dir, { recursive: true, force: true });
    } else console.log(`kept database ${dbName} and ${dir}`);
    await admin.end();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
