import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeService } from "./volume-service.ts";

/** `VolumeManager.create_snapshot`: a copy-on-write image of the volume's device. */
export async function createSnapshot(svc: VolumeService, state: CloudState, epoch: number, snapshotId: string): Promise<void> {
  const s = state.db.snapshot(snapshotId);
  if (!s) return;
  await svc.sleep(epoch, 1);
  const src = state.devices.get(s.volume_id);
  if (!src) {
    state.db.update(s, { status: "error" });
    svc.trace({
      flow: "snapshot",
      kind: "error",
      event: { type: "note", text: `snapshot ${s.id}: source device missing`, subjects: [s.id] },
    });
    return;
  }
  state.devices.set(s.id, src.cloneAs(s.id));
  state.db.update(s, { status: "available", progress: "100%" });
  svc.trace({
    flow: "snapshot",
    kind: "state",
    event: { type: "status", resource: "snapshot", id: s.id, from: "creating", to: "available" },
  });
}

/** `VolumeManager.delete_snapshot`. */
export async function deleteSnapshot(svc: VolumeService, state: CloudState, epoch: number, snapshotId: string): Promise<void> {
  const s = state.db.snapshot(snapshotId);
  if (!s) return;
  await svc.sleep(epoch, 1);
  state.devices.delete(s.id);
  state.db.softDelete(s);
  if (s.use_quota) {
    const r = state.quotas.reserve(s.project_id, { snapshots: -1, gigabytes: -s.volume_size }, () => new Error("unreachable"));
    state.quotas.commit(r);
  }
  svc.trace({
    flow: "snapshot",
    kind: "state",
    event: { type: "deleted", resource: "snapshot", id: s.id },
    detail: { temporary: !s.use_quota },
  });
}
