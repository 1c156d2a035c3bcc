import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow, VolumeTypeRow } from "../../db/rows.ts";
import type { VolumeService } from "./volume-service.ts";
import { migrateVolumeGeneric } from "./volume-migration.ts";
import { ServiceCrashed } from "../cinder-service.ts";

/**
 * `VolumeManager.retype` (cinder 21.3.1) on the volume's own backend. The LVM and RBD drivers
 * retype in place when the encryption does not change: the type, and the per-type quota, move to
 * the new type. A change of encryption keeps the driver out (`diff['encryption']`) and needs a
 * migration: with `migration_policy` `never` (the default) `_retype_error` restores the status
 * ("Retype requires migration but is not allowed."); with `on-demand` a volume with snapshots is
 * refused ("Volume must not have snapshots."), otherwise `migration_status` goes `starting`,
 * `migrating` and the generic migration (`volume-migration.ts`) moves the data to a volume of the
 * new type. Every failure rolls the API's quota moves back and restores the previous status.
 * An attached volume's migration goes through Nova's swap-volume, which the simulator does not
 * have: it fails as a migration error.
 */
export async function retypeOnHost(
  svc: VolumeService,
  state: CloudState,
  epoch: number,
  volumeId: string,
  newTypeId: string,
  policy: string,
): Promise<void> {
  const v = state.db.volume(volumeId);
  if (!v || v.status !== "retyping") return;
  await svc.sleep(epoch, 1);
  const oldType = v.volume_type_id ? state.db.volumeTypes.filter((t) => t.id === v.volume_type_id)[0] : undefined;
  const newType = state.db.volumeTypes.filter((t) => t.id === newTypeId)[0];
  if (!newType) return retypeError(svc, state, v, undefined, oldType, "New volume type not found.");
  if (Boolean(oldType?.encrypted) === newType.encrypted) {
    state.db.update(v, { volume_type_id: newType.id, status: previousStatus(v) });
    svc.trace({
      flow: "volume",
      kind: "state",
      event: { type: "note", text: `volume ${v.id} retyped to ${newType.name}`, subjects: [v.id] },
      detail: { volume_id: v.id, volume_type_id: newType.id },
    });
    return;
  }
  if (policy === "never") return retypeError(svc, state, v, newType, oldType, "Retype requires migration but is not allowed.");
  if (state.db.snapshots.filterLive((s) => s.volume_id === v.id).length)
    return retypeError(svc, state, v, newType, oldType, "Volume must not have snapshots.");
  state.db.update(v, { migration_status: "starting" });
  // migrate_volume: `migrating`; driver migration is ruled out by the encryption diff.
  state.db.update(v, { migration_status: "migrating" });
  try {
    if (v.attachments.length) throw new Error("the simulator has no Nova to swap an attached volume to its migration target");
    await migrateVolumeGeneric(svc, state, epoch, v, newType);
  } catch (e) {
    if (e instanceof ServiceCrashed) throw e;
    // migrate_volume's except: migration_status `error`, status back; then retype's _retype_error.
    state.db.update(v, { migration_status: "error" });
    retypeError(svc, state, v, newType, oldType, (e as Error).message);
  }
}

function previousStatus(v: VolumeRow): VolumeRow["status"] {
  return (v.previous_status === "in-use" ? "in-use" : "available") as VolumeRow["status"];
}

/** `_retype_error`: status back to `previous_status`, the API's quota moves rolled back. */
function retypeError(
  svc: VolumeService,
  state: CloudState,
  v: VolumeRow,
  newType: VolumeTypeRow | undefined,
  oldType: VolumeTypeRow | undefined,
  why: string,
): void {
  if (newType) {
    const moved: Record<string, number> = { [`volumes_${newType.name}`]: 1, [`gigabytes_${newType.name}`]: v.size };
    if (oldType) Object.assign(moved, { [`volumes_${oldType.name}`]: -1, [`gigabytes_${oldType.name}`]: -v.size });
    state.quotas.revert(v.project_id, moved);
  }
  state.db.update(v, { status: previousStatus(v) });
  svc.trace({
    flow: "volume",
    kind: "error",
    event: { type: "note", text: `volume ${v.id} retype failed: ${why}`, subjects: [v.id] },
    detail: { volume_id: v.id, migration_status: v.migration_status ?? null },
  });
}
