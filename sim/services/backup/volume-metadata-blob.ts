import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { pythonJsonDumps, type PyJson } from "../../../lib/format/index.ts";

/** Raised when a restore may not take the backed-up encryption key (`EncryptedBackupOperationFailed`). */
export class EncryptedBackupOperationFailed extends Error {
  constructor(reason: string) {
    super(`Backup operation of an encrypted volume failed. ${reason}`);
    this.name = "EncryptedBackupOperationFailed";
  }
}

/**
 * `backup/driver.py:BackupMetadataAPI.get`: the volume's metadata as a JSON string, version 2:
 * `volume-base-metadata` (JSON-able volume columns), `volume-metadata`, `volume-glance-metadata`;
 * a section only when non-empty. Serialised by `pythonJsonDumps` (Python's `json.dumps` defaults).
 */
export function volumeMetaBlob(v: VolumeRow): string {
  const base: Record<string, unknown> = {
    id: v.id,
    size: v.size,
    status: v.status,
    display_name: v.display_name,
    display_description: v.display_description,
    availability_zone: v.availability_zone,
    volume_type_id: v.volume_type_id,
    encryption_key_id: v.encryption_key_id,
    bootable: v.bootable,
    multiattach: v.multiattach,
    project_id: v.project_id,
    user_id: v.user_id,
  };
  const blob: Record<string, unknown> = { version: 2, "volume-base-metadata": base };
  if (Object.keys(v.metadata).length) blob["volume-metadata"] = v.metadata;
  if (Object.keys(v.glance_metadata).length) blob["volume-glance-metadata"] = v.glance_metadata;
  return pythonJsonDumps(blob as PyJson);
}

/**
 * `BackupMetadataAPI.put` (`_restore_vol_base_meta`, `_restore_vol_meta`, `_restore_vol_glance_meta`):
 * name and description only onto an unnamed or `restore_backup_*` target; encryption key only
 * into the same volume type; user metadata replaces; glance metadata replaces and sets bootable.
 */
export function applyVolumeMetaBlob(state: CloudState, target: VolumeRow, json: string): void {
  let blob: Record<string, unknown>;
  try {
    blob = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new Error("Invalid volume metadata blob in backup");
  }
  const version = blob["version"];
  if (version !== 1 && version !== 2) throw new Error(`Unsupported backup metadata version (${String(version)})`);
  const base = (blob["volume-base-metadata"] ?? {}) as Record<string, unknown>;
  const name = base["display_name"];
  if (typeof name === "string" && name && (!target.display_name || target.display_name.startsWith("restore_backup_"))) {
    state.db.update(target, { display_name: name, display_description: (base["display_description"] as string | null) ?? null });
  }
  const key = version === 2 ? base["encryption_key_id"] : undefined;
  if (typeof key === "string" && key) {
    const srcType = (base["volume_type_id"] as string | null) ?? null;
    if (target.volume_type_id === null) state.db.update(target, { volume_type_id: srcType });
    else if (target.volume_type_id !== srcType)
      throw new EncryptedBackupOperationFailed("The source volume type is different from the destination volume type.");
    state.db.update(target, { encryption_key_id: key });
  }
  const meta = blob["volume-metadata"];
  if (meta && typeof meta === "object") state.db.update(target, { metadata: { ...(meta as Record<string, string>) } });
  const glance = blob["volume-glance-metadata"];
  if (glance && typeof glance === "object")
    state.db.update(target, { glance_metadata: { ...(glance as Record<string, string>) }, bootable: true });
}
