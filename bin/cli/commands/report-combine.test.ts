import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { conformance } from "./conformance.ts";
import { report } from "./report.ts";
import { maskedConformanceReport } from "../../../reports/testing/masked-conformance-report.ts";

const RULES = ["--rules", "round-trip.one-*,delete.*", "--quiet"];

describe("cbh report combine: separate runs over different drivers as one matrix", () => {
  let dir: string;
  let out: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cbh-combine-"));
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (out.push(String(s)), true));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it("the reference driver's run and a canary's run combined equal the run of both (JSONL, JUnit, Markdown), and exit as it does", async () => {
    expect(await conformance.run(["--driver", "ref", ...RULES, "--report", join(dir, "ref")])).toBe(0);
    expect(await conformance.run(["--canary", "leak-on-delete", ...RULES, "--report", join(dir, "canary")])).toBe(0);
    expect(await conformance.run(["--driver", "ref", "--canary", "leak-on-delete", ...RULES, "--report", join(dir, "both")])).toBe(0);
    expect(await report.run(["combine", join(dir, "ref"), join(dir, "canary"), "--out", join(dir, "combined")])).toBe(0);
    expect(out.join("")).toContain("2 drivers, 12 rule results, 2 failed (1/1 canaries caught)");
    for (const f of ["conformance.jsonl", "conformance.junit.xml", "conformance.md"])
      expect(await maskedConformanceReport(join(dir, "combined"), f), f).toBe(await maskedConformanceReport(join(dir, "both"), f));
    const record = JSON.parse(await readFile(join(dir, "combined", "conformance-run.json"), "utf8")) as { command: string };
    expect(record.command).toMatch(/^cbh report combine .*ref .*canary --out /);
  });

  it("a driver and rule with a result in two runs is a usage error naming both directories; so is a shard, or one directory", async () => {
    expect(await conformance.run(["--driver", "ref", ...RULES, "--report", join(dir, "a")])).toBe(0);
    expect(await conformance.run(["--driver", "ref", "--rules", "delete.*", "--quiet", "--report", join(dir, "b")])).toBe(0);
    await expect(report.run(["combine", join(dir, "a"), join(dir, "b"), "--out", join(dir, "ab")])).rejects.toMatchObject({
      code: "usage",
      message: expect.stringMatching(/^ref delete\.\S+ has a result in both .*\/a and .*\/b/),
    });
    expect(await conformance.run(["--driver", "ref", ...RULES, "--shard", "1/2", "--report", join(dir, "s1")])).toBe(0);
    await expect(report.run(["combine", join(dir, "a"), join(dir, "s1"), "--out", join(dir, "x")])).rejects.toMatchObject({
      code: "usage",
      message: expect.stringContaining("is shard 1/2 of a run: 'cbh report merge' its shards first"),
    });
    await expect(report.run(["combine", join(dir, "a"), "--out", join(dir, "x")])).rejects.toMatchObject({ code: "usage" });
  });
});
