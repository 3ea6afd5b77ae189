import express, { type Application, type RequestHandler } from "express";
import type { TeamsTransport } from "../chat/teams/create-teams-app.js";
import type { Logger } from "../logger.js";
import { isLoopback } from "./server.js";

/**
 * POST /api/messages. In emulator mode (no Microsoft credentials) the adapter does not verify
 * the caller, so only this machine may call: the Bot Framework Emulator and tests.
 */
export function mountTeamsEndpoint(web: Application, teams: TeamsTransport, log: Logger): void {
  const guards: RequestHandler[] = teams.emulator ? [emulatorLoopbackOnly(log)] : [];
  web.post("/api/messages", ...guards, express.json({ limit: "1mb" }), requireActivity(log), async (req, res) => {
    await teams.adapter.process(req, res, async (context) => {
      await teams.app.run(context);
    });
  });
}

/** Emulator mode does not authenticate callers, so it must only be reachable from this machine. */
export function emulatorLoopbackOnly(log: Logger): RequestHandler {
  return (req, res, next) => {
    if (isLoopback(req.socket.remoteAddress)) {
      next();
      return;
    }
    log.warn(
      { remote: req.socket.remoteAddress },
      "rejected a Teams activity from a non-loopback address in emulator mode",
    );
    res
      .status(403)
      .json({ error: "Teams runs in emulator mode (no MICROSOFT_APP_ID); only loopback callers are accepted" });
  };
}

/**
 * The adapter throws on a body that is no activity, which would end as a 500 with a stack: that
 * is the caller's mistake, so it gets a 400 and one warn line. (Malformed JSON never gets here:
 * express.json's error goes to the error handler, which answers 400 too.)
 */
export function requireActivity(log: Logger): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    const problem =
      typeof body !== "object" || body === null || Array.isArray(body)
        ? "body is not a JSON object"
        : typeof (body as { type?: unknown }).type !== "string" || (body as { type: string }).type === ""
          ? "activity without type"
          : undefined;
    if (problem === undefined) {
      next();
      return;
    }
    log.warn({ path: req.path, reason: problem }, "refused a malformed Teams activity");
    res.status(400).json({ error: problem });
  };
}
