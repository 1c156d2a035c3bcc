import type { VolumeRow } from "../../db/rows.ts";
import { invalidInput, invalidVolume, quotaError } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getVolume } from "../backups/lookups.ts";
import { authorize } from "../policy.ts";
import { atLeast, type RequestContext } from "../request-context.ts";

/**
 * `POST /volumes/{id}/action {"os-extend": {"new_size": N}}` (`contrib/volume_actions.py:_extend`
 * → `volume/api.py:API._extend`): from 3.42 an `in-use` volume extends attached. The new size
 * must exceed the current one (400), the status must be the expected one (conditional update to
 * `extending`, else 400), `per_volume_gigabytes` (413) and the `gigabytes` reservation (413) must
 * pass, then the volume host's `extend_volume` grows the device and sets size and status.
 * Quota is committed here, as the simulated create does; cinder commits it in the manager.
 */
export async function extendVolume(d: ApiDeps, ctx: RequestContext, id: string, newSize: number): Promise<void> {
  const { state, api } = d;
  const v = getVolume(d, ctx, id);
  const attached = atLeast(ctx.microversion, 42) && v.status === "in-use";
  authorize(ctx, attached ? "volume:extend_attached_volume" : "volume:extend");
  const increase = newSize - v.size;
  if (increase <= 0)
    throw invalidInput(`New size for extend must be greater than current size. (current: ${v.size}, extended: ${newSize}).`);
  const expected = attached ? "in-use" : "available";
  if (v.status !== expected)
    throw invalidVolume(`Volume ${v.id} status must be '{'status': '${expected}'}' to extend, currently ${v.status}.`);
  const perVolume = state.quotas.limit(v.project_id, "per_volume_gigabytes");
  if (perVolume >= 0 && newSize > perVolume)
    throw quotaError("VolumeSizeExceedsLimit", `Requested volume size ${newSize}G is larger than maximum allowed limit ${perVolume}G.`);
  const type = v.volume_type_id ? state.db.volumeTypes.filter((t) => t.id === v.volume_type_id)[0] : undefined;
  const deltas: Record<string, number> = { gigabytes: increase, ...(type ? { [`gigabytes_${type.name}`]: increase } : {}) };
  const reservation = state.quotas.reserve(v.project_id, deltas, (_over, q) => {
    const u = q.usage(v.project_id, "gigabytes");
    return quotaError(
      "VolumeSizeExceedsAvailableQuota",
      `Requested volume or snapshot exceeds allowed gigabytes quota. Requested ${increase}G, quota is ${q.limit(v.project_id, "gigabytes")}G and ${u.in_use + u.reserved}G has been consumed.`,
    );
  });
  state.quotas.commit(reservation);
  state.db.update(v, { status: "extending", previous_status: v.status } as Partial<VolumeRow>);
  api.trace({
    flow: "volume",
    kind: "state",
    event: { type: "note", text: `volume ${v.id} extending ${v.size} → ${newSize} GB`, subjects: [v.id] },
  });
  // The scheduler's `extend_volume` checks the backend's free space, then casts to the volume host.
  api.cast(v.host ?? "", "cinder-volume", "extend_volume", { volume_id: v.id, new_size: newSize }, { flow: "volume" });
}
