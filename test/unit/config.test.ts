import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CONFIG_VARIABLES, loadConfig } from "../../src/config.js";
import { ConfigError } from "../../src/errors.js";
import { PROJECT_ROOT } from "../../src/paths.js";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

describe("config", () => {
  it("runs with no variables at all: PGlite in ./.data, local Redis, Slack off, Teams in emulator mode", () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ kind: "pglite", dataDir: join(process.cwd(), ".data") });
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(config.slack).toBeUndefined();
    expect(config.teams).toMatchObject({ enabled: true, emulator: true });
    expect(config.defaultLocale).toBe("de");
  });

  it("uses PostgreSQL when DATABASE_URL is set and Slack when its variables are", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://kurs:secret@db:5432/kurs",
      SLACK_BOT_TOKEN: "xoxb-1",
      SLACK_SIGNING_SECRET: "s",
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgresql://kurs:secret@db:5432/kurs" });
    expect(config.slack).toMatchObject({ botToken: "xoxb-1", signingSecret: "s", appToken: undefined });
  });

  it("lists every wrong variable at once, in plain words, without echoing secrets", () => {
    const problems = problemsOf({
      PORT: "eighty",
      DATABASE_URL: "mysql://x",
      REDIS_URL: "localhost:6379",
      SLACK_BOT_TOKEN: "xoxp-user-token-not-a-bot",
      LOG_LEVEL: "loud",
      MICROSOFT_APP_ID: "abc",
    });
    const text = problems.join("\n");
    expect(problems.length).toBeGreaterThanOrEqual(6);
    expect(text).toMatch(/PORT/);
    expect(text).toMatch(/DATABASE_URL must start with postgres/);
    expect(text).toMatch(/REDIS_URL must start with redis/);
    expect(text).toMatch(/SLACK_BOT_TOKEN must be a bot token/);
    expect(text).toMatch(/LOG_LEVEL/);
    expect(text).toMatch(/MICROSOFT_APP_PASSWORD/);
    expect(text).not.toContain("user-token-not-a-bot");
  });

  it("requires a signing secret (or Socket Mode) with a bot token", () => {
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1" }).join()).toMatch(/SLACK_SIGNING_SECRET is required/);
    expect(problemsOf({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" })).toEqual([]);
  });

  it("refuses production without Microsoft credentials unless Teams is switched off", () => {
    expect(problemsOf({ NODE_ENV: "production" }).join()).toMatch(/MICROSOFT_APP_ID is required in production/);
    expect(problemsOf({ NODE_ENV: "production", TEAMS_ENABLED: "false" })).toEqual([]);
    expect(problemsOf({ NODE_ENV: "production", MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "pw" })).toEqual([]);
  });

  it("documents every variable in .env.example", () => {
    const example = readFileSync(join(PROJECT_ROOT, ".env.example"), "utf8");
    const missing = CONFIG_VARIABLES.filter((name) => !new RegExp(`^#? ?${name}=`, "m").test(example));
    expect(missing).toEqual([]);
  });
});
