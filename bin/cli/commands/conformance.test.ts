import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../main.ts";

const cbh = (...args: string[]) =>
  spawnSync(process.execPath, ["bin/cbh.js", "conformance", ...args], { encoding: "utf8", timeout: 60_000 });

describe("cbh conformance", () => {
  it("passes the reference driver, shows progress, writes the four reports, exits 0", () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-cli-"));
    const r = cbh("--driver", "ref", "--rules", "round-trip.one-*,delete.*", "--seed", "3", "--report", dir);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("cbh conformance: 6 rules × 1 driver(s), seed 3");
    expect(r.stdout).toMatch(/\[6\/6\] PASS ref delete\./);
    expect(r.stdout).toContain("ref: 6 passed, 0 failed, 0 skipped, 0 not applicable");
    const lines = readFileSync(join(dir, "conformance.jsonl"), "utf8").trim().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { status: string }).status)).toEqual(Array(6).fill("PASS"));
    expect(readFileSync(join(dir, "conformance.junit.xml"), "utf8")).toContain('tests="6" failures="0"');
    rmSync(dir, { recursive: true, force: true });
  });

  it("exits 1 when a rule fails and prints the replay-able reason", () => {
    const r = cbh(
      "--driver",
      "conformance/driver/test-fixtures/leaky-driver.ts#LeakyDriver",
      "--rules",
      "delete.every-backup-leaves-no-object",
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/FAIL .*leaky-driver\.ts#LeakyDriver delete\.every-backup-leaves-no-object .*objects left in the store/);
  });

  it("runs the canary matrix and says which rule caught each canary", () => {
    const r = cbh("--canary", "wrong-md5", "--canary", "ignore-cancel", "--rules", "format.*,cancel.*", "--quiet");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      "canary canary:wrong-md5: caught by format.metadata-md5-matches-data (named rule format.metadata-md5-matches-data: caught it)",
    );
    expect(r.stdout).toContain("canary canary:ignore-cancel: caught by cancel.backup-force-delete-leaves-no-partial-backup");
  });

  it("rejects bad usage with exit 2 and a clear message", async () => {
    const run = async (...args: string[]) => {
      let err = "";
      const spy = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
        err += String(s);
        return true;
      });
      const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
      try {
        return { status: await main(["conformance", ...args]), stderr: err };
      } finally {
        spy.mockRestore();
        out.mockRestore();
      }
    };
    expect((await run("--seed", "-4")).status).toBe(2);
    expect(await run("--backend", "tape")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining(
        "--backend must be memory, posix, swift, s3, gcs, nfs or ceph (swift, s3, gcs, nfs, ceph: python:/exec: drivers only), got 'tape'",
      ),
    });
    expect(await run("--driver", "nope")).toMatchObject({ status: 2, stderr: expect.stringContaining("unknown driver 'nope'") });
    for (const backend of ["nfs", "ceph"])
      expect(await run("--driver", "ref", "--backend", backend, "--quiet")).toMatchObject({
        status: 2,
        stderr: expect.stringContaining(`driver ref: --backend ${backend} is for python: and exec: drivers`),
      });
    expect(await run("--driver", "python:acme.TapeDriver", "--backend", "nfs", "--driver-runtime", "host", "--quiet")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("the nfs backend needs --driver-runtime container"),
    });
    const noRule = await run("--rules", "no-such-rule.*", "--report", join(tmpdir(), "cbh-no-rule-report"));
    expect(noRule.status).toBe(2);
    // refused before the run: no "0 rules" summary first, no report directory
    expect(noRule.stderr).toMatch(
      /^cbh conformance: no rule matches --rules 'no-such-rule\.\*' \(cbh conformance --list shows every rule\)\n/,
    );
    expect(existsSync(join(tmpdir(), "cbh-no-rule-report"))).toBe(false);
    // a shard that gets no unit of a small selection is not "no rule matches": it passes, and merge joins it
    expect(await run("--rules", "setup.check-for-setup-error", "--shard", "2/2", "--jobs", "1", "--quiet")).toMatchObject({ status: 0 });
    expect(await run("--rules", "setup.check-for-setup-error", "--shard", "1/2", "--jobs", "1", "--quiet")).toMatchObject({ status: 0 });
    expect(await run("--replay", "x:y")).toMatchObject({ status: 2, stderr: expect.stringContaining("expected SEED:PATH") });
    expect(await run("--runs", "0")).toMatchObject({ status: 2, stderr: expect.stringContaining("--runs must be a positive integer") });
    expect(await run("--backend", "gcs", "--list-page-size", "0")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--list-page-size must be an integer 1..1000, got '0'"),
    });
    expect(await run("--driver", "cinder:posix", "--list-page-size", "4")).toMatchObject({
      status: 2,
      stderr: expect.stringContaining("--list-page-size applies to the gcs backend only"),
    });
  });
});
