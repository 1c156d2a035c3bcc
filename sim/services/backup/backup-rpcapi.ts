import type { RpcMethod } from "../../bus/rpc-api.ts";
import type { BackupDeviceInfo } from "../volume/backup-device-info.ts";
import type { CarriedBackup } from "./carried-backup.ts";

/**
 * cinder-backup's RPC API (`cinder/backup/rpcapi.py:BackupAPI`, RPC_API_VERSION 2.3 in Zed).
 * `backup` travels as the OVO in cinder; here as its id plus the carried status and service.
 */
export type BackupRpcApi = {
  /** `create_backup(ctxt, backup)` — cast, 2.0. */
  create_backup: RpcMethod<{ backup_id: string; carried: CarriedBackup }>;
  /** `continue_backup(ctxt, backup, backup_device)` — cast, 2.0 (sent by cinder-volume). */
  continue_backup: RpcMethod<{ backup_id: string; device: BackupDeviceInfo }>;
  /** `restore_backup(ctxt, backup_host, backup, volume_id)` — cast, 2.0 (`volume_is_new`: master's 2.4). */
  restore_backup: RpcMethod<{ backup_id: string; carried: CarriedBackup; volume_id: string; volume_is_new: boolean }>;
  /** `delete_backup(ctxt, backup)` — cast, 2.0. */
  delete_backup: RpcMethod<{ backup_id: string; carried: CarriedBackup }>;
  /** `export_record(ctxt, backup) -> dict` — call, 2.0. */
  export_record: RpcMethod<{ backup_id: string }, { backup_service: string | null; backup_url: string }>;
  /** `import_record(ctxt, host, backup, backup_service, backup_url, backup_hosts)` — cast, 2.0. */
  import_record: RpcMethod<{ backup_id: string; backup_service: string; backup_url: string; backup_hosts: string[] }>;
  /** `reset_status(ctxt, backup, status)` — cast, 2.0. */
  reset_status: RpcMethod<{ backup_id: string; carried: CarriedBackup; status: "available" | "error" }>;
  /** `check_support_to_force_delete(ctxt, host) -> bool` — call, 2.0. */
  check_support_to_force_delete: RpcMethod<{ backup_id: string }, boolean>;
};
