import { resolve } from "node:path";
import { z } from "zod/v4";
import { ConfigError } from "./errors.js";

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const shape = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "must be a port number (0-65535)" }).int().min(0).max(65_535).default(3000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
      .optional(),
  ),
  DATA_DIR: z.string().default("./.data"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .default("redis://127.0.0.1:6379"),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9:_-]+$/i)
    .default("kurs"),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
  SLACK_APP_TOKEN: optionalString.pipe(
    z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional(),
  ),
  SLACK_API_URL: optionalString.pipe(z.url().optional()),
  MICROSOFT_APP_ID: optionalString,
  MICROSOFT_APP_PASSWORD: optionalString,
  MICROSOFT_APP_TENANT_ID: optionalString,
  MICROSOFT_APP_TYPE: z.enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"]).default("MultiTenant"),
  TEAMS_ENABLED: z
    .enum(["true", "false", "1", "0", "on", "off"])
    .default("true")
    .transform((v) => v === "true" || v === "1" || v === "on"),
  KURS_TENANT_NAME: z.string().trim().min(1).default("Kurs"),
  KURS_DEFAULT_LOCALE: z.enum(["de", "en"]).default("de"),
  // Where customers reach the survey pages (the base of invitation links); default http://localhost:PORT.
  PUBLIC_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  SMTP_URL: optionalString.pipe(
    z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
  ),
  SMTP_FROM: z.string().trim().min(3).default("Kurs <kurs@localhost>"),
  OUTBOX_RATE_SLACK: z.coerce
    .number({ error: "must be a number of messages per second" })
    .positive("must be more than 0")
    .max(1_000)
    .default(5),
  OUTBOX_RATE_TEAMS: z.coerce
    .number({ error: "must be a number of messages per second" })
    .positive("must be more than 0")
    .max(1_000)
    .default(20),
  OUTBOX_SWEEP_SECONDS: z.coerce
    .number({ error: "must be a whole number of seconds" })
    .int()
    .min(0)
    .max(3_600)
    .default(30),
  TEAMS_SERVICE_URL: z.url().default("https://smba.trafficmanager.net/teams/"),
  KURS_WORKER_CONCURRENCY: z.coerce.number({ error: "must be a whole number" }).int().min(1).max(500).default(10),
};

/** Every environment variable Kurs reads; .env.example documents each (a test checks). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(shape);

const schema = z.object(shape);

type RawEnv = Readonly<Record<string, string | undefined>>;

/**
 * Rules that span variables. They read the raw strings, so they run (and are reported) even when
 * single variables are wrong too: the user sees every problem in one go.
 */
