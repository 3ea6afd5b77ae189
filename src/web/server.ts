import express, { type Application, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "../logger.js";

export interface ReadinessCheck {
  readonly name: string;
  check(): Promise<void>;
}

/** One Express app for everything HTTP: Slack's receiver, the Teams endpoint, health checks. */
export function createWebApp(checks: readonly ReadinessCheck[], log: Logger): Application {
  const app = express();
  app.disable("x-powered-by");
  // Behind a load balancer, req.ip must be the client's for the emulator's loopback guard to mean anything.
  app.set("trust proxy", false);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/readyz", async (_req, res) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await check();
          return [name, "ok"] as const;
        } catch (err) {
          return [name, err instanceof Error ? err.message : String(err)] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === "ok");
    if (!ready) log.warn({ checks: Object.fromEntries(results) }, "not ready");
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", checks: Object.fromEntries(results) });
  });

  return app;
}

/**
 * Express error handler of last resort. A client error (a body that is no JSON, one too large: the
 * body parsers mark those with a 4xx status) is the caller's fault: a 4xx and one warn line without
 * a stack. Anything else is ours: logged with its stack, answered 500 without leaking internals.
 */
export function errorHandler(log: Logger) {
  return (err: unknown, req: Request, res: Response, next: NextFunction): void => {
    const status = clientErrorStatus(err);
    if (status !== undefined) {
      const reason = err instanceof Error ? err.message : String(err);
      log.warn({ path: req.path, status, reason }, "refused a malformed request");
      if (res.headersSent) {
        next(err);
        return;
      }
      res.status(status).json({ error: reason });
      return;
    }
    log.error({ err, path: req.path }, "request failed");
    if (res.headersSent) {
      next(err);
      return;
    }
    res.status(500).json({ error: "internal error" });
  };
}

/** The 4xx status that body-parser (and http-errors) put on errors that are safe to show. */
function clientErrorStatus(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const { status, statusCode, expose } = err as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const code = typeof status === "number" ? status : typeof statusCode === "number" ? statusCode : undefined;
  return code !== undefined && code >= 400 && code < 500 && expose !== false ? code : undefined;
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}
