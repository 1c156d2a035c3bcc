import type { VolumeRow } from "../../db/rows.ts";
import { invalidVolume } from "../../errors/cinder-errors.ts";
import type { ApiDeps } from "../backups/api-deps.ts";
import { getVolume } from "../backups/lookups.ts";
import { authorize } from "../policy.ts";
import type { RequestContext } from "../request-context.ts";

/**
 * `POST /volumes/{id}/action {"os-volume_upload_image": …}` (`contrib/volume_actions.py:
 * _volume_upload_image` → `volume/api.py:API.copy_volume_to_image`): policy
 * `volume_extension:volume_actions:upload_image`, then a conditional update to `uploading`
 * (previous_status kept) from `available` — `force` is ignored, as with cinder's default
 * `enable_force_upload = False` — else 400; the volume host's `copy_volume_to_image` copies the
 * device and puts the status back. The image record itself is the Image API's (sim/rest/images).
 */
export async function copyVolumeToImage(
  d: ApiDeps,
  ctx: RequestContext,
  id: string,
  req: { image_id: string; force: boolean },
): Promise<void> {
  const { state, api } = d;
  const v = getVolume(d, ctx, id);
  authorize(ctx, "volume_extension:volume_actions:upload_image", v.project_id);
  // enable_force_upload = False: "Force option will be ignored."
  if (v.status !== "available") throw invalidVolume(`Volume ${v.id} status must be available`);
  state.db.update(v, { status: "uploading", previous_status: v.status } as Partial<VolumeRow>);
  api.trace({
    flow: "volume",
    kind: "state",
    event: { type: "status", resource: "volume", id: v.id, from: "available", to: "uploading" },
  });
  api.cast(v.host ?? "", "cinder-volume", "copy_volume_to_image", { volume_id: v.id, image_id: req.image_id }, { flow: "volume" });
}
