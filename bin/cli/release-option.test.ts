import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { parseServeArgs } from "../server/serve-options.ts";
import { chaos } from "./commands/chaos.ts";
import { replay } from "./commands/replay.ts";
import { traceHash } from "./commands/trace-hash.ts";
import { parseDiffArgs, replayCommand } from "./diff/diff-options.ts";
import { backend } from "./commands/backend.ts";

// `--release epoxy` (cinder 26.0.0, sim/kernel/release-profile.ts) wherever --release is accepted.
describe("--release epoxy across the CLI", () => {
  let out: string[];
  beforeEach(() => {
    out = [];
    vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  const json = () =>
    out
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it("cbh serve --release epoxy builds the epoxy profile; an unknown release names the three", () => {
    expect(parseServeArgs(["--release", "epoxy"]).release).toBe("epoxy");
    expect(() => parseServeArgs(["--release", "dalmatian"])).toThrow("--release must be zed, epoxy, master; got 'dalmatian'");
  });

  it("cbh diff --release epoxy (and --bundled --release epoxy, the Epoxy cloud); --bundled --release master has no image", () => {
    expect(parseDiffArgs(["--release", "epoxy", "--seeds", "3"]).release).toBe("epoxy");
    const o = parseDiffArgs(["--bundled", "--release", "epoxy", "--seeds", "3"]);
    expect(replayCommand(o, 3)).toBe("npx cbh diff --bundled --release epoxy --seeds 3");
    expect(() => parseDiffArgs(["--bundled", "--release", "master"])).toThrow(/built for zed and epoxy only/);
    expect(() => parseDiffArgs(["--release", "yoga"])).toThrow("--release must be zed, epoxy, master; got 'yoga'");
  });

  it("cbh replay --release epoxy runs the workflows on the epoxy profile (cross-az: the requested AZ is stored, checked by the workflow)", async () => {
    expect(await replay.run(["cross-az", "--release", "epoxy", "--geometry", "small", "--json"])).toBe(0);
    const verdict = json().find((l) => "verdict" in l)!;
    expect(verdict).toMatchObject({ workflow: "cross-az", release: "epoxy", verdict: "PASS" });
    await expect(replay.run(["cross-az", "--release", "zed,kilo"])).rejects.toThrow(/--release must be zed, epoxy, master .*'kilo'/);
    await expect(replay.run(["cross-az", "--cloud", "x", "--release", "epoxy"])).rejects.toThrow(
      /--release picks the bundled cloud's release/,
    );
    await expect(replay.run(["cross-az", "--bundled", "--release", "master"])).rejects.toThrow(
      "--release: the bundled cloud is built for zed, epoxy, not 'master'",
    );
  });

  it("cbh chaos run --release epoxy: max-operations-saturation keeps Zed's overlap (limit_operations wraps create_backup in 26.0.0)", async () => {
    const file = "scenarios/library/max-operations-saturation.yaml";
    expect(await chaos.run(["run", file, "--seed", "1", "--release", "epoxy", "--geometry", "small", "--json", "--jobs", "1"])).toBe(0);
    expect(json().map((r) => [r.release, r.verdict])).toEqual([["epoxy", "PASS"]]);
    await expect(chaos.run(["run", file, "--release", "bobcat"])).rejects.toThrow(/--release must be zed, epoxy, master/);
  });

  it("cbh trace-hash --release epoxy differs from zed's (AZ, parent choice, volume_is_new) and is stable", async () => {
    expect(await traceHash.run(["--seed", "1", "--release", "epoxy"])).toBe(0);
    const epoxy = out.join("").trim().split("\n").at(-1);
    out.length = 0;
    expect(await traceHash.run(["--seed", "1", "--release", "epoxy"])).toBe(0);
    expect(out.join("").trim().split("\n").at(-1)).toBe(epoxy);
    out.length = 0;
    expect(await traceHash.run(["--seed", "1", "--release", "zed"])).toBe(0);
    expect(out.join("").trim().split("\n").at(-1)).not.toBe(epoxy);
    await expect(traceHash.run(["--release", "queens"])).rejects.toThrow("--release must be zed, epoxy, master; got 'queens'");
  });

  it("cbh backend start: cinder@RELEASE names a built release; other kinds have none", async () => {
    await expect(backend.run(["start", "cinder@master"])).rejects.toThrow(
      "cinder@RELEASE: the bundled cloud is built for zed, epoxy, not 'master'",
    );
    await expect(backend.run(["start", "cinder@epoxy", "--release", "zed"])).rejects.toThrow("cinder@epoxy and --release zed disagree");
    await expect(backend.run(["start", "ceph@epoxy"])).rejects.toThrow("ceph has no release");
  });
});
