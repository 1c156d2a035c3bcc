import { GlanceError } from "./glance-errors.ts";

/** `glance/api/v2/images.py` schema: the formats Glance accepts (`image_format` options' defaults). */
export const DISK_FORMATS = ["ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso", "ploop"] as const;
export const CONTAINER_FORMATS = ["ami", "ari", "aki", "bare", "ovf", "ova", "docker", "compressed"] as const;
const VISIBILITIES = ["public", "private", "shared", "community"] as const;
/** Attributes Glance sets itself: a create naming one is refused (`RequestDeserializer._check_allowed`). */
const READ_ONLY = [
  "status",
  "size",
  "checksum",
  "os_hash_algo",
  "os_hash_value",
  "created_at",
  "updated_at",
  "owner",
  "virtual_size",
  "self",
  "file",
  "schema",
  "direct_url",
  "locations",
];

export interface ImageCreateFields {
  name?: string | null;
  disk_format?: string | null;
  container_format?: string | null;
  visibility?: (typeof VISIBILITIES)[number];
  protected?: boolean;
  min_disk?: number;
  min_ram?: number;
}

/** `POST /v2/images` body (`RequestDeserializer.create`): a JSON object checked against the image schema. */
export function parseImageCreate(text: string): ImageCreateFields {
  let body: unknown;
  try {
    body = JSON.parse(text || "null");
  } catch {
    throw new GlanceError(400, "Body expected in request.");
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new GlanceError(400, "Body expected in request.");
  const b = body as Record<string, unknown>;
  for (const k of READ_ONLY) if (k in b) throw new GlanceError(403, `Attribute '${k}' is read-only.`);
  if ("id" in b) throw new GlanceError(400, "cbh serve does not take a caller-chosen image id.");
  const out: ImageCreateFields = {};
  const enumOf = (key: string, allowed: readonly string[]): string | null | undefined => {
    const v = b[key];
    if (v === undefined || v === null) return v as null | undefined;
    if (typeof v !== "string" || !allowed.includes(v))
      throw new GlanceError(400, `Invalid value '${String(v)}' for '${key}': must be one of ${allowed.join(", ")}.`);
    return v;
  };
  if (b["name"] !== undefined) {
    if (b["name"] !== null && (typeof b["name"] !== "string" || b["name"].length > 255))
      throw new GlanceError(400, "Provided object does not match schema 'image': 'name' must be a string of at most 255 characters.");
    out.name = b["name"] as string | null;
  }
  const disk = enumOf("disk_format", DISK_FORMATS);
  if (disk !== undefined) out.disk_format = disk;
  const container = enumOf("container_format", CONTAINER_FORMATS);
  if (container !== undefined) out.container_format = container;
  const vis = enumOf("visibility", VISIBILITIES);
  if (vis) out.visibility = vis as ImageCreateFields["visibility"];
  if (b["protected"] !== undefined) {
    if (typeof b["protected"] !== "boolean") throw new GlanceError(400, "Invalid value for 'protected': must be a boolean.");
    out.protected = b["protected"];
  }
  for (const k of ["min_disk", "min_ram"] as const) {
    const v = b[k];
    if (v === undefined) continue;
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
      throw new GlanceError(400, `Invalid value for '${k}': must be a non-negative integer.`);
    out[k] = v;
  }
  return out;
}
