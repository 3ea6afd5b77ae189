import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { kpiReport } from "../../src/core/kpis/kpis.js";
import { DEMO_COMPANY, demoOrgCsv, demoTickets, seedDemoTickets } from "../../src/core/org/demo.js";
import { importOrg } from "../../src/core/org/import-org.js";
import type { TenantInfo } from "../../src/core/org/types.js";
import { type Database, openDatabase } from "../../src/db/client.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";
import { PrismaTicketRepository } from "../../src/db/ticket-repository.js";

const NOW = new Date("2026-11-25T10:00:00Z");
let db: Database;
let tenant: TenantInfo;
let tickets: PrismaTicketRepository;

beforeAll(async () => {
  db = await openDatabase({ kind: "postgres", url: inject("databaseUrl") });
  tenant = await new PrismaTenantRepository(db.prisma).ensure({
    slug: `demo-${randomUUID().slice(0, 8)}`,
    name: "Demo",
  });
  const outcome = await importOrg(new PrismaOrgRepository(db.prisma), tenant.id, demoOrgCsv());
  expect(outcome.ok).toBe(true);
  tickets = new PrismaTicketRepository(db.prisma, db.sql);
});

afterAll(async () => {
  await db?.close();
});

describe("demo tickets", () => {
  it("are the same on every run", () => {
    const weeks = [{ key: "2026-W10", start: new Date("2026-03-01T23:00:00Z") }];
    const options = { weeks, programmeStart: new Date("2026-01-05T00:00:00Z"), now: NOW };
    expect(demoTickets(options)).toEqual(demoTickets(options));
    expect(new Set(demoTickets(options).map((t) => t.ticketId)).size).toBe(demoTickets(options).length);
  });

  it("fill a year for every team, and the KPIs improve from the baseline on; a second run changes nothing", async () => {
    const seeded = await seedDemoTickets(tickets, tenant, NOW);
    expect(seeded.weeks).toBe(53);
    expect(seeded.programmeStart).toBe("2026-04-13");
    expect(seeded.count).toBeGreaterThan(8_000);
    const count = await db.prisma.ticket.count({ where: { tenantId: tenant.id } });
    expect(count).toBe(seeded.count);

    const units = await new PrismaOrgRepository(db.prisma).units(tenant.id);
    const outcome = await kpiReport(tickets, {
      tenantId: tenant.id,
      timezone: tenant.timezone,
      units,
      settings: await tickets.kpiSettings(tenant.id),
      now: NOW,
    });
    if (!outcome.ok) throw new Error(outcome.code);
    const { report } = outcome;
    expect(report.unit).toBe(DEMO_COMPANY);
    expect(report.enough_data).toBe(true);
    const base = report.baseline;
    if (!base) throw new Error("no baseline");
    expect(report.processing_time_hours.median ?? 0).toBeLessThan((base.processing_time_hours.median ?? 0) * 0.8);
    expect(report.first_response_hours.median ?? 0).toBeLessThan(base.first_response_hours.median ?? 0);
    expect(report.first_time_resolution ?? 0).toBeGreaterThan(base.first_time_resolution ?? 1);
    expect(report.deadline_compliance ?? 0).toBeGreaterThan(base.deadline_compliance ?? 1);

    const again = await seedDemoTickets(tickets, tenant, NOW);
    expect(again).toEqual(seeded);
    expect(await db.prisma.ticket.count({ where: { tenantId: tenant.id } })).toBe(count);
  });
});
