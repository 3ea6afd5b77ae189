import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/core/surveys/tokens.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PROJECT_ROOT } from "../../src/paths.js";
import { runKurs } from "../helpers/run-cli.js";
import { runKursInProcess } from "../helpers/run-cli-in-process.js";
import { createTempDatabase } from "../helpers/temp-database.js";

let temp: { url: string; drop(): Promise<void> };
let db: Database;
let dir: string;

// The "ties_improved" set of the SciPy reference (test/fixtures/survey-statistics.json) as response
// times: the report's figures must be SciPy's.
const reference = JSON.parse(readFileSync(join(PROJECT_ROOT, "test", "fixtures", "survey-statistics.json"), "utf8"))
  .likert[0] as {
  name: string;
  earlier: number[];
  later: number[];
  summary_earlier: { mean: number; sd: number; ci95: number[] };
  change: Record<string, number | number[]>;
};
const npsReference = JSON.parse(readFileSync(join(PROJECT_ROOT, "test", "fixtures", "survey-statistics.json"), "utf8"))
  .nps[0] as { earlier: number[]; later: number[]; change: { difference: number; ci95: number[] } };

const HEADER =
  "reachability,response_time,solution_competence,deadline_reliability,friendliness,communication,overall,nps,comment";

function answersCsv(responseTimes: number[], nps: number[], comments: (i: number) => string = () => ""): string {
  const rows = Math.max(responseTimes.length, nps.length);
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const rt = responseTimes[i] ?? "";
    const n = nps[i] ?? "";
    lines.push(`4,${rt},3,4,5,,4,${n},${JSON.stringify(comments(i)).replace(/^""$/, "")}`);
  }
  return `${lines.join("\n")}\n`;
}

beforeAll(async () => {
  temp = await createTempDatabase();
  db = await openDatabase({ kind: "postgres", url: temp.url });
  await db.migrate();
  dir = await mkdtemp(join(tmpdir(), "kurs-survey-"));
});

