import { createHash } from "node:crypto";
import type { SimulatedCloud } from "../../cloud/simulated-cloud.ts";
import { formatDatetime } from "../datetime.ts";
import type { ImageRecord } from "./image-record.ts";

const HEX: readonly string[] = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

/**
 * The images of one simulated cloud, as its Glance would hold them: ids are uuids drawn from the
 * seed's `glance.ids` stream, times are virtual time. Shared by the Image API (`/image/v2`) and
 * cinder's image paths (`imageRef` on volume create, `os-volume_upload_image`).
 */
export class ImageRegistry {
  readonly #images = new Map<string, ImageRecord>();
  constructor(private readonly cloud: SimulatedCloud) {}

  create(
    owner: string,
    fields: Partial<Pick<ImageRecord, "name" | "disk_format" | "container_format" | "visibility" | "protected" | "min_disk" | "min_ram">>,
  ): ImageRecord {
    const now = this.#now();
    const image: ImageRecord = {
      id: this.#uuid(),
      name: fields.name ?? null,
      status: "queued",
      disk_format: fields.disk_format ?? null,
      container_format: fields.container_format ?? null,
      visibility: fields.visibility ?? "shared",
      protected: fields.protected ?? false,
      owner,
      min_disk: fields.min_disk ?? 0,
      min_ram: fields.min_ram ?? 0,
      size: null,
      checksum: null,
      os_hash_value: null,
      created_at: now,
      updated_at: now,
      data: null,
      uploadingFrom: null,
    };
    this.#images.set(image.id, image);
    return image;
  }

  /** The image if it exists and `project` may see it (`glance/api/authorization.py`: owner, admin, public/community). */
  get(id: string, project: string, isAdmin: boolean): ImageRecord | undefined {
    const image = this.#images.get(id);
    if (!image || image.status === "deleted") return undefined;
    this.#settleUpload(image);
    const visible = isAdmin || image.owner === project || image.visibility === "public" || image.visibility === "community";
    return visible ? image : undefined;
  }

  /** The images `project` may see, oldest first. */
  list(project: string, isAdmin: boolean): ImageRecord[] {
    return [...this.#images.values()].map((i) => this.get(i.id, project, isAdmin)).filter((i): i is ImageRecord => i !== undefined);
  }

  /** Stores the bytes: `size`, md5 `checksum`, sha512 `os_hash_value`, status `active` (or `saving` while cinder uploads). */
  setData(image: ImageRecord, data: Uint8Array, uploadingFrom: string | null = null): void {
    image.data = data;
    image.size = data.length;
    image.checksum = createHash("md5").update(data).digest("hex");
    image.os_hash_value = createHash("sha512").update(data).digest("hex");
    image.uploadingFrom = uploadingFrom;
    image.status = uploadingFrom ? "saving" : "active";
    image.updated_at = this.#now();
  }

  delete(image: ImageRecord): void {
    image.status = "deleted";
    image.data = null;
    this.#images.delete(image.id);
  }

  /** cinder's `copy_volume_to_image` finishes by activating the image: once the volume left `uploading`. */
  #settleUpload(image: ImageRecord): void {
    if (image.status !== "saving" || !image.uploadingFrom) return;
    if (this.cloud.db.volume(image.uploadingFrom)?.status === "uploading") return;
    image.status = "active";
    image.uploadingFrom = null;
    image.updated_at = this.#now();
  }

  #now(): string {
    return `${(formatDatetime(this.cloud.now()) ?? "").slice(0, 19)}Z`;
  }

  #uuid(): string {
    const b = this.cloud.inspect.stream("glance.ids").fill(new Uint8Array(16));
    b[6] = ((b[6] as number) & 0x0f) | 0x40;
    b[8] = ((b[8] as number) & 0x3f) | 0x80;
    let out = "";
    for (let i = 0; i < 16; i++) out += (i === 4 || i === 6 || i === 8 || i === 10 ? "-" : "") + HEX[b[i] as number];
    return out;
  }
}

const REGISTRIES = new WeakMap<SimulatedCloud, ImageRegistry>();

/** The cloud's image registry (one per cloud, made on first use). */
export function imagesOf(cloud: SimulatedCloud): ImageRegistry {
  let r = REGISTRIES.get(cloud);
  if (!r) REGISTRIES.set(cloud, (r = new ImageRegistry(cloud)));
  return r;
}
