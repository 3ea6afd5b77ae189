/** Every error Kurs throws on purpose has a stable code (for logs, tests and support) and its cause. */
export class KursError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export class ConfigError extends KursError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super("CONFIG_INVALID", `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

export class MigrationError extends KursError {
  constructor(
    message: string,
    readonly migration: string,
    readonly statement: string | undefined,
    options?: { cause?: unknown },
  ) {
    super("MIGRATION_FAILED", message, options);
  }
}

export class DataDirLockedError extends KursError {
  constructor(dataDir: string, pid: number) {
    super(
      "DATA_DIR_LOCKED",
      `The embedded database in ${dataDir} is in use by another Kurs process (pid ${pid}). ` +
        "PGlite allows one process at a time: stop it first, or set DATABASE_URL to use PostgreSQL.",
    );
  }
}