afterAll(async () => {
  await db?.close();
  await temp?.drop();
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const env = (extra: Record<string, string> = {}) => ({ DATABASE_URL: temp.url, ...extra });

async function kurs(args: string[], extra: Record<string, string> = {}) {
  return runKursInProcess(args, env(extra));
}

async function createSurvey(): Promise<string> {
  const created = await kurs(["survey", "create", "--template", "customer", "--title", "Kundenbefragung 2026"]);
  expect(created.code, created.stderr).toBe(0);
  const id = created.stdout.trim();
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id;
}

describe("kurs survey", () => {
  it("has --help for every subcommand, and prints the new survey's id as a separate process", async () => {
    for (const sub of ["create", "wave", "import", "links", "report"]) {
      const help = await kurs(["survey", sub, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain(`kurs survey ${sub}`);
    }
    const created = await runKurs(["survey", "create", "--template", "customer", "--title", "Prozess"], env());
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.stderr).toContain("Umfrage angelegt: Prozess");
  });

  it("creates a survey and waves and prints their ids; refuses bad templates, keys and duplicates in German", async () => {
    const id = await createSurvey();
    const wave = await kurs(["survey", "wave", id, "--key", "baseline", "--label", "Ausgangsmessung"]);
    expect(wave.code, wave.stderr).toBe(0);
    expect(wave.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    const again = await kurs(["survey", "wave", id, "--key", "baseline", "--label", "Nochmal"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Die Umfrage hat schon eine Welle „baseline“");
    const badKey = await kurs(["survey", "wave", id, "--key", "Follow Up", "--label", "x"]);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain("Ungültiger Wellen-Schlüssel");
    const template = await kurs(["survey", "create", "--template", "kunden", "--title", "x"]);
    expect(template.code).toBe(1);
    expect(template.stderr).toContain("Unbekannte Vorlage „kunden“. Verfügbar: customer");
    const threshold = await kurs(["survey", "create", "--template", "customer", "--title", "x", "--threshold", "2"]);
    expect(threshold.code).toBe(1);
    expect(threshold.stderr).toContain("Die Anonymitätsschwelle muss eine ganze Zahl und mindestens 3 sein");
    const unknown = await kurs([
      "survey",
      "wave",
      "00000000-0000-0000-0000-000000000000",
      "--key",
      "a",
      "--label",
      "a",
    ]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("Keine Umfrage mit der ID");
    const garbage = await kurs(["survey", "wave", "kaputt", "--key", "a", "--label", "a"]);
    expect(garbage.code).toBe(1);
    const missing = await kurs(["survey", "wave", id]);
    expect(missing.code).toBe(2);
  });

  it("imports nothing from a file with bad rows and names every bad row by its line", async () => {
    const id = await createSurvey();
    await kurs(["survey", "wave", id, "--key", "baseline", "--label", "Baseline"]);
    const broken = await file(
      "broken.csv",
      [
        HEADER,
        "4,4,3,4,5,,4,9,gut",
        "6,4,3,4,5,,4,9,",
        "4,4,3,4,5,,4,9,ok",
        "4,4,3,4,5,,4,11,",
        "4,4,3,4",
        ",,,,,,,,",
        "4,4,3,4,5,,4,x,",
      ].join("\n"),
    );
    const result = await kurs(["survey", "import", id, "baseline", broken]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Nichts importiert: 5 Zeilen sind fehlerhaft.");
    expect(result.stderr).toContain("Zeile 3: reachability: „6“ ist keine Zahl von 1 bis 5");
    expect(result.stderr).toContain("Zeile 5: nps: „11“ ist keine Zahl von 0 bis 10");
    expect(result.stderr).toContain("Zeile 6: 4 Felder statt 9");
    expect(result.stderr).toContain("Zeile 7: die Zeile enthält keine Antwort");
    expect(result.stderr).toContain("Zeile 8: nps: „x“");
    expect(await db.prisma.surveyResponse.count({ where: { wave: { surveyId: id } } })).toBe(0);

    const english = await kurs(["survey", "import", id, "baseline", broken, "--lang", "en"]);
    expect(english.stderr).toContain("Nothing imported: 5 rows are bad.");
    const header = await kurs(["survey", "import", id, "baseline", await file("h.csv", "reachability,speed\n4,4\n")]);
    expect(header.code).toBe(1);
    expect(header.stderr).toContain("unbekannte Spalten: speed");
    const noWave = await kurs(["survey", "import", id, "follow_up", broken]);
    expect(noWave.code).toBe(1);
    expect(noWave.stderr).toContain("Die Umfrage hat keine Welle „follow_up“. Vorhanden: baseline");
    const noFile = await kurs(["survey", "import", id, "baseline", join(dir, "nope.csv")]);
    expect(noFile.code).toBe(1);
  });

  it("accepts a semicolon file with a BOM and quoted comments, and reports the comparison with SciPy's figures", async () => {
    const id = await createSurvey();
    await kurs(["survey", "wave", id, "--key", "baseline", "--label", "Ausgangsmessung"]);
    await kurs(["survey", "wave", id, "--key", "follow_up", "--label", "Folgemessung"]);
    const baseline = `\uFEFF${answersCsv(reference.earlier, npsReference.earlier, (i) =>
      i === 0 ? "Schnell; freundlich, danke" : "",
    )
      .replaceAll(",", ";")
      .replace('"Schnell; freundlich; danke"', '"Schnell; freundlich, danke"')}`;
    const first = await kurs(["survey", "import", id, "baseline", await file("baseline.csv", baseline)]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(
      `${Math.max(reference.earlier.length, npsReference.earlier.length)} Antworten in Welle baseline importiert`,
    );
    const later = await kurs([
      "survey",
      "import",
      id,
      "follow_up",
      await file("follow.csv", answersCsv(reference.later, npsReference.later)),
    ]);
    expect(later.code, later.stderr).toBe(0);

    const json = await kurs(["survey", "report", id, "--format", "json"]);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(Object.keys(report)).toEqual(["waves", "criteria", "nps"]);
    expect(report.waves.map((w: { key: string }) => w.key)).toEqual(["baseline", "follow_up"]);
    const rt = report.criteria.find((c: { key: string }) => c.key === "response_time");
    expect(Object.keys(rt)).toEqual(["key", "waves", "change"]);
    expect(Object.keys(rt.waves.baseline)).toEqual(["n", "mean", "sd", "ci95"]);
    expect(rt.waves.baseline.n).toBe(reference.earlier.length);
    expect(rt.waves.baseline.mean).toBeCloseTo(reference.summary_earlier.mean, 9);
    expect(rt.waves.baseline.sd).toBeCloseTo(reference.summary_earlier.sd, 9);
    expect(Object.keys(rt.change)).toEqual([
      "from",
      "to",
      "difference",
      "ci95",
      "welch_t",
      "welch_df",
      "welch_p",
      "mann_whitney_u",
      "mann_whitney_p",
      "rank_biserial",
      "verdict",
    ]);
    expect(rt.change).toMatchObject({ from: "baseline", to: "follow_up", verdict: "improved" });
    for (const key of [
      "difference",
      "welch_t",
      "welch_df",
      "welch_p",
      "mann_whitney_u",
      "mann_whitney_p",
      "rank_biserial",
    ]) {
      expect(rt.change[key] / (reference.change[key] as number)).toBeCloseTo(1, 8);
    }
    // Communication was never answered: no figures, and no comparison, rather than made-up zeros.
    const communication = report.criteria.find((c: { key: string }) => c.key === "communication");
    expect(communication.waves.baseline).toEqual({ n: 0, mean: null, sd: null, ci95: null });
    expect(communication.change).toBeNull();
    expect(Object.keys(report.nps)).toEqual(["waves", "change"]);
    expect(Object.keys(report.nps.waves.baseline)).toEqual(["n", "promoters", "detractors", "score", "ci95"]);
    expect(report.nps.change.difference).toBeCloseTo(npsReference.change.difference, 9);
    expect(report.nps.change.ci95[0]).toBeCloseTo(npsReference.change.ci95[0] ?? 0, 9);

    const [low, high] = reference.change.ci95 as number[];
    const de = (v: number) => `${v >= 0 ? "+" : "-"}${Math.abs(v).toFixed(1).replace(".", ",")}`;
    const en = (v: number) => `${v >= 0 ? "+" : "-"}${Math.abs(v).toFixed(1)}`;
    const diff = reference.change.difference as number;
    const md = await kurs(["survey", "report", id, "--format", "md"]);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain(
      `Reaktionszeit: ${de(diff)} (95 %-KI ${de(low ?? 0)} bis ${de(high ?? 0)}): deutlich besser`,
    );
    expect(md.stdout).toContain("Kommunikation: zu wenige Antworten");
    expect(md.stdout).toContain("Schnell; freundlich, danke");
    const mdEn = await kurs(["survey", "report", id, "--format", "md", "--lang", "en"]);
    expect(mdEn.stdout).toContain(
      `Response time: ${en(diff)} (95% CI ${en(low ?? 0)} to ${en(high ?? 0)}): clearly better`,
    );

    const badFormat = await kurs(["survey", "report", id, "--format", "pdf"]);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain("Unbekanntes Format „pdf“");
  });

  it("hides a wave with fewer answers than the threshold in json and md", async () => {
    const id = await createSurvey();
    await kurs(["survey", "wave", id, "--key", "baseline", "--label", "Baseline"]);
    await kurs(["survey", "wave", id, "--key", "follow_up", "--label", "Follow-up"]);
    await kurs([
      "survey",
      "import",
      id,
      "baseline",
      await file(
        "b6.csv",
        answersCsv([3, 3, 4, 2, 3, 3], [9, 9, 8, 7, 3, 10], () => "Name: Frau Schmidt"),
      ),
    ]);
    await kurs([
      "survey",
      "import",
      id,
      "follow_up",
      await file(
        "f4.csv",
        answersCsv([5, 5, 4, 5], [10, 10, 9, 10], () => "sehr gut"),
      ),
    ]);
    const report = JSON.parse((await kurs(["survey", "report", id, "--format", "json"])).stdout);
    const rt = report.criteria.find((c: { key: string }) => c.key === "response_time");
    expect(rt.waves.baseline.mean).toBeCloseTo(3, 9);
    expect(rt.waves.follow_up).toEqual({ n: 4, mean: null, sd: null, ci95: null });
    expect(rt.change).toBeNull();
    expect(report.nps.waves.follow_up.score).toBeNull();
    expect(report.nps.change).toBeNull();
    const md = (await kurs(["survey", "report", id, "--format", "md"])).stdout;
    expect(md).not.toContain("sehr gut");
    expect(md).toContain("Frau Schmidt"); // 6 > 5: free text of the baseline is shown, as written
  });

  it("makes one link per customer, writes them as CSV, e-mails them over SMTP once, and checks the customers file", async () => {
    const id = await createSurvey();
    await kurs(["survey", "wave", id, "--key", "baseline", "--label", "Baseline"]);
    const bad = await file("bad-customers.csv", "email,name,locale\nkaputt,K,de\nx@kunde.de,X,fr\nx@kunde.de,X,de\n");
    const refused = await kurs(["survey", "links", id, "baseline", "--customers", bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Zeile 2: „kaputt“ ist keine gültige E-Mail-Adresse");
    expect(refused.stderr).toContain("Zeile 3: Sprache „fr“ unbekannt");
    expect(refused.stderr).toContain("Zeile 4: x@kunde.de steht schon in Zeile 3");
    expect(await db.prisma.surveyInvitation.count({ where: { wave: { surveyId: id } } })).toBe(0);

    const mails: { to: string; body: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        let body = "";
        stream.on("data", (d: Buffer) => {
          body += d.toString();
        });
        stream.on("end", () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), body });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", () => resolve()));
    const address = smtp.server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const customers = await file(
        "customers.csv",
        "\uFEFFemail;name;company;locale\nanna@kunde.de;Anna Berg;Kunde AG;de\nbob@client.com;Bob Lee;Client Ltd;en\n",
      );
      const out = join(dir, "links.csv");
      const smtpEnv = {
        SMTP_URL: `smtp://127.0.0.1:${port}`,
        SMTP_FROM: "Umfrage <umfrage@it.example>",
        PUBLIC_URL: "https://kurs.example.com/",
      };
      const made = await kurs(["survey", "links", id, "baseline", "--customers", customers, "--out", out], smtpEnv);
      expect(made.code, made.stderr).toBe(0);
      expect(made.stderr).toContain("2 neue Links nach");
      expect(made.stderr).toContain("2 E-Mails versendet");
      const csv = await readFile(out, "utf8");
      const lines = csv.trim().split("\n");
      expect(lines[0]).toBe("email,name,company,locale,link,expires_at");
      const links = lines.slice(1).map((l) => l.split(",")[4] ?? "");
      expect(links).toHaveLength(2);
      for (const link of links) expect(link).toMatch(/^https:\/\/kurs\.example\.com\/s\/[A-Za-z0-9_-]{43}$/);
      const rows = await db.prisma.surveyInvitation.findMany({
        where: { wave: { surveyId: id } },
        orderBy: { email: "asc" },
      });
      expect(rows.map((r) => [r.email, r.locale, r.sentAt !== null])).toEqual([
        ["anna@kunde.de", "de", true],
        ["bob@client.com", "en", true],
      ]);
      expect(rows.map((r) => r.tokenHash).sort()).toEqual(links.map((l) => hashToken(l.split("/s/")[1] ?? "")).sort());
      expect(mails.map((m) => m.to).sort()).toEqual(["anna@kunde.de", "bob@client.com"]);
      const anna = mails.find((m) => m.to === "anna@kunde.de")?.body ?? "";
      expect(anna.replace(/=\r?\n/g, "")).toContain(links[0] ?? "missing");
      expect(anna).toContain("Guten Tag");

      const rerun = await kurs(["survey", "links", id, "baseline", "--customers", customers, "--out", out], smtpEnv);
      expect(rerun.code, rerun.stderr).toBe(0);
      expect(rerun.stderr).toContain("2 Empfänger hatten schon einen Link");
      expect(mails).toHaveLength(2);

      // A lost links file: --renew issues new links for the unused invitations; the old ones stop working.
      const renewed = await kurs([
        "survey",
        "links",
        id,
        "baseline",
        "--customers",
        customers,
        "--renew",
        "--out",
        out,
      ]);
      expect(renewed.code, renewed.stderr).toBe(0);
      const fresh = (await readFile(out, "utf8"))
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[4] ?? "");
      expect(fresh).toHaveLength(2);
      const hashes = (await db.prisma.surveyInvitation.findMany({ where: { wave: { surveyId: id } } })).map(
        (r) => r.tokenHash,
      );
      for (const old of links) expect(hashes).not.toContain(hashToken(old.split("/s/")[1] ?? ""));
      for (const link of fresh) expect(hashes).toContain(hashToken(link.split("/s/")[1] ?? ""));
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
