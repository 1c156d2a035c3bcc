import type { SnapshotRow } from "../../db/rows.ts";
import { formatDatetime } from "../datetime.ts";
import type { Call } from "../route.ts";

/** `api/views/snapshots.py:ViewBuilder.summary` (also the index entries). */
export function snapshotSummary(s: SnapshotRow): Record<string, unknown> {
  return {
    id: s.id,
    created_at: formatDatetime(s.created_at),
    updated_at: formatDatetime(s.updated_at),
    name: s.display_name,
    description: s.display_description,
    volume_id: s.volume_id,
    status: s.status,
    size: s.volume_size,
    metadata: { ...s.metadata },
  };
}

/**
 * `api/v3/views/snapshots.py:ViewBuilder.detail`: `group_snapshot_id` (3.14), `user_id` (3.41),
 * `consumes_quota` (3.65); `os-extended-snapshot-attributes` (owner policy) on show/detail.
 */
export function snapshotDetail(call: Call, s: SnapshotRow, extended: boolean): Record<string, unknown> {
  const view = snapshotSummary(s);
  if (call.minor >= 14) view["group_snapshot_id"] = null;
  if (call.minor >= 41) view["user_id"] = s.user_id;
  if (call.minor >= 65) view["consumes_quota"] = s.use_quota;
  if (extended) {
    view["os-extended-snapshot-attributes:project_id"] = s.project_id;
    view["os-extended-snapshot-attributes:progress"] = s.progress;
  }
  return view;
}
