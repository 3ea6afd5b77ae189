import { DEFAULT_TENANT_SLUG } from "../app.js";
import { type Config, loadConfig } from "../config.js";
import type { TenantInfo } from "../core/org/types.js";
import { type Database, openDatabase } from "../db/client.js";
import { PrismaOrgRepository } from "../db/org-repository.js";
import { PrismaTenantRepository } from "../db/tenant-repository.js";

export interface CliContext {
  readonly config: Config;
  readonly db: Database;
  readonly tenants: PrismaTenantRepository;
  readonly org: PrismaOrgRepository;
}

/** Opens the database (migrated) for one CLI command and always closes it. */
export async function withDatabase<T>(fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  try {
    await db.migrate();
    return await fn({
      config,
      db,
      tenants: new PrismaTenantRepository(db.prisma),
      org: new PrismaOrgRepository(db.prisma),
    });
  } finally {
    await db.close();
  }
}

/** The default tenant is created on demand (as `npm start` does); other slugs must exist. */
export async function resolveTenant(ctx: CliContext, slug: string): Promise<TenantInfo | null> {
  if (slug === DEFAULT_TENANT_SLUG) {
    return ctx.tenants.ensure({ slug, name: ctx.config.tenantName, defaultLocale: ctx.config.defaultLocale });
  }
  return ctx.tenants.findBySlug(slug);
}
