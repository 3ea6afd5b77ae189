import { createHmac, timingSafeEqual } from "node:crypto";
import express, { type RequestHandler } from "express";
import type { Logger } from "../logger.js";

/** Slack's own replay window: a request signed more than five minutes away from now, either way, is refused. */
export const SLACK_MAX_CLOCK_SKEW_SECONDS = 5 * 60;

/** Bolt's default body limit, so the guard refuses nothing Bolt would have taken. */
const BODY_LIMIT = 4 * 1024 * 1024;

export type SlackRequestCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly status: 400 | 401; readonly reason: string };

/**
 * Runs in front of Bolt's receiver on POST /slack/events. Bolt accepts a timestamp from the future
 * and answers a malformed interaction with a 500 (`payload=null`) or, after 3 s, a 404
 * (`payload={}`). This answers both at once: 401 for a signature or timestamp Slack did not make,
 * 400 for a signed body that is no Slack request, each with one warn line and no stack. Nothing of
 * an unsigned body is looked at beyond the signature. Bolt then verifies again and dispatches.
 */
export function slackRequestGuard(signingSecret: string, log: Logger, now: () => number = Date.now): RequestHandler[] {
  const readBody = express.raw({ type: () => true, limit: BODY_LIMIT });
  const guard: RequestHandler = (req, res, next) => {
    const body: unknown = req.body;
    const raw = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
    const check = checkSlackRequest(
      signingSecret,
      {
        body: raw.toString("utf8"),
        contentType: req.headers["content-type"],
        signature: header(req.headers["x-slack-signature"]),
        timestamp: header(req.headers["x-slack-request-timestamp"]),
      },
      Math.floor(now() / 1000),
    );
    if (!check.ok) {
      log.warn({ path: req.path, status: check.status, reason: check.reason }, "refused a Slack request");
      res.status(check.status).json({ error: check.reason });
      return;
    }
    // Bolt reads the body from req.rawBody when it is there (as on Google Cloud); the stream is spent.
    Object.assign(req, { rawBody: raw });
    req.body = undefined;
    next();
  };
  return [readBody, guard];
}

export function checkSlackRequest(
  signingSecret: string,
  request: {
    readonly body: string;
    readonly contentType: string | undefined;
    readonly signature: string | undefined;
    readonly timestamp: string | undefined;
  },
  nowSeconds: number,
): SlackRequestCheck {
  const { body, signature, timestamp } = request;
  if (!signature || !timestamp) return { ok: false, status: 401, reason: "missing Slack signature headers" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 401, reason: "invalid Slack request timestamp" };
  const skew = Number(timestamp) - nowSeconds;
  if (Math.abs(skew) > SLACK_MAX_CLOCK_SKEW_SECONDS) {
    return {
      ok: false,
      status: 401,
      reason: `Slack request timestamp is ${Math.abs(skew)} s in the ${skew > 0 ? "future" : "past"} (at most ${SLACK_MAX_CLOCK_SKEW_SECONDS} s allowed)`,
    };
  }
  const expected = Buffer.from(
    `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`,
  );
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, status: 401, reason: "Slack signature mismatch" };
  }
  const problem = malformed(body, request.contentType ?? "");
  return problem ? { ok: false, status: 400, reason: problem } : { ok: true };
}

/** Why a signed body is no request Kurs can dispatch, or undefined when it is one. */
function malformed(body: string, contentType: string): string | undefined {
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(body);
    const payload = form.get("payload");
    // Slash commands and SSL checks are plain forms; Bolt handles them.
    if (payload === null)
      return form.has("command") || form.has("ssl_check") ? undefined : "form without payload or command";
    return malformedInteraction(parseJson(payload));
  }
  if (contentType.startsWith("application/json")) {
    const event = parseJson(body);
    if (!isRecord(event)) return "body is not a JSON object";
    return typeof event.type === "string" ? undefined : "event without type";
  }
  return `unsupported content type "${contentType}"`;
}

function malformedInteraction(payload: unknown): string | undefined {
  if (!isRecord(payload)) return "interaction payload is not a JSON object";
  if (typeof payload.type !== "string") return "interaction payload without type";
  if (payload.type === "block_actions") {
    const actions = payload.actions;
    if (!Array.isArray(actions) || actions.length === 0) return "block_actions without actions";
    if (!actions.every((a) => isRecord(a) && typeof a.action_id === "string")) return "block action without action_id";
  }
  if (payload.type === "view_submission" || payload.type === "view_closed") {
    const view = payload.view;
    if (!isRecord(view) || typeof view.callback_id !== "string") return `${payload.type} without view.callback_id`;
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
