import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadScenarios } from "./load-scenarios.ts";

const dir = mkdtempSync(join(tmpdir(), "cbh-load-scenarios-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loadScenarios: a path that is not a scenario is refused with its name, and never read unbounded", () => {
  it.each([
    [join(dir, "missing.yaml"), "no such file or directory"],
    [dir, "no *.yaml scenario in this directory"],
    ["/dev/zero", "not a regular file"],
  ])("%s → %s", async (path, detail) => {
    await expect(loadScenarios(path)).rejects.toMatchObject({ code: "CHAOS_BAD_SCENARIO", message: `${path}: ${detail}` });
  });
});
