import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { importTickets } from "../../src/core/kpis/import-tickets.js";
import { type KpiFigures, type KpiReport, kpiReport } from "../../src/core/kpis/kpis.js";
import type { TicketProblem } from "../../src/core/kpis/ticket-fields.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaTicketRepository } from "../../src/db/ticket-repository.js";
import { createKpiTenant, KPI_TICKETS_CSV, type KpiTenant } from "../fixtures/kpi-tickets.js";

const NOW = new Date("2026-11-28T12:00:00Z");

const EMPTY_RATES = {
  processing_time_hours: { median: null, p90: null },
  first_response_hours: { median: null },
  deadline_compliance: null,
  resolution_rate: null,
  first_time_resolution: null,
  enough_data: false,
};

// Service/Desk in 2026-W10, worked out by hand (see the fixture's comments):
// resolved D1 2 h, D2 24 h, D3 4 h, D4 24 h, D5 72 h -> median 24, p90 24 + 0.6 * 48 = 52.8.
const DESK_W10: KpiFigures = {
  created: 6,
  resolved: 5,
  processing_time_hours: { median: 24, p90: 52.8 },
  // created in W10 with a first response: D1 1 h, D2 2 h, D4 0.5 h
  first_response_hours: { median: 1 },
  // with a due date: D1 on time, D2 late, D4 on time, D5 late
  deadline_compliance: 0.5,
  resolution_rate: 5 / 6,
  // not reopened: D1, D3, D4
  first_time_resolution: 0.6,
  // D6 and D7 (resolved only in W11)
  backlog: 2,
  enough_data: true,
};

function close(actual: KpiFigures, expected: KpiFigures): void {
  const round = (f: KpiFigures): unknown =>
    JSON.parse(JSON.stringify(f, (_k, v: unknown) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : v)));
  expect(round(actual)).toEqual(round(expected));
}

function figures(report: KpiReport): KpiFigures {
  const { unit: _u, week: _w, timezone: _t, baseline: _b, previous_week: _p, ...rest } = report;
  return rest;
}

