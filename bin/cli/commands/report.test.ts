import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chaos } from "./chaos.ts";
import { report } from "./report.ts";

/** A report file with what depends on the wall clock masked (start time, wall ms). */
async function masked(dir: string, name: string): Promise<string> {
  const text = await readFile(join(dir, name), "utf8");
  return text
    .replace(/(started(?:At)?["]?:\s*"?)[^"\n<]+/g, "$1<start>")
    .replace(/"wallMs":\d+/g, '"wallMs":0')
    .replace(/\| \d+ \|$/gm, "| <wall> |");
}

describe("cbh chaos run --shard I/N and cbh report merge", () => {
  let dir: string;
  let out: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cbh-shard-"));
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (out.push(String(s)), true));
    await mkdir(join(dir, "lib"));
    await copyFile("scenarios/library/lost-continue-backup.yaml", join(dir, "lib", "a-lost.yaml"));
    await copyFile("scenarios/canary/lost-chunk.yaml", join(dir, "lib", "b-canary.yaml"));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  for (const keepGoing of [true, false]) {
    it(`3 shards merged equal the unsharded run's report (Markdown, HTML, JUnit, JSONL, traces)${keepGoing ? " with --keep-going" : ", cut at the first failing run"}`, async () => {
      const args = [
        "run",
        join(dir, "lib"),
        "--seeds",
        "1..3",
        "--release",
        "zed",
        "--geometry",
        "small",
        ...(keepGoing ? ["--keep-going"] : []),
      ];
      expect(await chaos.run([...args, "--jobs", "1", "--report", join(dir, "whole")])).toBe(1);
      for (const i of [1, 2, 3])
        await chaos.run([...args, "--shard", `${i}/3`, "--jobs", i === 1 ? "2" : "1", "--report", join(dir, `shard${i}`)]);
      const shard1 = await readFile(join(dir, "shard1", "chaos.jsonl"), "utf8");
      expect(
        shard1
          .trim()
          .split("\n")
          .map((l) => (JSON.parse(l) as { seed: number }).seed),
      ).toEqual([3, 3]);
      expect(await readFile(join(dir, "shard1", "chaos.md"), "utf8")).toContain("- shard: 1/3");
      expect(await report.run(["merge", join(dir, "shard1"), join(dir, "shard2"), join(dir, "shard3"), "--out", join(dir, "merged")])).toBe(
        1,
      );
      expect(out.join("")).toContain(`merged 3 shard report(s) into ${join(dir, "merged")}`);
      const files = (await readdir(join(dir, "whole"))).sort();
      expect(files).toContain("chaos.junit.xml");
      expect(files).toContain("chaos.html");
      expect(files).toContain("trace-canary-lost-chunk-zed-1.jsonl");
      expect((await readdir(join(dir, "merged"))).sort()).toEqual(files);
      for (const f of files) expect(await masked(join(dir, "merged"), f), f).toBe(await masked(join(dir, "whole"), f));
      const runs = (await readFile(join(dir, "merged", "chaos.jsonl"), "utf8")).trim().split("\n").length;
      expect(runs).toBe(keepGoing ? 6 : 4);
    }, 300_000);
  }

  it("refuses a missing shard, a shard of another sweep, and a directory that is no report", async () => {
    const args = ["run", join(dir, "lib", "a-lost.yaml"), "--seeds", "1..2", "--release", "zed", "--geometry", "small", "--jobs", "1"];
    await chaos.run([...args, "--shard", "1/2", "--report", join(dir, "s1")]);
    await chaos.run([...args, "--shard", "2/2", "--keep-going", "--report", join(dir, "s2")]);
    await chaos.run([...args, "--shard", "2/2", "--report", join(dir, "s2b")]);
    expect(await report.run(["merge", join(dir, "s2b"), join(dir, "s1"), "--out", join(dir, "ok")])).toBe(0);
    expect(out.join("")).toContain("2 passed, 0 failed");
    await expect(report.run(["merge", join(dir, "s1"), "--out", join(dir, "m")])).rejects.toThrow(
      "shard 2/2 is missing: merge needs all 2 shards",
    );
    await expect(report.run(["merge", join(dir, "s1"), join(dir, "s2"), "--out", join(dir, "m")])).rejects.toThrow(
      /is not a shard of the same sweep/,
    );
    await expect(report.run(["merge", join(dir, "lib"), "--out", join(dir, "m")])).rejects.toThrow(
      `${join(dir, "lib")} is not a shard report: it holds neither chaos-run.json`,
    );
    // --out naming an input would overwrite that shard's report: refused, and the shard is untouched
    const before = await readFile(join(dir, "s1", "chaos-run.json"), "utf8");
    for (const out of [join(dir, "s1"), `${join(dir, "s1")}/`, join(dir, "s1", "..", "s1")])
      await expect(report.run(["merge", join(dir, "s1"), join(dir, "s2b"), "--out", out])).rejects.toThrow(
        `--out ${out} is one of the report directories (${join(dir, "s1")}): writing there would overwrite its report`,
      );
    expect(await readFile(join(dir, "s1", "chaos-run.json"), "utf8")).toBe(before);
    await expect(report.run(["merge", join(dir, "s1")])).rejects.toThrow(/--out DIR is required/);
    await expect(chaos.run([...args, "--shard", "3/2"])).rejects.toThrow(/--shard must look like I\/N/);
    await expect(chaos.run([...args, "--jobs", "0"])).rejects.toThrow(/--jobs must be an integer from 1 to 256/);
  }, 120_000);
});
