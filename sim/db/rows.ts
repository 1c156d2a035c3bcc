/**
 * Database rows of the simulated cloud, shaped like cinder's models (`cinder/db/models.py`).
 * Datetimes are virtual-time milliseconds; views format them.
 */

/** `objects/fields.py:BackupStatus`. There is no `error_restoring` backup status. */
export type BackupStatus = "creating" | "available" | "deleting" | "deleted" | "restoring" | "error" | "error_deleting";

export type VolumeStatus =
  | "creating"
  | "available"
  | "in-use"
  | "attaching"
  | "detaching"
  | "reserved"
  | "backing-up"
  | "restoring-backup"
  | "error"
  | "error_restoring"
  | "error_deleting"
  | "deleting"
  | "deleted"
  | "downloading"
  | "uploading"
  | "retyping"
  | "extending"
  | "error_extending"
  | "maintenance"
  | "awaiting-transfer";

export type SnapshotStatus = "creating" | "available" | "deleting" | "deleted" | "error" | "error_deleting" | "backing-up";

/** Persistent-object mixin: soft delete keeps the row (`db/api.py:*_destroy`). */
export interface SoftDeleted {
  created_at: number;
  updated_at: number | null;
  deleted_at: number | null;
  deleted: boolean;
}

/** `objects/backup.py:Backup` (OVO 1.7), every field of spec §1.1. */
export interface BackupRow extends SoftDeleted {
  id: string;
  user_id: string;
  project_id: string;
  volume_id: string;
  snapshot_id: string | null;
  parent_id: string | null;
  num_dependent_backups: number;
  host: string | null;
  availability_zone: string | null;
  container: string | null;
  service: string | null;
  service_metadata: string | null;
  size: number;
  object_count: number;
  status: BackupStatus;
  fail_reason: string | null;
  display_name: string | null;
  display_description: string | null;
  data_timestamp: number;
  encryption_key_id: string | null;
  restore_volume_id: string | null;
  temp_volume_id: string | null;
  temp_snapshot_id: string | null;
  metadata: Record<string, string>;
}

export interface VolumeRow extends SoftDeleted {
  id: string;
  user_id: string;
  project_id: string;
  size: number;
  status: VolumeStatus;
  previous_status: string | null;
  attach_status: "attached" | "detached" | "attaching" | "detaching" | "reserved";
  display_name: string | null;
  display_description: string | null;
  availability_zone: string;
  host: string | null;
  volume_type_id: string | null;
  encryption_key_id: string | null;
  bootable: boolean;
  multiattach: boolean;
  launched_at: number | null;
  snapshot_id: string | null;
  source_volid: string | null;
  /** `migration_status` (NULL when absent): `starting`, `migrating`, `completing`, `success`, `error`; `target:<id>` / `deleting` on a migration's temporary volume. */
  migration_status?: string | null;
  /** `use_quota=False` for temporary backup volumes. */
  use_quota: boolean;
  metadata: Record<string, string>;
  glance_metadata: Record<string, string>;
  attachments: AttachmentRow[];
}

export interface AttachmentRow {
  id: string;
  volume_id: string;
  instance_uuid: string | null;
  attached_host: string | null;
  mountpoint: string | null;
  attach_status: "reserved" | "attaching" | "attached" | "detached";
  attach_mode: "rw" | "ro";
  connector: Record<string, unknown> | null;
  created_at: number;
}

export interface SnapshotRow extends SoftDeleted {
  id: string;
  user_id: string;
  project_id: string;
  volume_id: string;
  volume_size: number;
  status: SnapshotStatus;
  progress: string;
  display_name: string | null;
  display_description: string | null;
  use_quota: boolean;
  metadata: Record<string, string>;
}

export interface VolumeTypeRow {
  id: string;
  name: string;
  description: string | null;
  is_public: boolean;
  extra_specs: Record<string, string>;
  /** Encrypted types carry an encryption spec (`volume_type_encryption`). */
  encrypted: boolean;
}

/** `services` table: one row per binary and host. Liveness = heartbeat within `service_down_time`. */
export interface ServiceRow {
  id: number;
  binary: "cinder-api" | "cinder-scheduler" | "cinder-volume" | "cinder-backup";
  host: string;
  topic: string;
  availability_zone: string;
  disabled: boolean;
  disabled_reason: string | null;
  updated_at: number | null;
  created_at: number;
  report_count: number;
  frozen: boolean;
  /** Last `publish_service_capabilities` payload (`backend_state`, `driver_name`, `availability_zone`). */
  capabilities: Record<string, unknown> | null;
}

/** `quotas` (per project) and `quota_classes` (`default`). */
export interface QuotaUsageRow {
  project_id: string;
  resource: string;
  in_use: number;
  reserved: number;
}

export interface ReservationRow {
  uuid: string;
  project_id: string;
  resource: string;
  delta: number;
  expire: number;
}
