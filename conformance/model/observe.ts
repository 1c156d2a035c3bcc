import type { AsyncChecker, Finding } from "../../sim/check/index.ts";
import type { SimulatedCloud } from "../../sim/cloud/simulated-cloud.ts";
import { ModelDivergence } from "./divergence.ts";
import { storeObjectCount, type CloudPair, type PairModel } from "./cloud-pair.ts";

/**
 * A difference between the model cloud (reference driver) and the system cloud (driver under
 * test), with both observed values. Codes (subject: `volume #i`, `snapshot #i`, `backup #i` or
 * `store`): `status-diverged`, `bytes-diverged`, `metadata-diverged`, `fail-reason-diverged`,
 * `invariants-diverged` (subject `cloud`), `store-objects-diverged`.
 */
export interface Divergence extends Finding {
  readonly code:
    "status-diverged" | "bytes-diverged" | "metadata-diverged" | "fail-reason-diverged" | "invariants-diverged" | "store-objects-diverged";
  readonly subject: string;
  readonly model: string;
  readonly system: string;
}

/** Compares every tracked resource across both clouds: statuses, volume bytes (sha256), metadata, the cloud invariants, store objects. */
export function divergenceChecker(m: PairModel, after: string): AsyncChecker<CloudPair, Divergence> {
  return {
    name: "model-divergence",
    async check(p) {
      const out: Divergence[] = [];
      const same = (code: Divergence["code"], subject: string, field: string, model: string, system: string) => {
        if (model !== system) out.push({ code, subject, message: `${after}: ${field}`, model, system });
      };
      for (const [i, v] of m.volumes.entries()) {
        const a = p.model.db.volume(v.model),
          b = p.system.db.volume(v.system);
        same("status-diverged", `volume #${i}`, `status of volume #${i}`, a?.status ?? "missing", b?.status ?? "missing");
        if (a?.status === "available" && b?.status === "available") {
          // The bytes compared in place; their sha256s computed only to show a difference.
          if (!p.model.devices.sameBytes(v.model, p.system.devices, v.system))
            same("bytes-diverged", `volume #${i}`, `bytes (sha256) of volume #${i}`, sha(p.model, v.model), sha(p.system, v.system));
          same("metadata-diverged", `volume #${i}`, `metadata of volume #${i}`, userMeta(a.metadata), userMeta(b.metadata));
        }
      }
      for (const [i, s] of m.snapshots.entries()) {
        same(
          "status-diverged",
          `snapshot #${i}`,
          `status of snapshot #${i}`,
          p.model.db.snapshot(s.model)?.status ?? "missing",
          p.system.db.snapshot(s.system)?.status ?? "missing",
        );
      }
      for (const [i, bk] of m.backups.entries()) {
        const a = p.model.db.backup(bk.model),
          b = p.system.db.backup(bk.system);
        same("status-diverged", `backup #${i}`, `status of backup #${i}`, a?.status ?? "missing", b?.status ?? "missing");
        same("fail-reason-diverged", `backup #${i}`, `fail_reason of backup #${i}`, a?.fail_reason ?? "null", b?.fail_reason ?? "null");
      }
      // The cloud's own invariants (quota ledger, nothing stuck), compared by finding code: the
      // system may break no more of them than the model does (Zed has quirks of its own, e.g. a
      // snapshot left backing-up).
      same("invariants-diverged", "cloud", "cloud invariants broken", invariantCodes(p.model), invariantCodes(p.system));
      const mo = await storeObjectCount(p.model),
        so = await storeObjectCount(p.system);
      if (p.compareObjectCounts) same("store-objects-diverged", "store", "objects in the store", String(mo), String(so));
      else same("store-objects-diverged", "store", "store is empty", String(mo === 0), String(so === 0));
      return out;
    },
  };
}

/** Throws the first divergence after a command (the model run fails on it and shrinks). */
export async function compareClouds(p: CloudPair, m: PairModel, after: string): Promise<void> {
  const [first] = await divergenceChecker(m, after).check(p);
  if (first) throw new ModelDivergence(first.message, first.model, first.system, first.code);
}

/** Volume metadata with ids of this cloud (src_backup_id) masked, so both clouds compare. */
function userMeta(meta: Record<string, string>): string {
  const { src_backup_id: src, ...rest } = meta;
  return JSON.stringify({ ...rest, ...(src ? { src_backup_id: "<set>" } : {}) }, Object.keys({ ...rest, src_backup_id: 1 }).sort());
}

/** The sorted codes of the invariants a cloud breaks (`none` when it breaks none). */
function invariantCodes(c: SimulatedCloud): string {
  return (
    c.inspect
      .invariants()
      .map((v) => v.code)
      .sort()
      .join(",") || "none"
  );
}

function sha(c: SimulatedCloud, id: string): string {
  return c.devices.sha256(id).sha256;
}
