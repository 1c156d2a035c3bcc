import type { CloudState } from "../../kernel/cloud-state.ts";
import type { SnapshotRow, VolumeRow } from "../../db/rows.ts";

/** `_create_temp_cloned_volume` / `_create_temp_volume_from_snapshot`: `backup-vol-<vol>`, use_quota=False. */
export function createTempVolume(state: CloudState, source: VolumeRow, fromDeviceId: string, status: VolumeRow["status"]): VolumeRow {
  const t = state.clock.now();
  const id = state.ids.uuid();
  const row: VolumeRow = {
    ...structuredClone({ ...source, attachments: [] }),
    id,
    status,
    previous_status: null,
    attach_status: "detached",
    display_name: `backup-vol-${source.id}`,
    display_description: null,
    use_quota: false,
    created_at: t,
    updated_at: null,
    deleted_at: null,
    deleted: false,
    snapshot_id: null,
    source_volid: source.id,
    metadata: {},
    glance_metadata: {},
    attachments: [],
  };
  state.db.volumes.insert(row);
  const src = state.devices.get(fromDeviceId);
  if (src) state.devices.set(id, src.cloneAs(id, src.sizeBytes));
  return row;
}

/** `_create_temp_snapshot`: `backup-snap-<vol>`, use_quota=False. */
export function createTempSnapshot(state: CloudState, volume: VolumeRow): SnapshotRow {
  const t = state.clock.now();
  const row: SnapshotRow = {
    id: state.ids.uuid(),
    user_id: volume.user_id,
    project_id: volume.project_id,
    volume_id: volume.id,
    volume_size: volume.size,
    status: "available",
    progress: "100%",
    display_name: `backup-snap-${volume.id}`,
    display_description: null,
    use_quota: false,
    metadata: {},
    created_at: t,
    updated_at: null,
    deleted_at: null,
    deleted: false,
  };
  state.db.snapshots.insert(row);
  const src = state.devices.get(volume.id);
  if (src) state.devices.set(row.id, src.cloneAs(row.id));
  return row;
}