function crossChecks(raw: RawEnv): string[] {
  const has = (name: string) => (raw[name]?.trim() ?? "") !== "";
  const problems: string[] = [];
  if (has("SLACK_BOT_TOKEN") && !has("SLACK_SIGNING_SECRET") && !has("SLACK_APP_TOKEN")) {
    problems.push("SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  if ((has("SLACK_SIGNING_SECRET") || has("SLACK_APP_TOKEN")) && !has("SLACK_BOT_TOKEN")) {
    problems.push("SLACK_BOT_TOKEN is required when Slack is configured");
  }
  const appType = raw.MICROSOFT_APP_TYPE ?? "MultiTenant";
  if (has("MICROSOFT_APP_ID") !== has("MICROSOFT_APP_PASSWORD") && appType !== "UserAssignedMSI") {
    problems.push(
      `${has("MICROSOFT_APP_ID") ? "MICROSOFT_APP_PASSWORD" : "MICROSOFT_APP_ID"}: MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD must be set together`,
    );
  }
  if (appType === "SingleTenant" && has("MICROSOFT_APP_ID") && !has("MICROSOFT_APP_TENANT_ID")) {
    problems.push("MICROSOFT_APP_TENANT_ID is required for a SingleTenant app");
  }
  const teamsEnabled = !["false", "0", "off"].includes(raw.TEAMS_ENABLED ?? "true");
  if (raw.NODE_ENV === "production" && teamsEnabled && !has("MICROSOFT_APP_ID")) {
    problems.push(
      "MICROSOFT_APP_ID is required in production: without Microsoft credentials the Teams endpoint would run unauthenticated in emulator mode (set TEAMS_ENABLED=false for a Slack-only install)",
    );
  }
  return problems;
}

type Env = z.output<typeof schema>;

export interface Config {
  readonly env: Env["NODE_ENV"];
  readonly port: number;
  readonly logLevel: Env["LOG_LEVEL"];
  readonly database:
    | { readonly kind: "postgres"; readonly url: string }
    | { readonly kind: "pglite"; readonly dataDir: string };
  readonly redisUrl: string;
  readonly queuePrefix: string;
  readonly slack:
    | {
        readonly botToken: string;
        readonly signingSecret: string | undefined;
        readonly appToken: string | undefined;
        readonly apiUrl: string | undefined;
      }
    | undefined;
  readonly teams: {
    readonly enabled: boolean;
    /** Emulator mode: no credentials, loopback callers only, never in production. */
    readonly emulator: boolean;
    readonly appId: string | undefined;
    readonly appPassword: string | undefined;
    readonly appTenantId: string | undefined;
    readonly appType: Env["MICROSOFT_APP_TYPE"];
    /** Bot Connector endpoint for opening a 1:1 chat in a tenant Kurs has no conversation in yet. */
    readonly serviceUrl: string;
  };
  /** Outbox send rates per tenant, messages per second. */
  readonly outbox: {
    readonly slack: number;
    readonly teams: number;
    /** How often the sweep enqueues due rows; 0: this deployment registers no sweep. */
    readonly sweepSeconds: number;
  };
  readonly tenantName: string;
  readonly defaultLocale: "de" | "en";
  readonly workerConcurrency: number;
  readonly publicUrl: string;
  /** Survey invitations are e-mailed when set. */
  readonly smtp: { readonly url: string; readonly from: string } | undefined;
}

/** Parses the environment once; throws ConfigError listing every problem, never just the first. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  const cross = crossChecks(source);
  if (!parsed.success || cross.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const problems = issues.map((issue) => {
      const name = issue.path.join(".") || "environment";
      const value = typeof issue.path[0] === "string" ? source[issue.path[0]] : undefined;
      const shown = value === undefined ? "" : ` (got "${redact(issue.path[0] as string, value)}")`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError([...problems, ...cross]);
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: resolve(env.DATA_DIR) },
    redisUrl: env.REDIS_URL,
    queuePrefix: env.QUEUE_PREFIX,
    slack: env.SLACK_BOT_TOKEN
      ? {
          botToken: env.SLACK_BOT_TOKEN,
          signingSecret: env.SLACK_SIGNING_SECRET,
          appToken: env.SLACK_APP_TOKEN,
          apiUrl: env.SLACK_API_URL,
        }
      : undefined,
    teams: {
      enabled: env.TEAMS_ENABLED,
      emulator: !env.MICROSOFT_APP_ID,
      appId: env.MICROSOFT_APP_ID,
      appPassword: env.MICROSOFT_APP_PASSWORD,
      appTenantId: env.MICROSOFT_APP_TENANT_ID,
      appType: env.MICROSOFT_APP_TYPE,
      serviceUrl: env.TEAMS_SERVICE_URL,
    },
    outbox: { slack: env.OUTBOX_RATE_SLACK, teams: env.OUTBOX_RATE_TEAMS, sweepSeconds: env.OUTBOX_SWEEP_SECONDS },
    tenantName: env.KURS_TENANT_NAME,
    defaultLocale: env.KURS_DEFAULT_LOCALE,
    workerConcurrency: env.KURS_WORKER_CONCURRENCY,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
    smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM } : undefined,
  };
}

function redact(name: string, value: string): string {
  if (/SECRET|PASSWORD|TOKEN/.test(name)) return value.length > 6 ? `${value.slice(0, 4)}…` : "…";
  return value.replace(/\/\/([^:@/]+):[^@/]+@/, "//$1:…@");
}

/**
 * The language the CLI speaks before (or without) a valid configuration: KURS_DEFAULT_LOCALE when
 * it is de or en, else German. Never throws, so even a broken configuration is reported in it.
 */
export function cliLocale(source: NodeJS.ProcessEnv = process.env): "de" | "en" {
  return source.KURS_DEFAULT_LOCALE === "en" ? "en" : "de";
}
