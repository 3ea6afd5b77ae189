import { Writable } from "node:stream";
import { pino } from "pino";
import type { Logger } from "../../src/logger.js";

export interface LogLine {
  readonly level: number;
  readonly msg: string;
  readonly [key: string]: unknown;
}

export const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/** A pino logger that keeps every line it writes, so a test can check what was logged and how. */
export class LogLines {
  readonly lines: LogLine[] = [];
  readonly logger: Logger;

  constructor(level = "info") {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        for (const text of chunk.toString("utf8").split("\n"))
          if (text.trim() !== "") this.lines.push(JSON.parse(text));
        done();
      },
    });
    this.logger = pino({ level, base: { service: "kurs" } }, sink);
  }

  since(mark: number): LogLine[] {
    return this.lines.slice(mark);
  }
}
