import { describe, expect, it } from "vitest";
import type { TraceEntry } from "../../sim/cloud/index.ts";
import { loadScenario } from "../format/index.ts";
import { nondeterminism, parseSeedRange, sweepSeeds } from "./index.ts";

const entry = (seq: number, what: string): TraceEntry => ({
  t: 1000 + seq,
  seq,
  service: "cinder-backup",
  host: "site1",
  kind: "state",
  event: { type: "note", text: what, subjects: [] },
  what,
});

describe("seed sweep", () => {
  it("parses 7, 1..200 and 1-200; refuses empty and huge ranges", () => {
    expect(parseSeedRange("7")).toEqual({ from: 7, to: 7 });
    expect(parseSeedRange("1..200")).toEqual({ from: 1, to: 200 });
    expect(parseSeedRange("3-4")).toEqual({ from: 3, to: 4 });
    expect(() => parseSeedRange("5..1")).toThrow(/empty or invalid/);
    expect(() => parseSeedRange("0..100000")).toThrow(/at most 100000 seeds per sweep, got 100001/);
    expect(() => parseSeedRange("x")).toThrow(/like 7 or 1..200/);
  });

  it("stops at the first failing seed unless keepGoing; passing runs drop their trace", async () => {
    const canary = await loadScenario("scenarios/canary/lost-chunk.yaml");
    const lost = await loadScenario("scenarios/library/lost-continue-backup.yaml");
    const seen: string[] = [];
    const stop = await sweepSeeds([lost, canary], {
      seeds: { from: 1, to: 2 },
      releases: ["zed"],
      geometry: "small",
      onResult: (r, done, total) => seen.push(`${done}/${total} ${r.scenario} ${r.seed} ${r.verdict}`),
    });
    expect(seen).toEqual(["1/4 lost-continue-backup 1 PASS", "2/4 lost-continue-backup 2 PASS", "3/4 canary-lost-chunk 1 FAIL"]);
    expect(stop.stopped).toBe(true);
    expect(stop.results[0]!.trace).toEqual([]);
    expect(stop.results[2]!.trace.length).toBeGreaterThan(0);
    const all = await sweepSeeds([canary], {
      seeds: { from: 1, to: 2 },
      releases: ["master"],
      geometry: "small",
      keepGoing: true,
      checkDeterminism: true,
    });
    expect(all.stopped).toBe(false);
    expect(all.results.map((r) => r.findings.map((f) => f.code))).toEqual([["data-loss"], ["data-loss"]]);
  });

  it("names the first line where two runs of a seed diverge", () => {
    const a = [entry(0, "x"), entry(1, "backup b creating → available"), entry(2, "z")];
    const b = [entry(0, "x"), entry(1, "backup b creating → error"), entry(2, "z")];
    const f = nondeterminism(a, b);
    expect(f.code).toBe("nondeterminism");
    expect(f.message).toBe("two runs of this seed diverge at trace line 1 (t=1001, backup b creating → available)");
    expect(f.traceSeq).toBe(1);
  });
});
