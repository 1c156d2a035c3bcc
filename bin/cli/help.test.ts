import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
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
    const bare = cbh();
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toBe(r.stdout);
  });
});

/** The words before the options: a sub-command where the command has them. */
const PREFIX: Record<string, string[]> = { store: ["ls"], chaos: ["run"], report: ["merge"], bench: ["sim"], backend: ["start"] };

describe("an unknown option is one line naming it and --help, exit 2, on every command", { timeout: 180_000 }, () => {
  for (const name of Object.keys(commands)) {
    it(`cbh ${name} ${[...(PREFIX[name] ?? []), "--bogus"].join(" ")}`, () => {
      const r = cbh(name, ...(PREFIX[name] ?? []), "--bogus");
      expect(r.stderr).toBe(`cbh ${name}: unknown option --bogus (see cbh ${name} --help)\n`);
      expect(r.stdout).toBe("");
      expect(r.status).toBe(2);
    });
  }

  it("a missing value and a typo say so, with the nearest option", () => {
    const missing = cbh("replay", "--seed");
    expect(missing.stderr).toBe("cbh replay: --seed needs a value (see cbh replay --help)\n");
    expect(missing.status).toBe(2);
    const typo = cbh("chaos", "run", "x.yaml", "--seeds", "1..2", "--kep-going");
    expect(typo.stderr).toBe("cbh chaos: unknown option --kep-going; did you mean --keep-going? (see cbh chaos --help)\n");
    expect(typo.status).toBe(2);
  });
});

describe("--report DIR that cannot be written is refused before the run, not after it", { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "cbh-report-dir-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, "a-file"), "");
  const bad = join(dir, "a-file", "reports");
  const library = fileURLToPath(new URL("../../scenarios/library/duplicated-delete-backup.yaml", import.meta.url));
  for (const argv of [
    ["chaos", "run", library, "--geometry", "small", "--release", "zed"],
    ["conformance", "--rules", "setup.*"],
    ["replay", "service-list", "--geometry", "small"],
    ["compat", "--from", "zed", "--to", "epoxy"],
    // with --bundled: refused before the containers start (nothing on stdout, no "starting" line)
    ["diff", "--bundled", "--seeds", "1"],
  ])
    it(`cbh ${argv[0]} --report <under a file>`, () => {
      const r = cbh(...argv, "--report", bad);
      expect(r.stderr).toBe(`cbh ${argv[0]}: --report ${bad}: cannot write reports there (ENOTDIR)\n`);
      expect(r.stdout).toBe(""); // nothing ran
      expect(r.status).toBe(2);
    });
});
