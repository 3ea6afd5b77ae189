import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Integration and e2e tests share one Postgres and one Redis; each test uses its own tenant
    // or queue prefix, so files may run in parallel, but the 2-core CI machine likes few workers.
    maxWorkers: 2,
    // Generous on purpose: a loaded two-core machine must not turn a slow test into a failure.
    // No test asserts on elapsed time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ["default", "./test/helpers/summary-reporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          // Pure code, no services: `npm run test:unit` passes with PostgreSQL and Redis stopped.
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          // Real PostgreSQL and Redis: global-setup creates the run's database and checks Redis,
          // and its teardown fails the run if a test left queue keys behind.
          name: "integration",
          include: ["test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"],
          globalSetup: ["test/helpers/global-setup.ts"],
          // Real databases, child processes and job queues on a machine shared with other runs.
          testTimeout: 180_000,
        },
      },
    ],
  },
});
