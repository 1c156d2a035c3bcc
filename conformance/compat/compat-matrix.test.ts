import { describe, expect, it } from "vitest";
import { junitXml, markdownReport } from "../../reports/conformance/index.ts";
import { COMPAT_CASES, missingNeeds, selectCases } from "./compat-cases.ts";
import { cellResult, compatColumn, compatPassed, compatRunInfo, compatSummary, replayCommand } from "./compat-matrix.ts";

const full = selectCases(["full"])[0]!;
const zstd = selectCases(["compression-zstd"])[0]!;

describe("compat case catalogue", () => {
  it("has unique ids and every case the issue names: full, chain, each compression, sparse, volume metadata, records", () => {
    const ids = COMPAT_CASES.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      "full",
      "incremental-chain",
      "compression-none",
      "compression-zlib",
      "compression-bz2",
      "compression-zstd",
      "sparse",
      "volume-metadata",
      "export-import",
    ]);
    expect(COMPAT_CASES.find((c) => c.id === "incremental-chain")!.incrementals).toBe(2);
    expect(COMPAT_CASES.filter((c) => c.records).map((c) => c.id)).toEqual(["export-import"]);
    expect(COMPAT_CASES.filter((c) => c.volumeMeta).map((c) => c.id)).toEqual(["volume-metadata"]);
  });

  it("names what a driver lacks for a case", () => {
    const caps = {
      incremental: false,
      forceDelete: false,
      restoreCancel: false,
      compression: ["none", "zlib"],
      exportImport: true,
      sparseAware: false,
      encryption: false,
    };
    expect(missingNeeds(full, caps)).toEqual([]);
    expect(missingNeeds(zstd, caps)).toEqual(["zstd compression", "incremental backups"]);
    expect(missingNeeds(selectCases(["compression-none"])[0]!, caps)).toEqual([]);
  });
});

describe("compat matrix", () => {
  it("upgrade: --from writes and --to reads; downgrade: the reverse", () => {
    expect(compatColumn("s3", "upgrade", "zed", "epoxy")).toEqual({
      id: "cinder:s3 upgrade zed→epoxy",
      driver: "s3",
      direction: "upgrade",
      writer: "zed",
      reader: "epoxy",
    });
    expect(compatColumn("s3", "downgrade", "zed", "epoxy")).toMatchObject({
      id: "cinder:s3 downgrade epoxy→zed",
      writer: "epoxy",
      reader: "zed",
    });
    expect(replayCommand(compatColumn("s3", "downgrade", "zed", "epoxy"), "zed", "epoxy", full)).toBe(
      "npx cbh compat --from zed --to epoxy --driver s3 --direction downgrade --case full",
    );
  });

  it("reports driver × direction columns and case rows; NA is never a pass, a FAIL fails the run", () => {
    const up = compatColumn("posix", "upgrade", "zed", "epoxy");
    const down = compatColumn("posix", "downgrade", "zed", "epoxy");
    const info = compatRunInfo([up, down], [full, zstd], 1, "2026-12-03T00:00:00Z");
    const results = [
      cellResult(up, full, "r1", "PASS", 10),
      cellResult(up, zstd, "r2", "NA", 0, { reason: "zed's driver cannot write it: no zstd compression" }),
      cellResult(down, full, "r3", "FAIL", 12, {
        reason: "restore point 1/1 with zed: restored bytes differ",
        expected: "sha256 a",
        actual: "sha256 b",
      }),
      cellResult(down, zstd, "r4", "PASS", 9),
    ];
    const s = compatSummary(info, results, 31);
    expect(s.counts[up.id]).toEqual({ PASS: 1, FAIL: 0, SKIP: 0, NA: 1 });
    expect(s.counts[down.id]).toEqual({ PASS: 1, FAIL: 1, SKIP: 0, NA: 0 });
    expect(compatPassed(s)).toBe(false);
    expect(compatPassed(compatSummary(info, results.slice(0, 2), 1))).toBe(true);
    const md = markdownReport(s);
    expect(md).toContain("| rule | cinder:posix upgrade zed→epoxy | cinder:posix downgrade epoxy→zed |");
    expect(md).toMatch(/\| `compression-zstd` \| ➖ NA \| ✅ PASS \|/);
    expect(md).toContain("- replay: `r3`");
    const xml = junitXml(s);
    expect(xml).toContain('<testsuite name="cinder:posix downgrade epoxy→zed" tests="2" failures="1"');
    expect(xml).toContain('message="NA: zed&apos;s driver cannot write it: no zstd compression"');
  });
});
