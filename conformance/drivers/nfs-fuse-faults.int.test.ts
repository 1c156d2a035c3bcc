import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runFuseScript } from "./testing/run-fuse-script.ts";
import { NfsContainer } from "../../lib/backends/index.ts";

// The stretch of issue 9's fault layer: ENOSPC and EIO injected under the NFS path by the drivers
// image's FUSE client (cbh_nfs_fuse; its mount option cbh_faults= names a seeded plan file it
// re-reads), on a real mount of Ganesha's export. The faults.* rules use it for cinder:nfs.
describe("cbh_nfs_fuse: seeded ENOSPC/EIO under a real NFS mount", () => {
  it("the fourth write fails ENOSPC (after 3), the server keeps the three; reads fail EIO under a read plan; no plan, no fault", async () => {
    const exportDir = await mkdtemp(join(tmpdir(), "cbh-nfs-faults-export-"));
    const plans = await mkdtemp(join(tmpdir(), "cbh-nfs-faults-plan-"));
    const nfs = await new NfsContainer().withNfsV3(true).withExportDir(exportDir).start();
    try {
      const plan = (p: object) => `echo '${JSON.stringify(p)}' > ${plans}/plan.json`;
      const script = [
        "mkdir /m",
        `mount -t nfs -o vers=3,port=${nfs.nfsPort},mountport=${nfs.mountPort},cbh_faults=${plans}/plan.json 127.0.0.1:/export /m || exit 9`,
        plan({ seed: 1, rate: 1, faults: ["enospc"], ops: ["write"], after: 3 }),
        "dd if=/dev/urandom of=/m/a bs=131072 count=8 2>&1; echo dd=$?",
        plan({ seed: 1, rate: 1, faults: ["eio"], ops: ["read"] }),
        "cat /m/a >/dev/null 2>/tmp/err; echo cat=$?; cat /tmp/err",
        `: > ${plans}/plan.json`,
        "echo bytes=$(cat /m/a | wc -c)",
        "umount /m",
      ].join("\n");
      const out = await runFuseScript(plans, script);
      expect(out).toMatch(/No space left on device/);
      expect(out).toContain("dd=1");
      expect(out).toContain("cat=1");
      expect(out).toMatch(/Input\/output error/);
      expect(out).toContain(`bytes=${3 * 131072}`);
      expect((await stat(join(exportDir, "a"))).size).toBe(3 * 131072); // what the server stored
      const log = (await readFile(join(plans, "plan.json.log"), "utf8"))
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { op: string; fault: string | null });
      expect(log.slice(0, 4).map((e) => `${e.op}:${e.fault}`)).toEqual(["write:null", "write:null", "write:null", "write:enospc"]);
      expect(log.some((e) => e.op === "read" && e.fault === "eio")).toBe(true);
    } finally {
      await nfs.stop();
      await rm(exportDir, { recursive: true, force: true });
      await rm(plans, { recursive: true, force: true });
    }
  }, 300_000);
});
