import type { AttachmentRow } from "../../db/rows.ts";
import { formatDatetime } from "../datetime.ts";

/** `api/v3/views/attachments.py:ViewBuilder` (dates normalised, '' when unset). */
export function attachmentSummary(a: Pick<AttachmentRow, "id" | "attach_status" | "instance_uuid" | "volume_id">): Record<string, unknown> {
  return { id: a.id, status: a.attach_status, instance: a.instance_uuid, volume_id: a.volume_id };
}

export function attachmentDetail(a: AttachmentRow, connectionInfo: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...attachmentSummary(a),
    attached_at: a.attach_status === "attached" ? formatDatetime(a.created_at) : "",
    detached_at: "",
    attach_mode: a.attach_mode,
    connection_info: connectionInfo,
  };
}
