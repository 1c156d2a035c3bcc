import { defineConfig } from "vitest/config";

// Two projects: `unit` (in-process, no containers; `npm test`) and `integration`
// (real containers and real OpenStack clients; `npm run test:integration`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{sim,lib,conformance,scenarios,fixtures,reports,bin,scripts}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
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
    ],
  },
});
