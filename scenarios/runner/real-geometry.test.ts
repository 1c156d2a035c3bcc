import { describe, expect, it } from "vitest";
import { parseScenario } from "../format/index.ts";
import { runScenario, type ChaosGeometry, type RunResult } from "./index.ts";

/** A 1 GB volume, backed up and restored (the data-loss check compares the bytes). */
const oneGb = (fill: "random" | "zeros") =>
  parseScenario(
    `name: one-gb
description: a 1 GB volume, backed up and restored
workload:
  - volume: { as: v1, size: 1, az: az1, fill: ${fill} }
  - backup: { as: b1, volume: v1 }
  - wait: { for: b1, status: available }
  - restore: { backup: b1, as: v2 }
  - wait: { for: v2, status: available }
expect: { b1: available, v2: available }
`,
    "scenarios/one-gb.yaml",
  );

/** `object_count` of b1 as the backup manager recorded it when b1 became available. */
function objectCount(r: RunResult): unknown {
  const e = r.trace.find((x) => x.event.type === "status" && x.event.resource === "backup" && x.event.to === "available");
  return e?.detail?.["object_count"];
}

describe("chaos geometry", () => {
  it("defaults to real: a 1 GB volume is 1 GiB of device, backed up in 52428800-byte objects", async () => {
    const r = await runScenario(oneGb("random"), 1, "zed");
    expect(r.verdict, JSON.stringify(r.findings)).toBe("PASS");
    expect(r.geometry).toBe("real");
    // ceil(2^30 / 52428800) = 21; a 10^9-byte device would give 20, small geometry 4, posix's chunk 1.
    expect(objectCount(r)).toBe(21);
    expect(r.replay).toBe("npx cbh chaos run scenarios/one-gb.yaml --seed 1 --release zed");
  });

  it.each([
    ["small", 4], // 1 MiB device, 256 KiB objects
    ["real-posix", 1], // 1 GiB < 1999994880 (an empty volume: a 1 GiB chunk with data costs seconds)
  ] as const)("--geometry %s: object_count %i, and the replay command names the geometry", async (geometry: ChaosGeometry, n) => {
    const r = await runScenario(oneGb(geometry === "small" ? "random" : "zeros"), 1, "zed", { geometry });
    expect(r.verdict, JSON.stringify(r.findings)).toBe("PASS");
    expect(objectCount(r)).toBe(n);
    expect(r.replay).toBe(`npx cbh chaos run scenarios/one-gb.yaml --seed 1 --release zed --geometry ${geometry}`);
  });
});
