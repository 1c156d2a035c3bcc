import { defineConfig } from "vitest/config";

// Three projects: `unit` (in-process, no containers; `npm test`), `integration` (real containers and
// real OpenStack clients; `npm run test:integration`) and `oracle` (the harness against a real Zed
// cloud in a container, `*.oracle.test.ts`: all of them with `npm run test:oracle`; those listed in
// scripts/ci/oracle-gate.list also at the end of `npm run test:integration`, docs/oracle.md).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{lib,sim,conformance,scenarios,fixtures,reports,bin,scripts}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.oracle.test.ts", "node_modules/**"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude: ["node_modules/**"],
          testTimeout: 600_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: "oracle",
          include: ["**/*.oracle.test.ts"],
          exclude: ["node_modules/**"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
