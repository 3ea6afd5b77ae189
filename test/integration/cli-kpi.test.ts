import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaTicketRepository } from "../../src/db/ticket-repository.js";
import { createKpiTenant, KPI_TICKETS_CSV, type KpiTenant } from "../fixtures/kpi-tickets.js";
import { runKurs } from "../helpers/run-cli.js";

let db: Database;
let dir: string;
let fixture: KpiTenant;
const env = () => ({ DATABASE_URL: inject("databaseUrl") });

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  fixture = await createKpiTenant(db);
  dir = await mkdtemp(join(tmpdir(), "kurs-cli-kpi-"));
});

afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

// Every step is a real `kurs` process; on a loaded 2-core machine each start takes seconds.
describe("kurs import tickets and kurs kpi", { timeout: 240_000 }, () => {
  it("maps a group, imports a file twice with the same result and prints the week as JSON", async () => {
    const slug = fixture.tenant.slug;
    const mapped = await runKurs(
      ["tenant", "--tenant", slug, "--map-group", `2nd Level Netz=${fixture.company}/Service/Netz`],
      env(),
    );
    expect(mapped.stderr).toBe("");
    expect(mapped.stdout).toContain(`Service-Desk-Gruppe „2nd Level Netz“ → ${fixture.company}/Service/Netz`);

    const csv = await file("tickets.csv", KPI_TICKETS_CSV(fixture.company));
    const first = await runKurs(["import", "tickets", csv, "--tenant", slug], env());
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("23 Zeilen gelesen, 23 neu, 0 geändert, 0 unverändert");
    const again = await runKurs(["import", "tickets", csv, "--tenant", slug], env());
    expect(again.stdout).toContain("23 Zeilen gelesen, 0 neu, 0 geändert, 23 unverändert");

    const args = ["kpi", "--tenant", slug, "--unit", `${fixture.company}/Service/Desk`, "--week", "2026-W10"];
    const result = await runKurs([...args, "--format", "json"], env());
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual([
      "unit",
      "week",
      "timezone",
      "created",
      "resolved",
      "processing_time_hours",
      "first_response_hours",
      "deadline_compliance",
      "resolution_rate",
      "first_time_resolution",
      "backlog",
      "enough_data",
      "baseline",
      "previous_week",
    ]);
    expect(report).toMatchObject({
      unit: `${fixture.company}/Service/Desk`,
      week: "2026-W10",
      timezone: "Europe/Berlin",
      created: 6,
      resolved: 5,
      processing_time_hours: { median: 24, p90: 52.8 },
      deadline_compliance: 0.5,
      backlog: 2,
      enough_data: true,
      baseline: null,
      previous_week: { created: 1, resolved: 0, enough_data: false, resolution_rate: null },
    });
    const company = JSON.parse(
      (await runKurs(["kpi", "--tenant", slug, "--week", "2026-W10", "--format", "json"], env())).stdout,
    );
    expect(company).toMatchObject({ unit: fixture.company, created: 10, resolved: 9 });
  });

  it("sets the baseline and the webhook secret, and shows only that a secret is set", async () => {
    const slug = fixture.tenant.slug;
    const set = await runKurs(
      [
        "tenant",
        "--tenant",
        slug,
        "--programme-start",
        "2026-03-11",
        "--baseline-weeks",
        "2",
        "--webhook-secret",
        "generate",
      ],
      env(),
    );
    expect(set.code).toBe(0);
    const secret = /Webhook-Geheimnis \(nur jetzt sichtbar\): (\S+)/.exec(set.stdout)?.[1];
    expect(secret?.length).toBeGreaterThanOrEqual(40);
    expect(await new PrismaTicketRepository(db.prisma, db.sql).webhookSecret(fixture.tenant.id)).toBe(secret);
    const shown = await runKurs(["tenant", "--tenant", slug], env());
    expect(shown.stdout).toContain("Programmstart (Basislinie davor): 2026-03-11");
    expect(shown.stdout).toContain("Webhook-Geheimnis: gesetzt");
    expect(shown.stdout).not.toContain(secret ?? "-");
    const bad = await runKurs(
      [
        "tenant",
        "--tenant",
        slug,
        "--programme-start",
        "11.03.2026",
        "--baseline-weeks",
        "0",
        "--webhook-secret",
        "kurz",
      ],
      env(),
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("Programmstart „11.03.2026“ ist kein Datum");
    expect(bad.stderr).toContain("Wochen der Basislinie „0“");
    expect(bad.stderr).toContain("mindestens 32 Zeichen");
  });

  it("lists every bad row with its line, and with --strict imports nothing", async () => {
    const slug = fixture.tenant.slug;
    const csv = await file(
      "bad.csv",
      [
        "ticket_id;team_path;created_at;resolved_at",
        `C1;${fixture.company}/Service/Desk;2026-06-01T08:00:00Z;`,
        `C2;Gibt es nicht;2026-06-01T08:00:00Z;`,
        `C3;${fixture.company}/Service/Desk;01.06.2026 08:00;`,
      ].join("\n"),
    );
    const strict = await runKurs(["import", "tickets", csv, "--strict", "--tenant", slug], env());
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("Zeile 3: „Gibt es nicht“ ist weder ein Pfad im Organigramm");
    expect(strict.stderr).toContain("Zeile 4: created_at: „01.06.2026 08:00“ ist keine Zeit nach ISO 8601");
    expect(strict.stderr).toContain("Nichts importiert (--strict): 2 Zeilen sind fehlerhaft.");
    const week = ["kpi", "--tenant", slug, "--unit", `${fixture.company}/Service/Desk`, "--week", "2026-W23"];
    expect(JSON.parse((await runKurs([...week, "--format", "json"], env())).stdout).created).toBe(0);

    const lenient = await runKurs(["import", "tickets", csv, "--tenant", slug, "--lang", "en"], env());
    expect(lenient.code).toBe(1);
    expect(lenient.stdout).toContain("3 rows read, 1 new");
    expect(lenient.stderr).toContain("2 rows are broken and were skipped.");
    expect(JSON.parse((await runKurs([...week, "--format", "json"], env())).stdout).created).toBe(1);
  });

  it("answers bad input with a clear message and a non-zero exit", async () => {
    const slug = fixture.tenant.slug;
    const missing = await runKurs(["import", "tickets", join(dir, "nope.csv"), "--tenant", slug], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("cannot read");
    const header = await runKurs(["import", "tickets", await file("h.csv", "id,team\n1,2\n"), "--tenant", slug], env());
    expect(header.code).toBe(1);
    expect(header.stderr).toContain("Zeile 1: Pflichtspalten fehlen: ticket_id, team_path, created_at");
    expect(header.stderr).toContain("Die Kopfzeile passt nicht");
    const week = await runKurs(["kpi", "--tenant", slug, "--week", "2026-W60", "--format", "json"], env());
    expect(week.code).toBe(1);
    expect(week.stderr).toContain("„2026-W60“ ist keine ISO-Kalenderwoche");
    const unit = await runKurs(["kpi", "--tenant", slug, "--unit", "Nirgendwo", "--format", "json"], env());
    expect(unit.code).toBe(1);
    expect(unit.stderr).toContain("Eine Einheit „Nirgendwo“ gibt es nicht.");
    const format = await runKurs(["kpi", "--format", "xml"], env());
    expect(format.code).toBe(2);
    const help = await runKurs(["import", "tickets", "--help"], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--strict");
    expect((await runKurs(["kpi", "--help"], env())).stdout).toContain("--week <YYYY-Www>");
  });
});
