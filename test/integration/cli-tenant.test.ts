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

  it("lets HR see feedback-talk content only when switched on (default off)", async () => {
    const shown = await runKurs(["tenant"], env());
    expect(shown.stdout).toContain("HR sieht Inhalte von Feedbackgesprächen: nein");
    const on = await runKurs(["tenant", "--feedback-hr-access", "on", "--lang", "en"], env());
    expect(on.code).toBe(0);
    expect(on.stdout).toContain("HR sees feedback-talk content: yes");
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } })).feedbackHrAccess).toBe(true);
    const bad = await runKurs(["tenant", "--feedback-hr-access", "maybe", "--lang", "en"], env());
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("unknown value “maybe” for --feedback-hr-access (allowed: on, off)");
    expect((await runKurs(["tenant", "--feedback-hr-access", "off"], env())).code).toBe(0);
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } })).feedbackHrAccess).toBe(false);
  });

  it("binds a Teams tenant and a Slack workspace, refuses garbage and ids bound to another tenant", async () => {
    const teamsId = "72F988BF-86F1-41AF-91AB-2D7CD011DB47";
    const bound = await runKurs(["tenant", "--teams-tenant-id", teamsId, "--slack-team-id", "T024BE7LD"], env());
    expect(bound.code).toBe(0);
    expect(bound.stdout).toContain("Gespeichert.");
    expect(bound.stdout).toContain("Teams-Mandant: 72f988bf-86f1-41af-91ab-2d7cd011db47");
    expect(bound.stdout).toContain("Slack-Workspace: T024BE7LD");
    const row = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "default" } });
    expect(row).toMatchObject({ teamsTenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47", slackTeamId: "T024BE7LD" });
  });

  it("refuses ids that are not a Teams tenant id or a Slack team id, before opening the database", async () => {
    const garbage = await runKurs(
      ["tenant", "--teams-tenant-id", "contoso.onmicrosoft.com", "--slack-team-id", "<!channel>", "--lang", "en"],
      env(),
    );
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toContain("“contoso.onmicrosoft.com” is not a Teams tenant id");
    expect(garbage.stderr).toContain("“<!channel>” is not a Slack team id");
  });

  it("refuses to bind a Teams tenant that another Kurs tenant has", async () => {
    const teamsId = "0d1e2f30-4a5b-4c6d-8e9f-a0b1c2d3e4f5";
    await db.prisma.tenant.create({ data: { slug: "owner", name: "Owner", teamsTenantId: teamsId } });
    await db.prisma.tenant.create({ data: { slug: "other", name: "Other" } });
    const taken = await runKurs(["tenant", "--tenant", "other", "--teams-tenant-id", teamsId], env());
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("ist schon mit dem Mandanten „owner“ verbunden");
    expect((await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "other" } })).teamsTenantId).toBeNull();
  });
  it("appoints and removes a training admin by e-mail; an unknown e-mail exits non-zero", async () => {
    const tenant = await db.prisma.tenant.upsert({
      where: { slug: "default" },
      create: { slug: "default", name: "Kurs" },
      update: {},
    });
    const person = await db.prisma.person.create({
      data: { tenantId: tenant.id, email: "trainer@example.com", name: "Tanja Trainerin" },
    });
    const added = await runKurs(["tenant", "--training-admin", "Trainer@Example.com"], env());
    expect(added.code).toBe(0);
    expect(added.stdout).toContain("Tanja Trainerin ist jetzt trainingsverantwortlich.");
    expect(added.stdout).toContain("Trainingsverantwortlich (neben der Geschäftsführung): Tanja Trainerin");
    expect(await db.prisma.trainingAdmin.count({ where: { tenantId: tenant.id, personId: person.id } })).toBe(1);
    const unknown = await runKurs(["tenant", "--training-admin", "nobody@example.com", "--lang", "en"], env());
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Nobody with the e-mail “nobody@example.com”");
    const removed = await runKurs(["tenant", "--remove-training-admin", "trainer@example.com"], env());
    expect(removed.code).toBe(0);
    expect(await db.prisma.trainingAdmin.count({ where: { tenantId: tenant.id } })).toBe(0);
    // Three CLI processes in a row; each boots Node, Prisma and the migrator.
  }, 120_000);

  it("has --help", async () => {
    const help = await runKurs(["tenant", "--help"], env());
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--holiday-state <code>");
    expect(help.stdout).toContain("--teams-tenant-id <id>");
  });
});
