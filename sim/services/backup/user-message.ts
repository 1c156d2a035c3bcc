import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupRow } from "../../db/rows.ts";

/** `message_api.create_from_request_context` for a backup. */
export function userMessage(state: CloudState, backup: BackupRow, action: string, detail: string, resourceUuid: string = backup.id): void {
  state.messages.add({
    id: state.ids.uuid(),
    project_id: backup.project_id,
    resource_type: "VOLUME_BACKUP",
    resource_uuid: resourceUuid,
    action,
    detail_id: detail,
    created_at: state.clock.now(),
  });
}
