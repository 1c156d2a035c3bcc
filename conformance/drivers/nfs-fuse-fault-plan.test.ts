import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { faultFor, type FaultPlan } from "../../lib/backends/fault-proxy/index.ts";
import { hostPython, SHIM_DIR } from "./python-runtime.ts";

// cbh_nfs_fuse's seeded ENOSPC/EIO plan (mount option cbh_faults=): the same draws as the HTTP fault proxy's
// plans, re-read when the file changes, every decision logged. The faults under a real mount:
// nfs-fuse-faults.int.test.ts.
const py = (code: string, ...args: string[]) =>
  spawnSync(hostPython(), ["-c", code, ...args], { encoding: "utf8", env: { ...process.env, PYTHONPATH: SHIM_DIR } });

describe("cbh_nfs_fuse fault plan", () => {
  it("draws the fault proxy's faults for the same seed, rate, after and operation index", () => {
    const plans = [
      { seed: 1, rate: 0.3, faults: ["enospc", "eio"], after: 0 },
      { seed: 7, rate: 1, faults: ["eio"], after: 3 },
      { seed: 12345, rate: 0.5, faults: ["enospc", "eio"], after: 2 },
    ];
    for (const plan of plans) {
      const r = py(
        "import json, sys; from cbh_nfs_fuse.fault_plan import fault_for; p = json.loads(sys.argv[1]); print(json.dumps([fault_for(p, i) for i in range(40)]))",
        JSON.stringify(plan),
      );
      expect(r.stderr).toBe("");
      const want = Array.from({ length: 40 }, (_, i) => faultFor(plan as unknown as FaultPlan, i, "PUT"));
      expect(JSON.parse(r.stdout), JSON.stringify(plan)).toEqual(want);
    }
  });

  it("re-reads the plan file when it changes, counts only the plan's ops, logs every decision; a plan it cannot apply is none", () => {
    const dir = mkdtempSync(join(tmpdir(), "cbh-nfs-plan-"));
    try {
      const plan = join(dir, "plan.json");
      const r = py(
        `import json, os, sys
from cbh_nfs_fuse.fault_plan import FaultPlan
path = sys.argv[1]
fp = FaultPlan(path)
out = [fp.check('write', '/a')]                      # no file: no plan
with open(path, 'w') as f: json.dump({'seed': 1, 'rate': 1, 'faults': ['enospc'], 'ops': ['write'], 'after': 2}, f)
out += [fp.check('write', '/a'), fp.check('read', '/a'), fp.check('write', '/b'), fp.check('write', '/c')]
with open(path, 'w') as f: json.dump({'seed': 1, 'rate': 1, 'faults': ['http-500']}, f)
out += [fp.check('write', '/d')]
os.remove(path)
out += [fp.check('write', '/e')]
print(json.dumps(out))`,
        plan,
      );
      expect(r.stderr).toBe("");
      expect(JSON.parse(r.stdout)).toEqual([0, 0, 0, 0, 28, 0, 0]); // ENOSPC = 28: the third write (after 2); then no plan
      const log = readFileSync(`${plan}.log`, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(log).toEqual([
        { op: "write", path: "/a", index: 0, fault: null },
        { op: "write", path: "/b", index: 1, fault: null },
        { op: "write", path: "/c", index: 2, fault: "enospc" },
        { error: `unknown faults or ops in ${plan}` },
      ]);
      writeFileSync(plan, "");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
