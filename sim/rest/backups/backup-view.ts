import { allowed } from "../../api/policy.ts";
import type { BackupRow } from "../../db/rows.ts";
import { formatDatetime } from "../datetime.ts";
import type { Call } from "../route.ts";

/** `common/constants.py:FIXED_KEY_ID` (the legacy fixed-key manager's id). */
const FIXED_KEY_ID = "00000000-0000-0000-0000-000000000000";

/** `api/views/backups.py:ViewBuilder.summary`. */
export function backupSummary(call: Call, b: Pick<BackupRow, "id" | "display_name">): Record<string, unknown> {
  return { id: b.id, name: b.display_name, links: call.links.item("backups", b.id) };
}

/**
 * `api/v3/views/backups.py:ViewBuilder.detail` plus `v3/backups.py:BackupsController` attributes:
 * `metadata` (3.43), `encryption_key_id` (3.64, unless null or the fixed key),
 * `os-backup-project-attr:project_id` (3.18) and `user_id` (3.56) for `backup:backup_project_attribute` (admin).
 */
export function backupDetail(call: Call, b: BackupRow): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: b.id,
    status: b.status,
    size: b.size,
    object_count: b.object_count,
    availability_zone: b.availability_zone,
    container: b.container,
    created_at: formatDatetime(b.created_at),
    updated_at: formatDatetime(b.updated_at),
    name: b.display_name,
    description: b.display_description,
    fail_reason: b.fail_reason,
    volume_id: b.volume_id,
    links: call.links.item("backups", b.id),
    is_incremental: Boolean(b.parent_id),
    has_dependent_backups: Boolean(b.num_dependent_backups),
    snapshot_id: b.snapshot_id,
    data_timestamp: formatDatetime(b.data_timestamp),
  };
  if (call.minor >= 43) view["metadata"] = { ...b.metadata };
  if (call.minor >= 64 && b.encryption_key_id && b.encryption_key_id !== FIXED_KEY_ID) view["encryption_key_id"] = b.encryption_key_id;
  // v3/backups.py show/detail: context.authorize(BACKUP_ATTRIBUTES_POLICY, fatal=False).
  const attributes = allowed(call.ctx, "backup:backup_project_attribute");
  if (call.minor >= 18 && attributes) view["os-backup-project-attr:project_id"] = b.project_id;
  if (call.minor >= 56 && attributes) view["user_id"] = b.user_id;
  return view;
}
