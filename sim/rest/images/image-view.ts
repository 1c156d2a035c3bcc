import type { ImageRecord } from "./image-record.ts";

/** `glance/api/v2/images.py:ResponseSerializer._format_image`: the v2 image document. */
export function imageView(i: ImageRecord): Record<string, unknown> {
  return {
    id: i.id,
    name: i.name,
    status: i.status,
    visibility: i.visibility,
    protected: i.protected,
    os_hidden: false,
    owner: i.owner,
    disk_format: i.disk_format,
    container_format: i.container_format,
    size: i.size,
    virtual_size: null,
    checksum: i.checksum,
    os_hash_algo: i.os_hash_value ? "sha512" : null,
    os_hash_value: i.os_hash_value,
    min_disk: i.min_disk,
    min_ram: i.min_ram,
    tags: [],
    created_at: i.created_at,
    updated_at: i.updated_at,
    self: `/v2/images/${i.id}`,
    file: `/v2/images/${i.id}/file`,
    schema: "/v2/schemas/image",
  };
}
