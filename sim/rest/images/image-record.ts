/** One Glance image as `cbh serve` keeps it (`glance/db/sqlalchemy/models.py:Image`, the fields v2 shows). */
export interface ImageRecord {
  id: string;
  name: string | null;
  /** `queued` (no data), `saving` (cinder's upload running), `active`, `deleted`. */
  status: "queued" | "saving" | "active" | "deleted";
  disk_format: string | null;
  container_format: string | null;
  visibility: "public" | "private" | "shared" | "community";
  protected: boolean;
  owner: string;
  min_disk: number;
  min_ram: number;
  size: number | null;
  checksum: string | null;
  os_hash_value: string | null;
  created_at: string;
  updated_at: string;
  /** The image's bytes once uploaded. */
  data: Uint8Array | null;
  /** `os-volume_upload_image`: the volume being copied; the image turns `active` when it leaves `uploading`. */
  uploadingFrom: string | null;
}
