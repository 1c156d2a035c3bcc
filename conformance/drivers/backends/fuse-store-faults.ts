import { readFileSync, writeFileSync } from "node:fs";
import { faultFor, type FaultPlan, type ProxiedRequest, type StoreFault } from "../../../lib/backends/fault-proxy/index.ts";
import type { StoreFaults } from "./store-faults.ts";

/**
 * A proxy plan's faults as the file system under the NFS mount can give them: a store refusing
 * (5xx, throttling) is ENOSPC on a write, a broken transfer (reset, truncated body) is EIO; a read
 * gets EIO either way. `latency` has no counterpart here and holds its place in the draw.
 */
const AS_FILE_SYSTEM: Readonly<Record<StoreFault, "enospc" | "eio" | "none">> = {
  "http-500": "enospc",
  "http-503": "enospc",
  throttle: "enospc",
  reset: "eio",
  truncate: "eio",
  latency: "none",
};

/** The plan file cbh_nfs_fuse reads (mount option `cbh_faults=`): same seed, rate, after; methods → its ops. */
export function fusePlan(plan: FaultPlan): object {
  const methods = plan.methods ?? ["PUT", "POST", "GET"];
  return {
    seed: plan.seed,
    rate: plan.rate,
    after: plan.after ?? 0,
    faults: plan.faults.map((f) => AS_FILE_SYSTEM[f]),
    ops: [...(methods.some((m) => m === "PUT" || m === "POST") ? ["write"] : []), ...(methods.includes("GET") ? ["read"] : [])],
  };
}

interface FuseDecision {
  op?: "write" | "read";
  path?: string;
  index?: number;
}

/**
 * The `faults.*` rules' seam for a store under FUSE in the driver's container (cinder:nfs's NFS
 * client, cinder:posix's passthrough `cbh_posix_fuse`): the file system injects ENOSPC/EIO from the
 * plan file (re-read when it changes) and logs each write/read it decided on; a write is reported
 * as a PUT and a read as a GET of that file, with the plan's fault for its index (the same
 * splitmix32 draw on both sides). `onUse` hears each plan (the posix binding routes the driver
 * instances created while one is set through the mount).
 */
export function fuseStoreFaults(
  planFile: string,
  label = "ENOSPC/EIO injected by the FUSE NFS client under the mount",
  onUse?: (plan: FaultPlan | null) => void,
): StoreFaults {
  let current: FaultPlan | null = null;
  writeFileSync(planFile, "");
  return {
    label,
    use(plan) {
      onUse?.(plan);
      current = plan;
      writeFileSync(`${planFile}.log`, "");
      writeFileSync(planFile, plan ? JSON.stringify(fusePlan(plan)) : "");
    },
    log(): ProxiedRequest[] {
      let text = "";
      try {
        text = readFileSync(`${planFile}.log`, "utf8");
      } catch {
        return [];
      }
      const plan = current;
      return text
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as FuseDecision)
        .filter((d): d is Required<FuseDecision> => d.op !== undefined && d.index !== undefined)
        .map((d, seq) => {
          const method = d.op === "write" ? "PUT" : "GET";
          const fault = plan ? faultFor(plan, d.index, method) : null;
          return { seq, method, path: d.path, object: true, fault, upstreamStatus: fault && fault !== "latency" ? null : 200 };
        });
    },
  };
}
