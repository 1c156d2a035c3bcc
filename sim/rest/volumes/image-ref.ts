import type { SimulatedCloud } from "../../cloud/simulated-cloud.ts";
import type { RequestContext } from "../../api/request-context.ts";
import { badRequest } from "../faults.ts";
import { imagesOf } from "../images/image-registry.ts";
import type { ImageRecord } from "../images/image-record.ts";

const GiB = 1024 ** 3;

/**
 * `api/v2/volumes.py:VolumeController._image_uuid_from_ref` (v3 `create`): the last path segment
 * of `imageRef` (or `image_id`, which replaces it), looked up in the Image API by id, then by
 * name (exactly one match); otherwise 400. Returns null without a reference.
 */
export function resolveImageRef(cloud: SimulatedCloud, ctx: RequestContext, volume: Record<string, unknown>): ImageRecord | null {
  const ref = "image_id" in volume ? volume["image_id"] : volume["imageRef"];
  if (ref === null || ref === undefined) return null;
  const invalid = () => badRequest("Invalid image identifier or unable to access requested image.");
  if (typeof ref !== "string") throw invalid();
  const id = ref.replace(/\/+$/, "").split("/").pop() ?? "";
  const images = imagesOf(cloud);
  const byId = images.get(id, ctx.projectId, ctx.isAdmin);
  if (byId) return byId;
  const named = images.list(ctx.projectId, ctx.isAdmin).filter((i) => i.name === ref);
  if (named.length === 1) return named[0] as ImageRecord;
  throw invalid();
}

/** `volume/volume_utils.py:check_image_metadata` (400 InvalidInput each). */
export function checkImageMetadata(image: ImageRecord, size: number): void {
  if (image.status !== "active") throw badRequest(`Invalid input received: Image ${image.id} is not active.`);
  const inGb = Math.ceil((image.size ?? 0) / GiB);
  if (inGb > size) throw badRequest(`Invalid input received: Size of specified image ${inGb}GB is larger than volume size ${size}GB.`);
  if (size < image.min_disk)
    throw badRequest(`Invalid input received: Volume size ${size}GB cannot be smaller than the image minDisk size ${image.min_disk}GB.`);
}

/**
 * The volume manager's `_create_from_image` (`volume/flows/manager/create_volume.py`): the
 * image's bytes are copied onto the new device, so they land when `create_volume` makes the
 * volume `available` (the model has no `downloading` step; the volume keeps `bootable` false).
 */
export function copyImageOnCreate(cloud: SimulatedCloud, volumeId: string, image: ImageRecord): void {
  const data = image.data ?? new Uint8Array(0);
  const stop = cloud.inspect.onTrace((e) => {
    if (e.event.type !== "status" || e.event.resource !== "volume" || e.event.id !== volumeId) return;
    // At small geometry (1 MiB of device per GB) an image bigger than the device is cut to it.
    if (e.event.to === "available" && data.length)
      cloud.devices.write(volumeId, 0, data.subarray(0, Math.min(data.length, cloud.devices.digest(volumeId, 0).size)));
    if (e.event.to === "available" || e.event.to === "error") stop();
  });
}
