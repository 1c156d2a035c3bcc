import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow, VolumeTypeRow } from "../../db/rows.ts";
import type { VolumeService } from "./volume-service.ts";

/** `migration_create_volume_timeout_secs` (cinder default 300): how long the new volume may take. */
const CREATE_TIMEOUT_MS = 300_000;

export class VolumeMigrationFailed extends Error {
  override readonly name = "VolumeMigrationFailed";
  constructor(reason: string) {
    super(`Volume migration failed: ${reason}`);
  }
}

/**
 * `VolumeManager._migrate_volume_generic` of a detached volume onto its own backend with a new
 * type (the retype path; `_can_use_driver_migration` is false when the encryption changes):
 * a temporary volume row (`migration_status` `target:<id>`, `use_quota=False`, the new type and,
 * when the encryption changes, `create_encryption_key` of the new type: a new key or none), its
 * `create_volume` cast, polling until it is available (sleeps of tries² s; `error` or the
 * timeout → VolumeMigrationFailed after destroying the row), `_copy_volume_data` (through
 * dm-crypt: the plaintext is what moves), then `migrate_volume_completion`.
 */
export async function migrateVolumeGeneric(
  svc: VolumeService,
  state: CloudState,
  epoch: number,
  v: VolumeRow,
  newType: VolumeTypeRow,
): Promise<void> {
  const oldType = state.db.volumeTypes.filter((t) => t.id === v.volume_type_id)[0];
  let key = v.encryption_key_id;
  if (Boolean(oldType?.encrypted) !== newType.encrypted) {
    key = newType.encrypted ? state.ids.uuid() : null; // volume_utils.create_encryption_key
    if (key) state.keys.add(key);
  }
  const t = state.clock.now();
  const temp: VolumeRow = {
    ...structuredClone({ ...v, attachments: [] }),
    id: state.ids.uuid(),
    status: "creating",
    attach_status: "detached",
    migration_status: `target:${v.id}`,
    use_quota: false,
    volume_type_id: newType.id,
    encryption_key_id: key,
    snapshot_id: null,
    source_volid: null,
    created_at: t,
    updated_at: null,
    deleted_at: null,
    deleted: false,
    attachments: [],
  };
  state.db.volumes.insert(temp);
  svc.trace({
    flow: "volume",
    kind: "state",
    event: {
      type: "note",
      text: `volume ${v.id} migrating to temporary volume ${temp.id} of type ${newType.name}`,
      subjects: [v.id, temp.id],
    },
    detail: { volume_id: v.id, new_volume_id: temp.id, new_encryption_key: key !== v.encryption_key_id },
  });
  svc.cast(svc.host, "cinder-volume", "create_volume", { volume_id: temp.id }, { flow: "volume" });
  const deadline = state.clock.now() + CREATE_TIMEOUT_MS;
  for (let tries = 1; state.db.volume(temp.id)?.status !== "available"; tries++) {
    const why =
      state.db.volume(temp.id)?.status === "error"
        ? "failed to create new_volume on destination"
        : state.clock.now() > deadline
          ? "timeout creating new_volume on destination"
          : null;
    if (why) {
      // _clean_temporary_volume(clean_db_only=True): the row goes; a new key is not deleted.
      state.db.volumes.purge(temp.id);
      state.devices.delete(temp.id);
      throw new VolumeMigrationFailed(why);
    }
    await svc.sleep(epoch, tries ** 2 * 1000);
  }
  // _copy_volume_data: both attached with the encryptor, the source's plaintext copied over.
  const src = state.devices.get(v.id);
  if (src) state.devices.set(temp.id, src.cloneAs(temp.id, state.devices.get(temp.id)?.sizeBytes ?? src.sizeBytes));
  await svc.sleep(epoch, 1);
  completeMigration(svc, state, v, state.db.volume(temp.id)!);
}

/**
 * `migrate_volume_completion` (no error): `completing`, then `Volume.finish_volume_migration`
 * swaps the two rows' fields but the id (the source keeps its id and now holds the new type,
 * key and data; the temporary row takes the old ones, `deleting`, "migration src for <id>"),
 * the source ends with its `previous_status` and `migration_status` `success`, and
 * `delete_volume` of the temporary row is cast. The manager's delete never deletes an
 * encryption key (only `volume/api.py:API.delete` does), so a key the source lost stays in the
 * key manager.
 */
function completeMigration(svc: VolumeService, state: CloudState, v: VolumeRow, temp: VolumeRow): void {
  state.db.update(v, { migration_status: "completing" });
  const orig = v.previous_status as VolumeRow["status"];
  const swapped = { volume_type_id: temp.volume_type_id, encryption_key_id: temp.encryption_key_id, host: temp.host };
  const destStatus = temp.status;
  state.db.update(temp, {
    encryption_key_id: v.encryption_key_id,
    host: v.host,
    status: "deleting",
    migration_status: "deleting",
    display_description: `migration src for ${v.id}`,
  });
  const newDev = state.devices.get(temp.id);
  const oldDev = state.devices.get(v.id);
  if (newDev) state.devices.set(v.id, newDev.cloneAs(v.id));
  if (oldDev) state.devices.set(temp.id, oldDev.cloneAs(temp.id));
  state.db.update(v, { ...swapped, status: orig, previous_status: destStatus, migration_status: "success" });
  svc.trace({
    flow: "volume",
    kind: "state",
    event: { type: "status", resource: "volume", id: v.id, from: "retyping", to: orig },
    detail: { volume_id: v.id, migration_status: "success", volume_type_id: v.volume_type_id, encryption_key_id: v.encryption_key_id },
  });
  svc.cast(svc.host, "cinder-volume", "delete_volume", { volume_id: temp.id }, { flow: "volume" });
}
