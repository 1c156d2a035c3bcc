import { describe, expect, it } from "vitest";
import { loadModuleDriver } from "../driver/module-driver.ts";
import { allRules } from "../rules/index.ts";
import { runSuite } from "../runner/run-suite.ts";

const SPEC = "conformance/examples/sparse-object-driver.ts#SparseObjectDriver";

describe("example third-party driver (own store layout, no incrementals, sparse-aware)", () => {
  it("passes every rule that applies; incremental rules SKIP, chunked-format rules NA", async () => {
    // in-process (the fast path): the worker-thread path is covered by conformance/driver/load/driver-load.test.ts
    const dut = await loadModuleDriver(SPEC, process.cwd(), "memory", "in-process");
    const s = await runSuite({
      drivers: [{ dut, replayPrefix: `npx cbh conformance --driver ${SPEC}` }],
      property: { numRuns: 4, maxCommands: 8 },
    });
    expect(s.results.filter((r) => r.outcome === "FAIL").map((r) => `${r.ruleId}: ${r.reason}`)).toEqual([]);
    const skipped = s.results.filter((r) => r.outcome === "SKIP").map((r) => r.ruleId);
    expect(skipped.sort()).toEqual(
      allRules
        .filter((r) => r.requires.includes("incremental"))
        .map((r) => r.id)
        .sort(),
    );
    expect(s.results.filter((r) => r.outcome === "NA").map((r) => r.ruleId)).toEqual([
      "format.metadata-md5-matches-data",
      "format.sha256file-matches-volume",
      // its store is in memory, not behind the fault proxy
      "faults.transient-backup-completes-or-fails-cleanly",
      "faults.restore-never-wrong-bytes",
      "faults.delete-after-failed-backup-leaves-nothing",
    ]);
    expect(s.results.find((r) => r.ruleId === "round-trip.sparse-aware-skips-zero-blocks")?.outcome).toBe("PASS");
  });
});
