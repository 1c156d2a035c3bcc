/** What `get_backup_device` hands the backup service (`objects.BackupDeviceInfo`). */
export interface BackupDeviceInfo {
  kind: "volume" | "snapshot";
  id: string;
  secure_enabled: boolean;
}
