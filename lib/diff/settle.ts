import type { Resources } from "../remote/index.ts";
import type { AwaitedStatus } from "./cast-wait.ts";
import type { ResourceKind } from "./step.ts";

/** Statuses cinder passes through on its way to a final one (objects/fields.py: BackupStatus,
 *  SnapshotStatus; volume statuses of volume/api.py). A settled cloud shows none of them. */
const TRANSITIONAL: Record<ResourceKind, ReadonlySet<string>> = {
  volumes: new Set([
    "creating",
    "deleting",
    "attaching",
    "detaching",
    "restoring-backup",
    "backing-up",
    "downloading",
    "uploading",
    "extending",
    "retyping",
    "maintenance",
    "reserved",
  ]),
  backups: new Set(["creating", "deleting", "restoring"]),
  snapshots: new Set(["creating", "deleting", "backing-up", "restoring"]),
};

export interface Observed {
  status: string;
  fail_reason?: string | null;
}

/**
 * Polls every tracked resource until none is transitional (a 404 is `deleted`), or until
 * `timeoutMs`: then the statuses are taken as they are (real Zed leaves some transitional
 * statuses behind for good — a snapshot `backing-up` after some failed snapshot backups — and the
 * simulator models that; the comparison then sees both).
 *
 * With `awaited` (a cast not yet handled, cast-wait.ts) it also polls until that resource shows
 * that status, for at most `awaited.graceMs`: a manager that ignores the message (a backup whose
 * `service` is NULL, BackupManager.reset_status) leaves the old status, which is then taken.
 */
export async function settle(
  res: Resources,
  refs: ReadonlyMap<string, { kind: ResourceKind; id: string }>,
  pollMs: number,
  timeoutMs: number,
  awaited?: AwaitedStatus & { graceMs: number },
): Promise<Record<string, Observed>> {
  const deadline = Date.now() + timeoutMs;
  const graceEnd = Date.now() + (awaited?.graceMs ?? 0);
  for (;;) {
    const out: Record<string, Observed> = {};
    let busy = false;
    for (const [ref, { kind, id }] of refs) {
      const row = await res.get(kind, id, res.target.admin ?? res.target.member);
      const o: Observed = { status: row ? String(row.status) : "deleted" };
      if (row && kind === "backups") o.fail_reason = (row.fail_reason as string | null | undefined) ?? null;
      if (row && TRANSITIONAL[kind].has(o.status)) busy = true;
      out[ref] = o;
    }
    const seen = awaited && out[awaited.ref];
    const pending = seen !== undefined && seen.status !== "deleted" && seen.status !== awaited?.status && Date.now() < graceEnd;
    if ((!busy && !pending) || Date.now() > deadline) return out;
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
