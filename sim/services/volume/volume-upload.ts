import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import type { VolumeService } from "./volume-service.ts";

/**
 * `VolumeManager.copy_volume_to_image`: the driver copies the device into the image (the bytes
 * were captured by the Image API when the upload was accepted), then the status goes back to
 * `previous_status` (`available`, or `in-use` for a forced upload) and `previous_status` is cleared.
 */
export async function copyVolumeToImageOnHost(
  svc: VolumeService,
  state: CloudState,
  epoch: number,
  volumeId: string,
  imageId: string,
): Promise<void> {
  const v = state.db.volume(volumeId);
  if (!v || v.status !== "uploading") return;
  await svc.sleep(epoch, 1);
  const status = (v.previous_status === "in-use" ? "in-use" : "available") as VolumeRow["status"];
  state.db.update(v, { status, previous_status: null } as Partial<VolumeRow>);
  svc.trace({
    flow: "volume",
    kind: "state",
    event: { type: "status", resource: "volume", id: v.id, from: "uploading", to: status },
    detail: { volume_id: v.id, image_id: imageId },
  });
}
