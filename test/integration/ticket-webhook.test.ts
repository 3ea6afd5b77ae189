import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { PrismaTicketRepository } from "../../src/db/ticket-repository.js";
import { createLogger } from "../../src/logger.js";
import { createWebApp } from "../../src/web/server.js";
import { kursSignature, mountTicketWebhook, zammadSignature } from "../../src/web/ticket-webhook.js";
import { createKpiTenant, type KpiTenant } from "../fixtures/kpi-tickets.js";

const SECRET = "a-webhook-secret-of-at-least-32-characters";
let db: Database;
let server: Server;
let url: string;
let fixture: KpiTenant;
let tickets: PrismaTicketRepository;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  fixture = await createKpiTenant(db);
  tickets = new PrismaTicketRepository(db.prisma, db.sql);
  await tickets.setWebhookSecret(fixture.tenant.id, SECRET);
  const netz = (await tickets.targets(fixture.tenant.id)).paths.get(`${fixture.company}/Service/Netz`);
  await tickets.mapGroup(fixture.tenant.id, "2nd Level Netz", netz ?? "");
  const log = createLogger("silent");
  const web = createWebApp([], log);
  mountTicketWebhook(web, {
    tenants: new PrismaTenantRepository(db.prisma),
    tickets,
    clock: { now: () => new Date() },
    log,
    rateLimitPerMinute: 30,
  });
  server = await new Promise<Server>((resolve) => {
    const s = web.listen(0, "127.0.0.1", () => resolve(s));
  });
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/tickets`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  await db?.close();
});

const ticket = (id: string, extra: Record<string, string> = {}) => ({
  ticket_id: id,
  team_path: `${fixture.company}/Service/Desk`,
  created_at: "2026-07-01T08:00:00+02:00",
  ...extra,
});

async function post(body: string, headers: Record<string, string>): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-kurs-tenant": fixture.tenant.slug, ...headers },
    body,
  });
}

function signed(payload: unknown, options: { ageSeconds?: number; secret?: string } = {}) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000) - (options.ageSeconds ?? 0));
  return {
    body,
    headers: {
      "x-kurs-timestamp": timestamp,
      "x-kurs-signature": kursSignature(options.secret ?? SECRET, timestamp, body),
    },
  };
}

async function stored(id: string) {
  return db.prisma.ticket.findUnique({ where: { tenantId_ticketId: { tenantId: fixture.tenant.id, ticketId: id } } });
}

describe("POST /webhooks/tickets", () => {
  it("saves one signed ticket, then a batch, and a repeat changes nothing", async () => {
    const one = signed(ticket("W1", { resolved_at: "2026-07-01T10:00:00+02:00", reopened_count: "1" }));
    const res = await post(one.body, one.headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: 1, updated: 0, unchanged: 0 });
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("ratelimit-policy")).toContain("30");
    expect((await stored("W1"))?.resolvedAt?.toISOString()).toBe("2026-07-01T08:00:00.000Z");

    const batch = signed({ tickets: [ticket("W2"), ticket("W3", { team_path: "2nd Level Netz" })] });
    expect(await (await post(batch.body, batch.headers)).json()).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const again = signed([ticket("W2"), ticket("W3", { team_path: "2nd Level Netz" })]);
    expect(await (await post(again.body, again.headers)).json()).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect((await stored("W3"))?.source).toBe("webhook");
  });

  it("refuses unsigned, wrongly signed and replayed requests with 401 and saves nothing", async () => {
    const payload = ticket("X1");
    const body = JSON.stringify(payload);
    expect((await post(body, {})).status).toBe(401);
    const wrong = signed(payload, { secret: "another-secret-of-at-least-32-characters!" });
    expect((await post(wrong.body, wrong.headers)).status).toBe(401);
    // The signature of one body does not cover another.
    const tampered = signed(payload);
    expect((await post(JSON.stringify(ticket("X1", { status: "x" })), tampered.headers)).status).toBe(401);
    const replayed = signed(payload, { ageSeconds: 6 * 60 });
    expect((await post(replayed.body, replayed.headers)).status).toBe(401);
    const unknownTenant = signed(payload);
    expect((await post(unknownTenant.body, { ...unknownTenant.headers, "x-kurs-tenant": "nope" })).status).toBe(401);
    expect(await stored("X1")).toBeNull();
    // Within five minutes it is accepted.
    const recent = signed(payload, { ageSeconds: 4 * 60 });
    expect((await post(recent.body, recent.headers)).status).toBe(200);
  });

  it("rejects a batch with one bad ticket as a whole", async () => {
    const batch = signed([ticket("B1"), ticket("B2", { team_path: "Nirgendwo" })]);
    const res = await post(batch.body, batch.headers);
    expect(res.status).toBe(422);
    const answer = (await res.json()) as { problems: { line: number; code: string }[] };
    expect(answer.problems.map((p) => [p.line, p.code])).toEqual([[2, "team_path"]]);
    expect(await stored("B1")).toBeNull();
    const garbage = signed("nonsense");
    expect((await post(garbage.body, garbage.headers)).status).toBe(400);
  });

  it("accepts Zammad's format with X-Hub-Signature and refuses it wrongly signed or stale", async () => {
    const zammad = (updatedAt: Date) =>
      JSON.stringify({
        ticket: {
          id: 77,
          number: "31077",
          group: { name: "2nd Level Netz" },
          state: { name: "closed" },
          created_at: "2026-07-02T06:00:00.000Z",
          first_response_at: "2026-07-02T06:30:00.000Z",
          close_at: "2026-07-02T09:00:00.000Z",
          close_escalation_at: "2026-07-03T06:00:00.000Z",
          updated_at: updatedAt.toISOString(),
        },
        article: { id: 1, body: "Drucker geht wieder" },
      });
    const stale = zammad(new Date(Date.now() - 10 * 60_000));
    const tenantQuery = `?tenant=${fixture.tenant.slug}`;
    const send = (body: string, signature: string) =>
      fetch(url + tenantQuery, {
        method: "POST",
        headers: { "content-type": "application/json", "x-hub-signature": signature },
        body,
      });
    expect((await send(stale, zammadSignature(SECRET, stale))).status).toBe(401);
    const fresh = zammad(new Date());
    expect((await send(fresh, zammadSignature("wrong-secret-wrong-secret-wrong-secret", fresh))).status).toBe(401);
    expect(await stored("31077")).toBeNull();
    const res = await send(fresh, zammadSignature(SECRET, fresh));
    expect(res.status).toBe(200);
    const saved = await stored("31077");
    expect(saved).toMatchObject({ source: "zammad", status: "closed", reopenedCount: 0 });
    expect(saved?.resolvedAt?.toISOString()).toBe("2026-07-02T09:00:00.000Z");
    expect(saved?.dueAt?.toISOString()).toBe("2026-07-03T06:00:00.000Z");
  });

  it("limits the rate per client", async () => {
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await post("{}", {})).status;
    expect(status).toBe(429);
  });
});
