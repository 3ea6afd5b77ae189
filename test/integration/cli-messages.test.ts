import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";
import { runKurs } from "../helpers/run-cli.js";

// None of these reach a database: every answer comes from argument parsing and input checks, so
// an empty DATA_DIR is enough and stays empty.
let dataDir: string;
const env = (extra: Record<string, string> = {}) => ({ DATA_DIR: dataDir, ...extra });

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "kurs-cli-messages-"));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

// "default" alone is the default tenant's slug; commander's English shows as "default:".
const ENGLISH = /\b(error|unknown|missing|required|Usage|Options|Commands|choices|display|needs)\b|default:/;

// Each case starts a Node process that compiles the CLI with tsx: seconds each on a loaded
// two-core machine, so the budget is generous; no assertion depends on the time taken.
describe("the kurs command speaks German by default", { timeout: 300_000 }, () => {
  it("prints package.json's version with --version and -v", async () => {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      const result = await runKurs([flag], env());
      expect(result).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: "" });
    }
  });

  it("has German --help for the program and every command, and English with --lang en", async () => {
    const top = await runKurs(["--help"], env());
    expect(top.code).toBe(0);
    expect(top.stdout).toContain("Aufruf: kurs [optionen] [befehl]");
    expect(top.stdout).toContain("Befehle:");
    expect(top.stdout).toContain("-v, --version");
    expect(top.stdout).not.toMatch(ENGLISH);
    for (const command of [["migrate"], ["import", "org"], ["demo"], ["tenant"]]) {
      const help = await runKurs([...command, "--help"], env());
      expect(help.code, command.join(" ")).toBe(0);
      expect(help.stdout, command.join(" ")).toContain("Optionen:");
      expect(help.stdout, command.join(" ")).not.toMatch(ENGLISH);
    }
    const english = await runKurs(["demo", "--help", "--lang", "en"], env());
    expect(english.stdout).toContain("Usage: kurs demo [options]");
    expect(english.stdout).toContain("seed the demo organisation");
  });

  it("answers --me notanemail in German (English with --lang en), before touching the database", async () => {
    const german = await runKurs(["demo", "--me", "notanemail"], env());
    expect(german).toMatchObject({ code: 1, stdout: "" });
    expect(german.stderr).toBe("kurs: --me braucht eine E-Mail-Adresse, nicht „notanemail“.\n");
    const english = await runKurs(["demo", "--me", "notanemail", "--lang", "en"], env());
    expect(english.stderr).toBe("kurs: --me needs an e-mail address, not “notanemail”.\n");
    const byDefaultLocale = await runKurs(["demo", "--me", "notanemail"], env({ KURS_DEFAULT_LOCALE: "en" }));
    expect(byDefaultLocale.stderr).toContain("--me needs an e-mail address");
  });

  it("says what is wrong with garbage arguments in German, with a hint and exit code 2", async () => {
    const cases: [string[], string][] = [
      [["--bogus"], "Fehler: unbekannte Option „--bogus“"],
      [["frobnicate"], "Fehler: unbekannter Befehl „frobnicate“"],
      [["demo", "--tenan", "x"], "(Meinten Sie --tenant?)"],
      [["demo", "--lang", "fr"], "Fehler: „fr“ ist für die Option „--lang“ nicht erlaubt; erlaubt sind: de, en"],
      [["demo", "--me"], "Fehler: die Option „--me“ braucht einen Wert"],
      [["import", "org"], "Fehler: das Argument „datei“ fehlt"],
      [["migrate", "extra"], "Fehler: zu viele Argumente"],
    ];
    for (const [args, message] of cases) {
      const result = await runKurs(args, env());
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toContain(message);
      expect(result.stderr, args.join(" ")).toContain("Mit „kurs <befehl> --help“");
      expect(result.stderr, args.join(" ")).not.toMatch(ENGLISH);
    }
  });

  it("reports a missing file and a broken configuration in German", async () => {
    const missing = await runKurs(["import", "org", join(dataDir, "fehlt.csv")], env());
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("fehlt.csv lässt sich nicht lesen");
    const config = await runKurs(["migrate"], env({ REDIS_URL: "localhost" }));
    expect(config.code).toBe(1);
    expect(config.stderr).toContain("Die Konfiguration ist ungültig (siehe .env.example):");
    expect(config.stderr).toContain("REDIS_URL");
  });
});
