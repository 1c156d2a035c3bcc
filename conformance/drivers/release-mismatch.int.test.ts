import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

// `cinder:NAME@RELEASE` runs that release's cinder or nothing: asked on the host, whose python3-cinder
// is Zed's 21.3.1, `cinder:posix@epoxy` is refused before any rule runs (exit 2, the shim's describe
// says which cinder it is), instead of a report that calls Zed's driver Epoxy's.
const CBH = join(import.meta.dirname, "..", "..", "bin", "cbh.js");

describe("a driver asked for with a release must run that release", () => {
  it("cinder:posix@epoxy --driver-runtime host on a Zed host: exit 2 naming both releases", () => {
    const run = spawnSync(
      process.execPath,
      [CBH, "conformance", "--driver", "cinder:posix@epoxy", "--driver-runtime", "host", "--rules", "round-trip.one-byte"],
      { encoding: "utf8", timeout: 300_000 },
    );
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /release-mismatch: driver cinder:posix@epoxy: asks for cinder epoxy \(26\.0\.0\), but the host's python3 runs cinder 21\.3\.1 \(zed\)/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(run.stdout).not.toMatch(/PASS|FAIL/);
  }, 300_000);

  it("cinder:posix@zed --driver-runtime host: the same driver as cinder:posix, and it runs", () => {
    const run = spawnSync(
      process.execPath,
      [CBH, "conformance", "--driver", "cinder:posix@zed", "--driver-runtime", "host", "--rules", "round-trip.one-byte"],
      { encoding: "utf8", timeout: 300_000 },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/PASS cinder:posix@zed round-trip\.one-byte/);
  }, 300_000);
});
