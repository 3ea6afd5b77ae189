import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../src/paths.js";

describe("the unit test project", () => {
  it("needs no PostgreSQL or Redis: no unit test reaches for the services or the helpers that start them", () => {
    const dir = join(PROJECT_ROOT, "test", "unit");
    const services =
      /from ["'](bullmq|ioredis|pg|[^"']*\/src\/db\/client\.js|[^"']*helpers\/(kurs-instance|temp-database|run-cli|service-process|processor-deps|tenant-fixture|queue-keys|redis-keys)\.js)["']|\binject\(/;
    const offenders = readdirSync(dir)
      .filter((name) => name.endsWith(".ts"))
      .filter((name) => services.test(readFileSync(join(dir, name), "utf8")));
    // A test that needs a service belongs in test/integration (it runs with the global setup).
    expect(offenders).toEqual([]);
  });
});
