import type { Directory, OrgRepository, TenantRepository } from "../../src/core/ports.js";
import type { Logger } from "../../src/logger.js";

export interface ProcessorDeps {
  readonly org: OrgRepository;
  readonly tenants: TenantRepository;
  readonly directories: { readonly slack?: Directory };
  readonly log: Logger;
}
