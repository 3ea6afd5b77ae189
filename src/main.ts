import { createKurs } from "./app.js";
import { exitOnStartupError, loadConfigOrExit, stopOnSignals } from "./boot.js";
import { createLogger } from "./logger.js";

/** `npm start`: web server, in-process worker and schedules. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  const kurs = await createKurs(config, log, { web: true, worker: true });
  await kurs.listen();
  stopOnSignals(kurs, log);
}

main().catch(exitOnStartupError);
