import { badRequest } from "../faults.ts";

/**
 * `api/v2/volumes.py:VolumeController._image_uuid_from_ref` (used by v3 `create`): the last path
 * segment of `imageRef` (or `image_id`, which replaces it), looked up in Glance by id, then by
 * name. The simulated cloud has no Image service holding images (`cbh serve`'s `/image` answers
 * discovery and an empty list), so every reference is one cinder cannot access: 400.
 */
export function checkImageRef(volume: Record<string, unknown>): void {
  const ref = "image_id" in volume ? volume["image_id"] : volume["imageRef"];
  if (ref === null || ref === undefined) return;
  throw badRequest("Invalid image identifier or unable to access requested image.");
}
