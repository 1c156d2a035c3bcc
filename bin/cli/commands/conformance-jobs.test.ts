import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { conformance } from "./conformance.ts";
import { report } from "./report.ts";
import { maskedConformanceReport } from "../../../reports/testing/masked-conformance-report.ts";

/**
 * Two canaries (one caught by the model run's 5th run, one by its 6th, each shrunk) and a
 * third-party TypeScript driver (it loads in the workers too).
 */
const RUN = [
  ...["--driver", "conformance/driver/test-fixtures/leaky-driver.ts#LeakyDriver"],
  ...["--canary", "leak-on-delete", "--canary", "ignore-cancel"],
  ...["--rules", "model.*,delete.*,round-trip.one-*", "--seed", "6", "--runs", "6", "--max-commands", "8", "--quiet"],
];
const REPORTS = ["conformance.jsonl", "conformance.junit.xml", "conformance.md", "conformance.html", "conformance-run.json"];

describe("cbh conformance --jobs N and --shard I/N", () => {
  let dir: string;
  let out: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cbh-conf-jobs-"));
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (out.push(String(s)), true));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it("--jobs 2 writes the reports of --jobs 1 (JSONL, JUnit, Markdown, HTML, run record), durations aside; 3 shards merged equal them", async () => {
    expect(await conformance.run([...RUN, "--jobs", "1", "--report", join(dir, "one")])).toBe(1);
    expect(await conformance.run([...RUN, "--jobs", "2", "--report", join(dir, "two")])).toBe(1);
    const jsonl = await readFile(join(dir, "one", "conformance.jsonl"), "utf8");
    const model = jsonl
      .split("\n")
      .filter((l) => l.includes('"model.random-operation-sequences"'))
      .map((l) => JSON.parse(l) as { driver: string; status: string; reason: string | null });
    expect(model.map((m) => [m.driver, m.status])).toEqual([
      ["conformance/driver/test-fixtures/leaky-driver.ts#LeakyDriver", "FAIL"],
      ["canary:leak-on-delete", "FAIL"],
      ["canary:ignore-cancel", "FAIL"],
    ]);
    expect(model[1]!.reason).toContain("(after 5 runs, 4 shrinks)");
    expect(model[2]!.reason).toContain("(after 6 runs, 1 shrinks)");
    for (const f of REPORTS)
      expect(await maskedConformanceReport(join(dir, "two"), f), f).toBe(await maskedConformanceReport(join(dir, "one"), f));

    for (const i of [1, 2, 3]) {
      out.length = 0;
      const code = await conformance.run([
        ...RUN.filter((a) => a !== "--quiet"),
        "--shard",
        `${i}/3`,
        "--jobs",
        i === 2 ? "2" : "1",
        "--report",
        join(dir, `shard${i}`),
      ]);
      expect([0, 1]).toContain(code);
      expect(out.join("")).toMatch(new RegExp(`seed 6, shard ${i}/3: \\d+ of them`));
      const lines = (await readFile(join(dir, `shard${i}`, "conformance.jsonl"), "utf8")).trim().split("\n");
      expect(lines.length).toBeGreaterThan(0);
      expect(lines.length).toBeLessThan(21);
    }
    out.length = 0;
    const shards = [1, 2, 3].map((i) => join(dir, `shard${i}`));
    expect(await report.run(["merge", ...shards, "--out", join(dir, "merged")])).toBe(1);
    expect(out.join("")).toContain(`merged 3 shard report(s) into ${join(dir, "merged")}: 21 rule results, 7 failed`);
    expect((await readdir(join(dir, "merged"))).sort()).toEqual([...REPORTS].sort());
    for (const f of REPORTS)
      expect(await maskedConformanceReport(join(dir, "merged"), f), f).toBe(await maskedConformanceReport(join(dir, "one"), f));
  }, 600_000);

  it("refuses bad --jobs and --shard (exit 2) and shard sets that do not make one run", async () => {
    expect(await conformance.run(["--jobs", "0"])).toBe(2);
    expect(out.join("")).toContain("--jobs must be an integer from 1 to 256, got '0'");
    expect(await conformance.run(["--shard", "4/3"])).toBe(2);
    expect(out.join("")).toContain("--shard must look like I/N with 1 ≤ I ≤ N ≤ 1000 (e.g. 2/3), got '4/3'");
    const small = ["--driver", "ref", "--rules", "round-trip.one-*,delete.delete-*", "--jobs", "1", "--quiet"];
    expect(await conformance.run([...small, "--shard", "1/2", "--report", join(dir, "a1")])).toBe(0);
    expect(await conformance.run([...small, "--seed", "2", "--shard", "2/2", "--report", join(dir, "b2")])).toBe(0);
    await expect(report.run(["merge", join(dir, "a1"), "--out", join(dir, "m")])).rejects.toThrow(
      "shard 2/2 is missing: merge needs all 2 shards",
    );
    await expect(report.run(["merge", join(dir, "a1"), join(dir, "b2"), "--out", join(dir, "m")])).rejects.toThrow(
      /is not a shard of the same run/,
    );
    await expect(report.run(["merge", join(dir, "a1"), join(dir, "a1"), "--out", join(dir, "m")])).rejects.toThrow(
      "shard 1/2 is given 2 times",
    );
    await writeFile(join(dir, "b2", "conformance-run.json"), '{"command":"cbh conformance","units":{}}');
    await expect(report.run(["merge", join(dir, "a1"), join(dir, "b2"), "--out", join(dir, "m")])).rejects.toThrow(
      /conformance-run\.json: not a conformance run record/,
    );
    await expect(report.run(["merge", join(dir, "a1"), join(dir, "no-such"), "--out", join(dir, "m")])).rejects.toThrow(
      `${join(dir, "no-such")} is not a shard report: it holds neither chaos-run.json`,
    );
  }, 120_000);
});
