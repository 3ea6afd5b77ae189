import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { runKurs } from "../helpers/run-cli.js";
import { createTempDatabase } from "../helpers/temp-database.js";

let temp: { url: string; drop(): Promise<void> };
let db: Database;

beforeAll(async () => {
  temp = await createTempDatabase();
  db = await openDatabase({ kind: "postgres", url: temp.url });
  await db.migrate();
});

afterAll(async () => {
  await db?.close();
  await temp?.drop();
});

const env = () => ({ DATABASE_URL: temp.url });

// Each test starts `kurs` as a child process (Node + tsx + migrations): tens of seconds each on a
// loaded two-core machine. The budget is generous; nothing here depends on the time taken.
describe("kurs tenant", { timeout: 300_000 }, () => {
  it("shows the default tenant's settings, and sets the holiday state and the rest", async () => {
    const shown = await runKurs(["tenant", "--lang", "en"], env());
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("Time zone: Europe/Berlin");
    expect(shown.stdout).toContain("State for public holidays: none (national public holidays only)");

    const set = await runKurs(
      ["tenant", "--holiday-state", "by", "--formality", "du", "--timezone", "Europe/Vienna"],
      env(),
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain("Gespeichert.");
    expect(set.stdout).toContain("Bundesland für Feiertage: BY");
    const row = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } });
    expect(row).toMatchObject({ holidayState: "BY", formality: "du", timezone: "Europe/Vienna" });

    expect((await runKurs(["tenant", "--holiday-state", "none"], env())).code).toBe(0);
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } })).holidayState).toBeNull();
  });

  it("rejects an unknown state with the valid codes, changes nothing and exits non-zero", async () => {
    const result = await runKurs(["tenant", "--holiday-state", "XY", "--locale", "fr", "--lang", "en"], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Nothing changed:");
    expect(result.stderr).toContain(
      "unknown German state “XY” (valid: BB BE BW BY HB HE HH MV NI NW RP SH SL SN ST TH; none for national holidays only)",
    );
    expect(result.stderr).toContain("unknown language “fr” (allowed: de, en)");
    const missing = await runKurs(["tenant", "--tenant", "nope"], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Einen Mandanten „nope“ gibt es nicht.");
  });

  it("has --help", async () => {
    const help = await runKurs(["tenant", "--help"], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--holiday-state <code>");
  });
});
