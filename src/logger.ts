import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "kurs", ...base },
    redact: {
      paths: ["*.token", "*.botToken", "*.password", "*.appPassword", "*.signingSecret"],
      censor: "[redacted]",
    },
  });
}
