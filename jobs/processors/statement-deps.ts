import type { StatementDeliveryDeps } from "../../src/core/statements/statement-service.js";
import type { ProcessorDeps } from "./deps.js";

/** The core's view of the worker's dependencies for statement jobs. */
export function statementDeliveryDeps(deps: ProcessorDeps): StatementDeliveryDeps {
  return {
    statements: deps.statements,
    org: deps.org,
    tenants: deps.tenants,
    clock: deps.clock,
    notifier: deps.notifier,
  };
}
