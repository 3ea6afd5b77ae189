import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { FakeSlack } from "../helpers/fake-slack.js";
import { runKurs } from "../helpers/run-cli.js";
import { createTempDatabase } from "../helpers/temp-database.js";

let temp: { url: string; drop(): Promise<void> };
let db: Database;
let dir: string;
let slack: FakeSlack;

const HEADER = "email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone";
const GOOD = [
  HEADER,
  "gf@firma.de,Gabi Fuchs,managing_director,Firma,,U0GF00001,,de,Europe/Berlin",
  "bl@firma.de,Bernd Lang,area_head,Firma/Service,gf@firma.de,,,de,",
  "tl@firma.de,Tina Lorenz,team_lead,Firma/Service/Desk,bl@firma.de,,,en,",
  "ma@firma.de,Max Arndt,member,Firma/Service/Desk,tl@firma.de,,,,",
].join("\n");

beforeAll(async () => {
  temp = await createTempDatabase();
  db = await openDatabase({ kind: "postgres", url: temp.url });
  await db.migrate();
  dir = await mkdtemp(join(tmpdir(), "kurs-cli-"));
  slack = await new FakeSlack().start();
});

afterAll(async () => {
  await db?.close();
  await temp?.drop();
  await slack?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const env = () => ({ DATABASE_URL: temp.url });

/**
 * A tenant of its own for one test, so the tests share the database but not their people and run
 * in any order. Returns the `--tenant` arguments for it.
 */
async function ownTenant(): Promise<{ slug: string; args: string[] }> {
  const slug = `cli-${randomUUID().slice(0, 8)}`;
  await new PrismaTenantRepository(db.prisma).ensure({ slug, name: `CLI ${slug}`, defaultLocale: "de" });
  return { slug, args: ["--tenant", slug] };
}

async function people(slug: string) {
  return db.prisma.person.findMany({
    where: { tenant: { slug } },
    orderBy: { email: "asc" },
    include: { manager: true, roles: { include: { unit: true } } },
  });
}

// Each test starts `kurs` as a child process (Node + tsx + migrations): tens of seconds each on a
// loaded two-core machine. The budget is generous; nothing here depends on the time taken.
describe("kurs import org", { timeout: 300_000 }, () => {
  it("imports nothing from a file with a broken row, and names the row and the reason (German by default)", async () => {
    const tenant = await ownTenant();
    const broken = await file("broken.csv", `${GOOD}\nkaputt,Kai Putt,member,Firma/Service/Desk,tl@firma.de,,,,\n`);
    const result = await runKurs(["import", "org", broken, ...tenant.args], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Nichts importiert: 1 Zeile ist fehlerhaft.");
    expect(result.stderr).toContain("Zeile 6: ungültige E-Mail-Adresse „kaputt“");
    expect(await people(tenant.slug)).toEqual([]);
  });

  it("speaks English with --lang en", async () => {
    const broken = await file("broken-en.csv", `${HEADER}\nx@y.de,X,wizard,Firma,,,,,\n`);
    const result = await runKurs(["import", "org", broken, "--lang", "en"], env());
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Line 2: unknown role “wizard”");
  });

  it("imports a good file; the same file again changes nothing; a changed file updates in place", async () => {
    const tenant = await ownTenant();
    const good = await file("good.csv", GOOD);
    const first = await runKurs(["import", "org", good, ...tenant.args], env());
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("4 Personen neu");
    const before = await people(tenant.slug);
    expect(before.map((p) => [p.email, p.manager?.email ?? null, p.roles[0]?.unit.path])).toEqual([
      ["bl@firma.de", "gf@firma.de", "Firma/Service"],
      ["gf@firma.de", null, "Firma"],
      ["ma@firma.de", "tl@firma.de", "Firma/Service/Desk"],
      ["tl@firma.de", "bl@firma.de", "Firma/Service/Desk"],
    ]);

    const again = await runKurs(["import", "org", good, ...tenant.args], env());
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Keine Änderungen");
    const same = await people(tenant.slug);
    expect(same.map((p) => [p.id, p.updatedAt.getTime()])).toEqual(before.map((p) => [p.id, p.updatedAt.getTime()]));

    // Max moves to a new team and changes his name; Tina leaves.
    const changed = await file(
      "changed.csv",
      [
        HEADER,
        "gf@firma.de,Gabi Fuchs,managing_director,Firma,,U0GF00001,,de,Europe/Berlin",
        "bl@firma.de,Bernd Lang,area_head,Firma/Service,gf@firma.de,,,de,",
        "ma@firma.de,Max Arndt-Berg,member,Firma/Service/Netz,bl@firma.de,,,,",
      ].join("\n"),
    );
    const third = await runKurs(["import", "org", changed, ...tenant.args], env());
    expect(third.code).toBe(0);
    expect(third.stdout).toContain("1 geändert");
    expect(third.stdout).toContain("1 deaktiviert");
    const after = await people(tenant.slug);
    const max = after.find((p) => p.email === "ma@firma.de");
    expect(max?.id).toBe(before.find((p) => p.email === "ma@firma.de")?.id);
    expect(max?.name).toBe("Max Arndt-Berg");
    expect(max?.roles.map((r) => r.unit.path)).toEqual(["Firma/Service/Netz"]);
    expect(max?.manager?.email).toBe("bl@firma.de");
    expect(after.find((p) => p.email === "tl@firma.de")?.active).toBe(false);
  });

  it("matches Slack accounts by e-mail when ids are missing, waiting out a 429", async () => {
    slack.addUser({ id: "U0BL00001", email: "bl@firma.de" });
    slack.rateLimit("users.lookupByEmail", 1, 1);
    const tenant = await ownTenant();
    const good = await file("good2.csv", GOOD);
    const result = await runKurs(["import", "org", good, ...tenant.args], {
      ...env(),
      SLACK_BOT_TOKEN: "xoxb-cli",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: slack.apiUrl,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Chat-Konten per E-Mail zugeordnet: 1.");
    const bernd = (await people(tenant.slug)).find((p) => p.email === "bl@firma.de");
    expect(bernd?.slackUserId).toBe("U0BL00001");
    // The rate-limited call was retried, not dropped: every person without an id was looked up.
    const lookups = slack.callsOf("users.lookupByEmail").map((c) => c.body.email);
    expect(lookups.filter((e) => e === lookups[0]).length).toBe(2);
    expect(new Set(lookups)).toEqual(new Set(["bl@firma.de", "tl@firma.de", "ma@firma.de"]));
  });

  it("explains a missing file, a missing argument and an unknown tenant, exiting non-zero", async () => {
    const missing = await runKurs(["import", "org", join(dir, "nope.csv")], env());
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("nope.csv");
    const noArg = await runKurs(["import", "org"], env());
    expect(noArg.code).not.toBe(0);
    expect(noArg.stderr).toContain("Fehler: das Argument „datei“ fehlt");
    const good = await file("good3.csv", GOOD);
    const tenant = await runKurs(["import", "org", good, "--tenant", "nobody"], env());
    expect(tenant.code).not.toBe(0);
    expect(tenant.stderr).toContain("Einen Mandanten „nobody“ gibt es nicht.");
  });
});

// Two real `kurs demo` runs on PGlite, each also writing a year of demo tickets.
describe("kurs demo", { timeout: 300_000 }, () => {
  it("seeds the demo organisation on PGlite, and a second run leaves the same data", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "kurs-demo-"));
    try {
      const first = await runKurs(["demo"], { DATA_DIR: dataDir });
      expect(first.stderr).toBe("");
      expect(first.stdout).toContain("90 Personen in 22 Einheiten");
      const tickets = /Demo-Tickets: (\d+) Tickets in 53 Wochen/.exec(first.stdout)?.[1];
      expect(Number(tickets)).toBeGreaterThan(5000);
      const snapshot = async () => {
        const pglite = await openDatabase({ kind: "pglite", dataDir });
        try {
          const people = await pglite.prisma.person.findMany({
            select: { id: true, email: true, managerId: true, updatedAt: true },
            orderBy: { email: "asc" },
          });
          // The basic training for everyone with three sessions of 15 seats, and one advanced training.
          const trainings = await pglite.prisma.training.findMany({
            select: {
              id: true,
              kind: true,
              mandatoryUnitIds: true,
              sessions: { select: { id: true, capacity: true } },
            },
            orderBy: { kind: "asc" },
          });
          return { people, trainings };
        } finally {
          await pglite.close();
        }
      };
      const before = await snapshot();
      expect(before.people).toHaveLength(90);
      expect(before.trainings.map((t) => [t.kind, t.sessions.map((x) => x.capacity)])).toEqual([
        ["basic", [15, 15, 15]],
        ["advanced", [10]],
      ]);
      expect(before.trainings[0]?.mandatoryUnitIds).toHaveLength(1);
      const second = await runKurs(["demo", "--lang", "en"], { DATA_DIR: dataDir });
      expect(second.stdout).toContain("90 people in 22 units");
      expect(second.stdout).toContain(`Demo tickets: ${tickets} tickets over 53 weeks`);
      // Nothing was rewritten by the second run: same ids, same links, same update times.
      expect(await snapshot()).toEqual(before);
      // The feedback round: one published profile, the working group and three booked talks, once.
      const pglite = await openDatabase({ kind: "pglite", dataDir });
      try {
        expect(await pglite.prisma.competencyProfile.count()).toBe(1);
        expect(await pglite.prisma.feedbackMember.count({ where: { kind: "working_group" } })).toBe(3);
        expect(await pglite.prisma.feedbackTalk.count({ where: { state: "scheduled" } })).toBe(3);
      } finally {
        await pglite.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
    // Two child processes that each migrate and seed PGlite: minutes on a loaded two-core machine.
  }, 600_000);

  it("refuses to open an embedded database another Kurs process is using", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "kurs-lock-"));
    const holder = await openDatabase({ kind: "pglite", dataDir });
    try {
      // The lock is per process; a child process sees this test process holding it.
      const result = await runKurs(["demo"], { DATA_DIR: dataDir });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain("wird von einem anderen Kurs-Prozess benutzt");
    } finally {
      await holder.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
