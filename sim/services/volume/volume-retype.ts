import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import type { VolumeService } from "./volume-service.ts";

/**
 * `VolumeManager.retype` on the volume's own backend. The LVM and RBD drivers retype in place
 * when the encryption does not change: the type, and the per-type quota, move to the new type.
 * A change of encryption needs a migration: with `migration_policy` `never` (the default) cinder
 * reverts the status (`_retype_error`, "Retype requires migration but is not allowed."); the
 * simulator does not migrate volumes, so `on-demand` ends the same way, traced as such.
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
  const back = (v.previous_status === "in-use" ? "in-use" : "available") as VolumeRow["status"];
  if (!newType || Boolean(oldType?.encrypted) !== Boolean(newType.encrypted)) {
    // _retype_error: the API's quota moves are rolled back, the status restored.
    if (newType) {
      const moved: Record<string, number> = { [`volumes_${newType.name}`]: 1, [`gigabytes_${newType.name}`]: v.size };
      if (oldType) Object.assign(moved, { [`volumes_${oldType.name}`]: -1, [`gigabytes_${oldType.name}`]: -v.size });
      state.quotas.revert(v.project_id, moved);
    }
    state.db.update(v, { status: back });
    const why =
      policy === "never"
        ? "Retype requires migration but is not allowed."
        : "Retype requires a migration, which the simulator does not perform.";
    svc.trace({
      flow: "volume",
      kind: "error",
      event: { type: "note", text: `volume ${v.id} retype failed: ${why}`, subjects: [v.id] },
      detail: { volume_id: v.id, migration_policy: policy },
    });
    return;
  }
  state.db.update(v, { volume_type_id: newType.id, status: back });
  svc.trace({
    flow: "volume",
    kind: "state",
    event: { type: "note", text: `volume ${v.id} retyped to ${newType.name}`, subjects: [v.id] },
    detail: { volume_id: v.id, volume_type_id: newType.id },
  });
}
