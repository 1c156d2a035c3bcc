import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The determinism rule (eslint.config.js): nothing under sim/ may read wall-clock time,
 * Math.random, real timers or randomUUID. Lint a snippet as if it lived in sim/.
 */
async function lintAsSim(code: string, filePath = "sim/core/__probe__.ts"): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === "no-restricted-syntax" || m.ruleId === "no-restricted-imports")
    .map((m) => m.message);
}

describe("determinism lint rule for sim/", () => {
  it.each([
    ["Date.now()", "export const t = Date.now();\n"],
    ["new Date()", "export const t = new Date();\n"],
    ["Math.random", "export const r = Math.random();\n"],
    ["setTimeout", "setTimeout(() => undefined, 1);\n"],
    ["setInterval", "setInterval(() => undefined, 1);\n"],
    ["crypto.randomUUID", 'import { randomUUID } from "node:crypto";\nexport const id = crypto.randomUUID();\nvoid randomUUID;\n'],
    ["performance.now", "export const t = performance.now();\n"],
    ["node:timers/promises", 'import { setTimeout as wait } from "node:timers/promises";\nvoid wait;\n'],
  ])("rejects %s", async (_name, code) => {
    expect((await lintAsSim(code)).length).toBeGreaterThan(0);
  });

  it("accepts injected time and seeded randomness", async () => {
    const ok =
      'import { VirtualClock } from "./virtual-clock.ts";\nexport const c = new VirtualClock(0);\nexport const d = new Date(c.now());\n';
    expect(await lintAsSim(ok)).toEqual([]);
  });
});

describe("determinism lint rule for the deterministic libraries", () => {
  it.each(["lib/format/__probe__.ts", "lib/format/rbd/__probe__.ts", "lib/stores/contract/__probe__.ts", "lib/stores/memory/__probe__.ts"])(
    "covers %s",
    async (path) => {
      expect(await lintAsSim("export const t = Date.now();\nsetTimeout(() => undefined, 1);\n", path)).toHaveLength(2);
    },
  );

  it("leaves the real-store clients alone (they talk to services with real timeouts)", async () => {
    expect(await lintAsSim("export const t = Date.now();\n", "lib/stores/swift/__probe__.ts")).toEqual([]);
  });
});
