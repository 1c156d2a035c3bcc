import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFuseScript } from "./testing/run-fuse-script.ts";
import { runConformance } from "../run-conformance.ts";
import { PYTHON_CANARY_DIR } from "./python-canaries.ts";

// Issue 9's fault layer under the posix path: the drivers image's passthrough FUSE file system
// (cbh_posix_fuse, cbh_nfs_fuse's seeded ENOSPC/EIO plan) over a local directory, which the shim
// mounts over the run's work directory for a posix store; the faults.* rules point the driver at
// its store through it. (cinder:posix and cinder:posix@epoxy also run these rules with every
// other one in real-drivers.int.test.ts.)
const RULES = [
  "faults.transient-backup-completes-or-fails-cleanly",
  "faults.restore-never-wrong-bytes",
  "faults.delete-after-failed-backup-leaves-nothing",
];

describe("cbh_posix_fuse: seeded ENOSPC/EIO under a posix store", () => {
  it("the fourth write fails ENOSPC (after 3), the directory keeps the three; reads fail EIO under a read plan; files belong to the directory's owner", async () => {
    const src = await mkdtemp(join(tmpdir(), "cbh-posix-fuse-src-"));
    try {
      const plan = (p: object) => `echo '${JSON.stringify(p)}' > ${src}/plan.json`;
      const script = [
        `PYTHONPATH=/opt/cbh python3 -m cbh_posix_fuse ${src} /m --faults ${src}/plan.json || exit 9`,
        "mkdir /m/d",
        plan({ seed: 1, rate: 1, faults: ["enospc"], ops: ["write"], after: 3 }),
        "dd if=/dev/urandom of=/m/d/a bs=131072 count=8 2>&1; echo dd=$?",
        plan({ seed: 1, rate: 1, faults: ["eio"], ops: ["read"] }),
        "cat /m/d/a >/dev/null 2>/tmp/err; echo cat=$?; cat /tmp/err",
        `: > ${src}/plan.json`,
        "echo bytes=$(cat /m/d/a | wc -c)",
        "umount /m",
      ].join("\n");
      const out = await runFuseScript(src, script);
      expect(out).toMatch(/No space left on device/);
      expect(out).toContain("dd=1");
      expect(out).toContain("cat=1");
      expect(out).toMatch(/Input\/output error/);
      expect(out).toContain(`bytes=${3 * 131072}`);
      const written = await stat(join(src, "d", "a"));
      expect(written.size).toBe(3 * 131072); // what reached the directory
      const owner = await stat(src);
      expect([written.uid, written.gid]).toEqual([owner.uid, owner.gid]);
      const log = (await readFile(join(src, "plan.json.log"), "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { op: string; fault: string | null });
      expect(log.slice(0, 4).map((e) => `${e.op}:${e.fault}`)).toEqual(["write:null", "write:null", "write:null", "write:enospc"]);
      expect(log.some((e) => e.op === "read" && e.fault === "eio")).toBe(true);
    } finally {
      await rm(src, { recursive: true, force: true });
    }
  }, 300_000);

  it("cinder:posix runs the faults.* rules (PASS, its behaviour observed); a posix driver that swallows failed writes is caught", async () => {
    const summary = await runConformance({
      drivers: ["cinder:posix", "python:cbh_canaries.posix.SwallowsFailedWrites"],
      backend: "posix",
      rules: "faults.*",
      protocol: { driverPaths: [PYTHON_CANARY_DIR] },
    });
    const of = (driver: string, rule: string) => summary.results.find((r) => r.driver === driver && r.ruleId === rule)!;
    for (const rule of RULES) {
      expect(of("cinder:posix", rule).outcome, `${rule}: ${of("cinder:posix", rule).reason ?? ""}`).toBe("PASS");
      expect(of("cinder:posix", rule).observed?.[0]).toMatch(/object requests, [1-9]\d* faults: \d+ retried/);
    }
    // PosixBackupDriver never retries a refused write: the backup ends in error (a "retry" is
    // Python's buffered writer flushing the same file again on close).
    expect(of("cinder:posix", "faults.delete-after-failed-backup-leaves-nothing").observed![0]).toMatch(
      /http-500 \d+\/\d+\), [1-9]\d* abandoned/,
    );
    const canary = of("python:cbh_canaries.posix.SwallowsFailedWrites", "faults.delete-after-failed-backup-leaves-nothing");
    expect(canary.outcome).toBe("FAIL");
    expect(canary.reason).toMatch(/did not fail/);
  }, 600_000);
});
