import { createHmac, timingSafeEqual } from "node:crypto";
import express, { type Application, type Request, type Response } from "express";
import { rateLimit } from "express-rate-limit";
import helmet from "helmet";
import {
  ingestTickets,
  readKursBody,
  readZammadBody,
  WEBHOOK_TOLERANCE_MS,
  type WebhookBody,
} from "../core/kpis/ticket-webhook.js";
import type { Clock, KpiSettingsRepository, TenantRepository, TicketRepository } from "../core/ports.js";
import type { Logger } from "../logger.js";

export interface TicketWebhookDeps {
  readonly tenants: TenantRepository;
  readonly tickets: TicketRepository & KpiSettingsRepository;
  readonly clock: Clock;
  readonly log: Logger;
  /** Requests per minute and client address (default 120). */
  readonly rateLimitPerMinute?: number;
}

export const TIMESTAMP_HEADER = "x-kurs-timestamp";
export const SIGNATURE_HEADER = "x-kurs-signature";
export const TENANT_HEADER = "x-kurs-tenant";

/** `sha256=` + hex HMAC-SHA256 over `${timestamp}.${body}` with the tenant's secret. */
export function kursSignature(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;
}

/** Zammad's `X-Hub-Signature`: `sha1=` + hex HMAC-SHA1 over the body. */
export function zammadSignature(secret: string, body: string | Buffer): string {
  return `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
}

/**
 * POST /webhooks/tickets: tickets pushed by the service desk, signed with the tenant's secret.
 * Anything unsigned, wrongly signed or replayed gets 401 before the body is even parsed.
 */
export function mountTicketWebhook(web: Application, deps: TicketWebhookDeps): void {
  const router = express.Router();
  router.use(helmet());
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.rateLimitPerMinute ?? 120,
      standardHeaders: "draft-8",
      legacyHeaders: false,
      message: { error: "too many requests" },
    }),
  );
  // The signature covers the exact bytes, so the body stays raw until it is verified.
  router.post("/webhooks/tickets", express.raw({ type: () => true, limit: "5mb" }), async (req, res, next) => {
    try {
      await handle(deps, req, res);
    } catch (err) {
      next(err);
    }
  });
  web.use(router);
}

async function handle(deps: TicketWebhookDeps, req: Request, res: Response): Promise<void> {
  const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const slug = header(req, TENANT_HEADER) ?? (typeof req.query.tenant === "string" ? req.query.tenant : "default");
  const tenant = await deps.tenants.findBySlug(slug);
  const secret = tenant ? await deps.tickets.webhookSecret(tenant.id) : null;
  const refuse = (reason: string): void => {
    deps.log.warn({ tenant: slug, reason, remote: req.ip }, "refused a ticket webhook");
    res.status(401).json({ error: "unauthorized" });
  };
  if (!tenant || !secret) return refuse("unknown tenant or no webhook secret set");

  const now = deps.clock.now().getTime();
  let parsed: WebhookBody & { updatedAt?: Date | null };
  let source: "webhook" | "zammad";
  const hub = header(req, "x-hub-signature");
  if (hub !== undefined) {
    if (!sameSignature(hub, zammadSignature(secret, body))) return refuse("bad X-Hub-Signature");
    parsed = readZammadBody(parseJson(body));
    // Zammad signs no timestamp; the ticket's own updated_at inside the signed body stands in for it.
    if (parsed.ok && parsed.updatedAt && Math.abs(now - parsed.updatedAt.getTime()) > WEBHOOK_TOLERANCE_MS) {
      return refuse("replayed Zammad delivery (updated_at older than 5 minutes)");
    }
    source = "zammad";
  } else {
    const timestamp = header(req, TIMESTAMP_HEADER);
    const signature = header(req, SIGNATURE_HEADER);
    if (!timestamp || !signature || !/^\d{9,11}$/.test(timestamp)) return refuse("missing signature headers");
    if (Math.abs(now - Number(timestamp) * 1000) > WEBHOOK_TOLERANCE_MS) return refuse("timestamp outside 5 minutes");
    if (!sameSignature(signature, kursSignature(secret, timestamp, body))) return refuse("bad signature");
    parsed = readKursBody(parseJson(body));
    source = "webhook";
  }
  if (!parsed.ok) {
    res.status(400).json({ error: parsed.reason });
    return;
  }
  const outcome = await ingestTickets(deps.tickets, tenant, parsed.tickets, source);
  if (!outcome.ok) {
    res.status(422).json({ error: "invalid tickets; nothing was saved", problems: outcome.problems });
    return;
  }
  deps.log.info({ tenantId: tenant.id, source, ...outcome.result }, "tickets received by webhook");
  res.json(outcome.result);
}

function header(req: Request, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === "string" ? value : undefined;
}

function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given.trim().toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}
