import type { BackupRow } from "../../db/rows.ts";

/**
 * What an RPC cast carries of a backup: oslo.versionedobjects serialise the whole `Backup` OVO
 * as it was when the cast was sent, and the manager checks *that* object's status and service
 * (`backup/manager.py` never refreshes before its checks). A queued delete delivered after the
 * restart cleanup already deleted the row therefore still sees `deleting`.
 */
export interface CarriedBackup {
  readonly status: BackupRow["status"];
  readonly service: string | null;
}

export function carry(b: BackupRow): CarriedBackup {
  return { status: b.status, service: b.service };
}

/** The carried view if the message had one, else the row (backlog messages from old tests). */
export function carriedOr(arg: unknown, row: BackupRow): CarriedBackup {
  return arg && typeof arg === "object" && "status" in arg ? (arg as CarriedBackup) : carry(row);
}
