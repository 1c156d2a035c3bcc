import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The facade rule (eslint.config.js): the cloud implementation is private to sim/cloud, the
 * testing entry belongs to the model's own tests, and the kernel and services never build on
 * sim/cloud. Lint one import as if it lived at `filePath`.
 */
async function restricted(filePath: string, from: string): Promise<boolean> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(`import type { X } from "${from}";\nexport type Y = X;\n`, { filePath });
  return (result?.messages ?? []).some((m) => m.ruleId === "no-restricted-imports");
}

describe("facade lint rule", () => {
  it.each([
    ["scenarios/runner/__probe__.ts", "../../sim/cloud/simulated-cloud-impl.ts"],
    ["bin/cli/commands/__probe__.ts", "../../../sim/cloud/testing.ts"],
    ["sim/workflows/__probe__.ts", "../cloud/simulated-cloud-impl.ts"],
    ["sim/rest/__probe__.test.ts", "../cloud/testing.ts"],
    ["sim/tests/__probe__.test.ts", "../cloud/simulated-cloud-impl.ts"],
    ["sim/services/backup/__probe__.ts", "../../cloud/index.ts"],
    ["sim/kernel/__probe__.ts", "../cloud/simulated-cloud.ts"],
    ["sim/core/__probe__.ts", "../kernel/cloud-state.ts"],
  ])("rejects in %s an import of %s", async (file, from) => {
    expect(await restricted(file, from)).toBe(true);
  });

  it.each([
    ["scenarios/runner/__probe__.ts", "../../sim/cloud/index.ts"],
    ["sim/tests/__probe__.test.ts", "../cloud/testing.ts"],
    ["sim/tests/helpers/__probe__.ts", "../../cloud/testing.ts"],
    ["sim/cloud/__probe__.ts", "./simulated-cloud-impl.ts"],
    ["sim/services/backup/__probe__.ts", "../../kernel/cloud-state.ts"],
  ])("accepts in %s an import of %s", async (file, from) => {
    expect(await restricted(file, from)).toBe(false);
  });
});
