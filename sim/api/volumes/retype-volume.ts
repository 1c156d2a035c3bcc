import { volumeOverQuota } from "../../db/quota-engine.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { invalidVolume, notFound } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getVolume } from "../backups/lookups.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";

/** `volume/api.py:API.AVAILABLE_MIGRATION_STATUS`. */
const AVAILABLE_MIGRATION_STATUS: ReadonlyArray<string | null> = [null, "deleting", "error", "success"];
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

/**
 * `os-retype` (`volume/api.py:API.retype`): the type by name or id (`VolumeType.get_by_name_or_id`:
 * 404), then the conditional update to `retyping` (status `available`/`in-use` and a different
 * type, not migrating, else 400), the per-type quota moved, and a cast to the volume host (the
 * scheduler keeps it on the same backend: `find_retype_backend` prefers the current host). Zed's
 * API does not look at encryption: a change of encryption is the manager's business (a
 * migration, allowed only with `migration_policy=on-demand`; `volume-retype.ts`).
 */
export async function retypeVolume(
  d: ApiDeps,
  ctx: RequestContext,
  id: string,
  newType: string,
  migrationPolicy: "never" | "on-demand" | null,
): Promise<void> {
  const { state, api } = d;
  const v = getVolume(d, ctx, id);
  authorize(ctx, "volume:retype");
  const type = state.db.volumeTypes.filter((t) => (UUID.test(newType) ? t.id === newType : t.name === newType))[0];
  if (!type) {
    throw UUID.test(newType)
      ? notFound("VolumeTypeNotFound", `Volume type ${newType} could not be found.`)
      : notFound("VolumeTypeNotFoundByName", `Volume type with name ${newType} could not be found.`);
  }
  // expected: status available/in-use, migration_status in AVAILABLE_MIGRATION_STATUS, another type.
  const migration = v.migration_status ?? null;
  if (!["available", "in-use"].includes(v.status) || !AVAILABLE_MIGRATION_STATUS.includes(migration) || v.volume_type_id === type.id) {
    throw invalidVolume(
      "Retype needs volume to be in available or in-use state, not be part of an active migration or a consistency group, requested type has to be different that the one from the volume, and for in-use volumes front-end qos specs cannot change.",
    );
  }
  // quota_utils.get_volume_type_reservation: the new type's keys reserved (413 if over), the old
  // type's released; committed here (the manager reverses it if the retype fails).
  const oldType = v.volume_type_id ? state.db.volumeTypes.filter((t) => t.id === v.volume_type_id)[0] : undefined;
  const deltas: Record<string, number> = { [`volumes_${type.name}`]: 1, [`gigabytes_${type.name}`]: v.size };
  if (oldType) Object.assign(deltas, { [`volumes_${oldType.name}`]: -1, [`gigabytes_${oldType.name}`]: -v.size });
  state.quotas.commit(state.quotas.reserve(v.project_id, deltas, volumeOverQuota(v.size, v.project_id, "volume")));
  state.db.update(v, { status: "retyping", previous_status: v.status } as Partial<VolumeRow>);
  api.trace({
    flow: "volume",
    kind: "state",
    event: { type: "note", text: `volume ${v.id} retyping to ${type.name}`, subjects: [v.id] },
    detail: { new_type_id: type.id, migration_policy: migrationPolicy },
  });
  api.cast(
    v.host ?? "",
    "cinder-volume",
    "retype",
    { volume_id: v.id, new_type_id: type.id, migration_policy: migrationPolicy ?? "never" },
    { flow: "volume" },
  );
}
