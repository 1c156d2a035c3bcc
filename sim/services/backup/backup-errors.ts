import type { CloudState } from "../../kernel/cloud-state.ts";
import type { BackupRow, BackupStatus } from "../../db/rows.ts";

/** `volume_utils.update_backup_error`: status (default `error`) and `fail_reason` cut to 255 characters. */
export function updateBackupError(state: CloudState, backup: BackupRow, reason: string, status: BackupStatus = "error"): void {
  state.db.update(backup, { status, fail_reason: reason.slice(0, 255) });
}

/** `str(exception.InvalidBackup(reason=...))`. */
export class ManagerInvalid extends Error {
  constructor(
    readonly kind: "InvalidBackup" | "InvalidVolume" | "InvalidSnapshot",
    reason: string,
  ) {
    super(`${kind === "InvalidBackup" ? "Invalid backup" : kind === "InvalidVolume" ? "Invalid volume" : "Invalid snapshot"}: ${reason}`);
    this.name = kind;
  }
}
