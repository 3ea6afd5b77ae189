import { randomUUID } from "node:crypto";
import { importOrg } from "../../src/core/org/import-org.js";
import type { Locale, TenantInfo } from "../../src/core/org/types.js";
import type { Database } from "../../src/db/client.js";
import { PrismaOrgRepository } from "../../src/db/org-repository.js";
import { PrismaTenantRepository } from "../../src/db/tenant-repository.js";

export interface TestTenant {
  readonly tenant: TenantInfo;
  readonly slackTeamId: string;
  readonly teamsTenantId: string;
  /** People by short name, with their platform ids. */
  readonly people: {
    readonly boss: TestPerson;
    readonly lead: TestPerson;
    /** Team lead of Service/Desk; Anna and Tom report to her. */
    readonly tina: TestPerson;
    readonly anna: TestPerson;
    readonly tom: TestPerson;
  };
}

export interface TestPerson {
  readonly email: string;
  readonly name: string;
  readonly slackUserId: string;
  readonly aadObjectId: string;
}

/**
 * A small organisation in its own tenant: Birgit (managing director) > Lars (area head, Service)
 * > Tina (team lead, Service/Desk) > Anna (de) and Tom (en), members of Service/Desk.
 * Its own tenant, so tests sharing one database never see each other's rows.
 */
export async function createTestTenant(
  db: Database,
  options: { name?: string; defaultLocale?: Locale } = {},
): Promise<TestTenant> {
  const suffix = randomUUID().slice(0, 8);
  const slackTeamId = `T${suffix.toUpperCase()}`;
  const teamsTenantId = randomUUID();
  const tenants = new PrismaTenantRepository(db.prisma);
  const tenant = await tenants.ensure({
    slug: `test-${suffix}`,
    name: options.name ?? `Testfirma ${suffix}`,
    defaultLocale: options.defaultLocale ?? "de",
    slackTeamId,
    teamsTenantId,
  });
  const person = (key: string, name: string): TestPerson => ({
    email: `${key}.${suffix}@example.com`,
    name,
    slackUserId: `U${key.toUpperCase()}${suffix.toUpperCase()}`,
    aadObjectId: randomUUID(),
  });
  const people = {
    boss: person("boss", "Birgit Becker"),
    lead: person("lead", "Lars Lehmann"),
    tina: person("tina", "Tina Teamleiterin"),
    anna: person("anna", "Anna Schmidt"),
    tom: person("tom", "Tom O'Brien"),
  };
  const company = `Testfirma ${suffix}`;
  const csv = [
    "email,name,role,unit_path,manager_email,slack_user_id,teams_aad_object_id,locale,timezone",
    `${people.boss.email},${people.boss.name},managing_director,${company},,${people.boss.slackUserId},${people.boss.aadObjectId},de,Europe/Berlin`,
    `${people.lead.email},${people.lead.name},area_head,${company}/Service,${people.boss.email},${people.lead.slackUserId},${people.lead.aadObjectId},de,Europe/Berlin`,
    `${people.tina.email},${people.tina.name},team_lead,${company}/Service/Desk,${people.lead.email},${people.tina.slackUserId},${people.tina.aadObjectId},de,Europe/Berlin`,
    `${people.anna.email},${people.anna.name},member,${company}/Service/Desk,${people.tina.email},${people.anna.slackUserId},${people.anna.aadObjectId},de,Europe/Berlin`,
    `${people.tom.email},${people.tom.name},member,${company}/Service/Desk,${people.tina.email},${people.tom.slackUserId},${people.tom.aadObjectId},en,Europe/Berlin`,
  ].join("\n");
  const outcome = await importOrg(new PrismaOrgRepository(db.prisma), tenant.id, csv);
  if (!outcome.ok) throw new Error(`fixture import failed: ${JSON.stringify(outcome.problems)}`);
  return { tenant, slackTeamId, teamsTenantId, people };
}
