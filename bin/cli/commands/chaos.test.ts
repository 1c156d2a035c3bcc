import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { chaos } from "./chaos.ts";

const BROKEN = `name: broken
description: expects the wrong status after a lost continue_backup
workload:
  - volume: { as: v1, size: 1, az: az1 }
  - backup: { as: b1, volume: v1 }
  - settle
faults:
  - at: { step: 1 }
    drop: { method: continue_backup }
recovery:
  restart: [cinder-backup@site1]
expect:
  b1: available
`;

describe("cbh chaos", () => {
  let dir: string;
  let out: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "cbh-chaos-"));
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, "write").mockImplementation((s) => (out.push(String(s)), true));
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await rm(dir, { recursive: true, force: true });
  });

  it("run: exits 1 on a finding, prints it with the replay command, writes Markdown and JSON-lines reports", async () => {
    const file = join(dir, "broken.yaml");
    await writeFile(file, BROKEN);
    const code = await chaos.run(["run", file, "--seeds", "4..6", "--release", "zed", "--geometry", "small", "--report", join(dir, "out")]);
    expect(code).toBe(1);
    const text = out.join("");
    expect(text).toContain("[1/3] FAIL broken zed seed 4");
    expect(text).toContain("[unexpected-status] after recovery: b1 is error, expected available");
    expect(text).toContain(`replay: npx cbh chaos run ${file} --seed 4 --release zed --geometry small`);
    expect(text).toMatch(/0 passed, 1 failed \(stopped at the first failing seed/);
    const md = await readFile(join(dir, "out", "chaos.md"), "utf8");
    expect(md).toContain("## FAIL broken — zed, seed 4");
    expect(md).toMatch(/```text\n[\s\S]*> \+\s*\d+\.\d{3}s #\d+/);
    expect(md).toContain("- **broken** (zed): v1: backing-up→available ×1; b1: creating→error ×1");
    expect(md).toContain("- **broken** (zed): line 8 ×1/1");
    expect(md).toMatch(/```mermaid\nsequenceDiagram[\s\S]*P\d+-xP\d+: continue_backup/);
    const lines = (await readFile(join(dir, "out", "chaos.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      scenario: "broken",
      seed: 4,
      release: "zed",
      verdict: "FAIL",
      replay: `npx cbh chaos run ${file} --seed 4 --release zed --geometry small`,
    });
    expect(await readFile(join(dir, "out", "trace-broken-zed-4.jsonl"), "utf8")).toContain(
      '"what":"dropped cast cinder-backup.site1 continue_backup',
    );
  });

  it("run --keep-going runs every seed; --json prints one object per run", async () => {
    const file = join(dir, "broken.yaml");
    await writeFile(file, BROKEN);
    expect(await chaos.run(["run", file, "--seeds", "1..2", "--release", "master", "--geometry", "small", "--keep-going", "--json"])).toBe(
      1,
    );
    const runs = out
      .join("")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(runs.map((r) => [r.seed, r.verdict])).toEqual([
      [1, "FAIL"],
      [2, "FAIL"],
    ]);
    expect(runs[0].findings[0].code).toBe("unexpected-status");
  });

  it("run: exit 0 when the scenario holds; a bad scenario file is an error naming file:line", async () => {
    const good = join(dir, "good.yaml");
    await writeFile(good, BROKEN.replace("b1: available", "b1: error"));
    expect(await chaos.run(["run", good, "--seed", "2", "--release", "zed", "--geometry", "small"])).toBe(0);
    await writeFile(good, BROKEN.replace("size: 1", "size: lots"));
    await expect(chaos.run(["run", good])).rejects.toThrow(`${good}:4:`);
    await expect(chaos.run(["run", good, "--seed", "1", "--seeds", "1..2"])).rejects.toThrow(/exclusive/);
    await expect(chaos.run(["run", good, "--geometry", "huge"])).rejects.toThrow(/--geometry must be real, real-posix, small; got 'huge'/);
    await writeFile(good, BROKEN.replace("workload:", "releases: [master]\nworkload:"));
    await expect(chaos.run(["run", good, "--release", "zed"])).rejects.toThrow(/no run: the scenario\(s\) cover only master/);
  });

  it("list: names, files and references of the library", async () => {
    expect(await chaos.run(["list"])).toBe(0);
    const text = out.join("");
    expect(text).toContain("lost-continue-backup\n  file: scenarios/library/lost-continue-backup.yaml");
    expect(text).toMatch(/\n(\d+) scenario\(s\)\n$/);
  });

  it("list finds the library from any directory; a path that does not exist says where the library is", async () => {
    const library = fileURLToPath(new URL("../../../scenarios/library", import.meta.url));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await chaos.run(["list"])).toBe(0);
      expect(out.join("")).toContain(`lost-continue-backup\n  file: ${join(library, "lost-continue-backup.yaml")}`);
      for (const argv of [
        ["run", "scenarios/libraryy"],
        ["list", "scenarios/libraryy"],
      ])
        await expect(chaos.run(argv)).rejects.toMatchObject({
          code: "usage",
          message: `scenarios/libraryy: no such file or directory (the scenario library is ${library})`,
        });
      await expect(chaos.run(["list", "a", "b"])).rejects.toThrow("chaos list takes one directory, got 2");
    } finally {
      process.chdir(cwd);
    }
  });
});
