import { createKurs } from "../src/app.js";
import { exitOnStartupError, loadConfigOrExit, stopOnSignals } from "../src/boot.js";
import { createLogger } from "../src/logger.js";

/** `npm run worker`: a BullMQ worker without the web server; scale these for fan-out jobs. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel, { role: "worker" });
  const kurs = await createKurs(config, log, { web: false, worker: true });
  log.info("worker running");
  stopOnSignals(kurs, log);
}

main().catch(exitOnStartupError);
