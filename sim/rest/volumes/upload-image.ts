import { formatDatetime } from "../datetime.ts";
import { getBoolParam } from "../list-query.ts";
import { imagesOf } from "../images/image-registry.ts";
import type { Call, Reply } from "../route.ts";

/**
 * `contrib/volume_actions.py:_volume_upload_image` → `volume/api.py:API.copy_volume_to_image`:
 * get (404), policy, the image is created in the Image API (`queued`; from 3.1 `visibility`
 * defaults to `private` and `protected` to false), the volume goes `uploading` (400 unless
 * `available`: `force` is ignored as with `enable_force_upload = False`), the volume host copies
 * it and puts the status back; the image turns `active` then. 202 with cinder's summary.
 */
export async function uploadImage(call: Call): Promise<Reply> {
  const id = call.params["id"] as string;
  const p = (call.body as Record<string, Record<string, unknown>>)["os-volume_upload_image"] as Record<string, unknown>;
  const force = getBoolParam("force", p["force"] === undefined ? "False" : String(p["force"]));
  const volume = await call.cloud.ops.volumes.get(call.ctx, id);
  const images = imagesOf(call.cloud);
  const image = images.create(call.ctx.projectId, {
    name: p["image_name"] as string,
    disk_format: (p["disk_format"] ?? "raw") as string,
    container_format: (p["container_format"] ?? "bare") as string,
    ...(call.minor >= 1
      ? {
          visibility: (p["visibility"] ?? "private") as "private",
          protected: getBoolParam("protected", p["protected"] === undefined ? "False" : String(p["protected"])),
        }
      : {}),
  });
  try {
    await call.cloud.ops.volumes.copyToImage(call.ctx, id, { image_id: image.id, force });
  } catch (e) {
    images.delete(image);
    throw e;
  }
  const size = call.cloud.devices.digest(id, 0).size;
  images.setData(image, call.cloud.devices.read(id, 0, size), id);
  const types = await call.cloud.ops.volumes.listTypes(call.ctx);
  const type = types.find((t) => t.id === volume.volume_type_id);
  return {
    status: 202,
    body: {
      "os-volume_upload_image": {
        id,
        updated_at: formatDatetime(call.cloud.db.volume(id)?.updated_at ?? null),
        status: "uploading",
        display_description: volume.display_description,
        size: volume.size,
        volume_type: type ? { id: type.id, name: type.name } : null,
        image_id: image.id,
        container_format: image.container_format,
        disk_format: image.disk_format,
        image_name: image.name,
        protected: image.protected,
        visibility: image.visibility,
      },
    },
  };
}
