import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { ModelDivergence } from "./divergence.ts";
import { storeObjectCount, type CloudPair, type PairModel } from "./cloud-pair.ts";

/** Compares every tracked resource across both clouds: statuses, volume bytes (sha256), store objects. */
export async function compareClouds(p: CloudPair, m: PairModel, after: string): Promise<void> {
  for (const [i, v] of m.volumes.entries()) {
    const a = p.model.db.volume(v.model), b = p.system.db.volume(v.system);
    same(`${after}: status of volume #${i}`, a?.status ?? "missing", b?.status ?? "missing");
    if (a?.status === "available" && b?.status === "available") {
      same(`${after}: bytes (sha256) of volume #${i}`, sha(p.model, v.model), sha(p.system, v.system));
      same(`${after}: metadata of volume #${i}`, userMeta(a.metadata, v.model), userMeta(b.metadata, v.system));
    }
  }
  for (const [i, s] of m.snapshots.entries()) {
    same(`${after}: status of snapshot #${i}`, p.model.db.snapshot(s.model)?.status ?? "missing", p.system.db.snapshot(s.system)?.status ?? "missing");
  }
  for (const [i, bk] of m.backups.entries()) {
    const a = p.model.db.backup(bk.model), b = p.system.db.backup(bk.system);
    same(`${after}: status of backup #${i}`, a?.status ?? "missing", b?.status ?? "missing");
    same(`${after}: fail_reason of backup #${i}`, a?.fail_reason ?? "null", b?.fail_reason ?? "null");
  }
  // The cloud's own invariants (quota ledger, dependants counters, nothing stuck): the system may
  // break no more of them than the model does (Zed has quirks of its own, e.g. a snapshot left backing-up).
  same(`${after}: cloud invariants broken`, invariantCodes(p.model), invariantCodes(p.system));
  const mo = await storeObjectCount(p.model), so = await storeObjectCount(p.system);
  if (p.compareObjectCounts) same(`${after}: objects in the store`, String(mo), String(so));
  else same(`${after}: store is empty`, String(mo === 0), String(so === 0));
}

/** Volume metadata with ids of this cloud (src_backup_id) masked, so both clouds compare. */
function userMeta(meta: Record<string, string>, _id: string): string {
  const { src_backup_id: src, ...rest } = meta;
  return JSON.stringify({ ...rest, ...(src ? { src_backup_id: "<set>" } : {}) }, Object.keys({ ...rest, src_backup_id: 1 }).sort());
}

function invariantCodes(c: SimulatedCloud): string {
  return c.inspect.invariants().map((v) => v.code).sort().join(",") || "none";
}

function sha(c: SimulatedCloud, id: string): string {
  return c.devices.sha256(id).sha256;
}

function same(what: string, model: string, system: string): void {
  if (model !== system) throw new ModelDivergence(what, model, system);
}
