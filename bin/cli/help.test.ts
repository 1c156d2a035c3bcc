import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { commands } from "./registry.ts";

const CBH = fileURLToPath(new URL("../cbh.js", import.meta.url));
const cbh = (...args: string[]) => spawnSync(process.execPath, [CBH, ...args], { cwd: tmpdir(), encoding: "utf8", timeout: 60_000 });

describe("--help on every command exits 0 with its usage", { timeout: 180_000 }, () => {
  for (const name of Object.keys(commands)) {
    it(`cbh ${name} --help`, () => {
      const r = cbh(name, "--help");
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(new RegExp(`^usage:\\s+cbh ${name}\\b`));
      expect(r.status).toBe(0);
    });
  }

  it("cbh help lists every command; cbh alone is a usage error", () => {
    const r = cbh("help");
    expect(r.status).toBe(0);
    for (const name of Object.keys(commands)) expect(r.stdout).toContain(`  ${name} `);
    expect(cbh().status).toBe(2);
  });
});
