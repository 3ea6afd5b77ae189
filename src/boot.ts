import type { Kurs } from "./app.js";
import { type Config, loadConfig } from "./config.js";
import { ConfigError, KursError } from "./errors.js";
import type { Logger } from "./logger.js";

/** Parses the environment or prints every problem at once and exits 1. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`${err.message}\n\nSee .env.example for every variable and its meaning.`);
      process.exit(1);
    }
    throw err;
  }
}

/** SIGTERM/SIGINT: stop taking work, let running requests and jobs finish, then exit. */
export function stopOnSignals(kurs: Kurs, log: Logger, graceMs = 30_000): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: draining requests and running jobs");
    setTimeout(() => {
      log.error({ graceMs }, "shutdown took too long; exiting");
      process.exit(1);
    }, graceMs).unref();
    await kurs.stop();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

export function exitOnStartupError(err: unknown): never {
  if (err instanceof KursError) console.error(`kurs: ${err.message}`);
  else console.error(err);
  process.exit(1);
}