describe.each(["postgres", "pglite"] as const)("service KPIs on %s", (kind) => {
  let db: Database;
  let dir: string | undefined;
  let fixture: KpiTenant;
  let tickets: PrismaTicketRepository;

  const report = async (unit: string, week: string): Promise<KpiReport> => {
    const outcome = await kpiReport(tickets, {
      tenantId: fixture.tenant.id,
      timezone: fixture.tenant.timezone,
      units: await new PrismaOrgRepository(db.prisma).units(fixture.tenant.id),
      settings: await tickets.kpiSettings(fixture.tenant.id),
      now: NOW,
      unitPath: unit === "" ? undefined : `${fixture.company}${unit}`,
      week,
    });
    if (!outcome.ok) throw new Error(`kpiReport failed: ${outcome.code}`);
    return outcome.report;
  };

  const importCsv = (csv: string, strict = false) => {
    const problems: TicketProblem[] = [];
    return importTickets(tickets, () => Readable.from([csv]), {
      tenantId: fixture.tenant.id,
      timezone: fixture.tenant.timezone,
      strict,
      batchSize: 7,
      onProblem: (p) => problems.push(p),
    }).then((outcome) => ({ ...outcome, problems }));
  };

  beforeAll(async () => {
    if (kind === "postgres") db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
    else {
      dir = await mkdtemp(join(tmpdir(), "kurs-kpi-pglite-"));
      db = await openDatabase({ kind: "pglite", dataDir: dir });
      await db.migrate();
    }
    fixture = await createKpiTenant(db);
    tickets = new PrismaTicketRepository(db.prisma, db.sql);
    const netz = (await tickets.targets(fixture.tenant.id)).paths.get(`${fixture.company}/Service/Netz`);
    if (!netz) throw new Error("fixture has no Netz team");
    await tickets.mapGroup(fixture.tenant.id, "2nd Level Netz", netz);
    const first = await importCsv(KPI_TICKETS_CSV(fixture.company));
    expect(first.problems).toEqual([]);
    expect(first.result).toEqual({ inserted: 23, updated: 0, unchanged: 0 });
  });

  afterAll(async () => {
    await db?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("computes a team's week as worked out by hand, with tickets spanning weeks and reopened ones", async () => {
    close(figures(await report("/Service/Desk", "2026-W10")), DESK_W10);
  });

  it("withholds the rates of a team with four resolved tickets", async () => {
    close(figures(await report("/Service/Netz", "2026-W10")), {
      ...EMPTY_RATES,
      created: 4,
      resolved: 4,
      backlog: 0,
    });
  });

  it("rolls the teams of an area and of the company up, with medians over all their tickets", async () => {
    // Desk and Netz resolved: 1, 2, 2, 3, 4, 4, 24, 24, 72 h -> median 4, p90 24 + 0.2 * 48 = 33.6
    const area: KpiFigures = {
      created: 10,
      resolved: 9,
      processing_time_hours: { median: 4, p90: 33.6 },
      first_response_hours: { median: 1 },
      deadline_compliance: 0.5,
      resolution_rate: 0.9,
      first_time_resolution: 7 / 9,
      backlog: 2,
      enough_data: true,
    };
    close(figures(await report("/Service", "2026-W10")), area);
    // Betrieb/RZ has nothing in W10, so the company is the sum of Service.
    close(figures(await report("", "2026-W10")), area);
  });

  it("shows an empty week as zero counts and null rates", async () => {
    close(figures(await report("/Betrieb/RZ", "2026-W10")), { ...EMPTY_RATES, created: 0, resolved: 0, backlog: 0 });
    const desk = await report("/Service/Desk", "2026-W20");
    // D6 and D8 are still open.
    close(figures(desk), { ...EMPTY_RATES, created: 0, resolved: 0, backlog: 2 });
  });

  it("cuts the week of the March DST change at local midnight and counts real hours", async () => {
    // W13: Mon 23 Mar 00:00 CET (22 Mar 23:00Z) to Mon 30 Mar 00:00 CEST (29 Mar 22:00Z).
    // R1 (29 Mar 21:30Z) and R4 (22 Mar 23:30Z) fall in it; R2 and R3 do not. R5-R9 took 23 h, not 24.
    const w13 = await report("/Betrieb/RZ", "2026-W13");
    expect(w13.created).toBe(7);
    expect(w13.resolved).toBe(5);
    expect(w13.processing_time_hours).toEqual({ median: 23, p90: 23 });
    expect(w13.previous_week.created).toBe(1);
    expect((await report("/Betrieb/RZ", "2026-W14")).created).toBe(1);
  });

  it("cuts the week of the October DST change at local midnight", async () => {
    // W43 ends Mon 26 Oct 00:00 CET = 25 Oct 23:00Z: R10 (22:30Z) is in it, R11 (23:30Z) is not.
    expect((await report("/Betrieb/RZ", "2026-W43")).created).toBe(1);
    expect((await report("/Betrieb/RZ", "2026-W44")).created).toBe(1);
  });

  it("compares with the previous week and the mean of the baseline weeks", async () => {
    // Programme start Wed 11 Mar (W11) with two baseline weeks: W09 and W10.
    await tickets.updateKpiSettings(fixture.tenant.id, { programmeStart: "2026-03-11", baselineWeeks: 2 });
    const w11 = await report("/Service/Desk", "2026-W11");
    // W11: D8 created, D7 resolved
    expect([w11.created, w11.resolved, w11.backlog, w11.enough_data]).toEqual([1, 1, 2, false]);
    close(w11.previous_week, DESK_W10);
    // W09: D5 created, nothing resolved; rates come from W10 alone, counts are means of both weeks.
    close(w11.baseline as KpiFigures, { ...DESK_W10, created: 3.5, resolved: 2.5, backlog: 1.5 });
    await tickets.updateKpiSettings(fixture.tenant.id, { programmeStart: null });
    expect((await report("/Service/Desk", "2026-W11")).baseline).toBeNull();
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await report("", "2026-W10");
    const again = await importCsv(KPI_TICKETS_CSV(fixture.company));
    expect(again.result).toEqual({ inserted: 0, updated: 0, unchanged: 23 });
    expect(await report("", "2026-W10")).toEqual(before);
  });

  it("reports every broken row with its line and imports the good ones", async () => {
    const csv = [
      "ticket_id,team_path,created_at,first_response_at,resolved_at,due_at,reopened_count,status",
      `X1,${fixture.company}/Service/Desk,2026-04-01T08:00:00Z,,,,0,open`,
      `X2,Nirgendwo,2026-04-01T08:00:00Z,,,,0,open`,
      `X3,${fixture.company}/Service/Desk,2026-02-30T08:00:00Z,,,,0,open`,
      `X4,${fixture.company}/Service/Desk,2026-04-01T08:00:00Z,,2026-03-31T08:00:00Z,,zwei,open`,
      `,${fixture.company}/Service/Desk,gestern,,,,0,open`,
      `X6,${fixture.company}/Service/Desk,2026-04-01T09:00:00Z,,,,,`,
    ].join("\n");
    const outcome = await importCsv(csv);
    expect(outcome.rows).toBe(6);
    expect(outcome.badRows).toBe(4);
    expect(outcome.result.inserted).toBe(2);
    expect(outcome.problems.map((p) => [p.line, p.code])).toEqual([
      [3, "team_path"],
      [4, "time"],
      [5, "before_created"],
      [5, "reopened_count"],
      [6, "ticket_id"],
      [6, "time"],
    ]);
  });

  it("imports nothing with --strict when a row is bad, and everything when none is", async () => {
    const good = `S1,${fixture.company}/Service/Desk,2026-05-01T08:00:00Z,,,,0,open`;
    const csv = ["ticket_id,team_path,created_at", good, "S2,Nirgendwo,2026-05-01T08:00:00Z"].join("\n");
    const strict = await importCsv(csv, true);
    expect(strict.aborted).toBe(true);
    expect(strict.problems.map((p) => p.line)).toEqual([3]);
    expect(strict.result.inserted).toBe(0);
    expect((await report("/Service/Desk", "2026-W18")).created).toBe(0);
    const fixed = await importCsv(["ticket_id,team_path,created_at", good].join("\n"), true);
    expect(fixed.result.inserted).toBe(1);
    expect((await report("/Service/Desk", "2026-W18")).created).toBe(1);
  });

  it("refuses a file without the required columns or with unknown ones", async () => {
    const missing = await importCsv("ticket_id,created_at\nA,2026-01-01T00:00:00Z");
    expect(missing.problems).toEqual([{ line: 1, code: "missing_columns", params: { columns: "team_path" } }]);
    expect(missing.aborted).toBe(true);
    const unknown = await importCsv("ticket_id,team_path,created_at,resolve_at\nA,B,C,D");
    expect(unknown.problems.map((p) => p.code)).toEqual(["unknown_columns"]);
    const broken = await importCsv(`ticket_id,team_path,created_at\n"Q1,${fixture.company}/Service/Desk,2026-01-01`);
    expect(broken.problems.map((p) => p.code)).toEqual(["syntax"]);
  });
});
