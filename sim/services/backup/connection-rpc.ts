import type { TraceTag } from "../../bus/rpc-message.ts";
import type { BackupDeviceInfo } from "../volume/backup-device-info.ts";
import type { BackupService } from "./backup-service.ts";

/**
 * The volume RPCs of `_attach_device` / `_detach_device` (`backup/manager.py`): the volume or
 * the `_snapshot` variant of each call, by the kind of backup device.
 */
export function initializeConnection(
  svc: BackupService,
  epoch: number,
  volumeHost: string,
  device: BackupDeviceInfo,
  tag: TraceTag,
): Promise<unknown> {
  return device.kind === "volume"
    ? svc.call(epoch, volumeHost, "cinder-volume", "initialize_connection", { volume_id: device.id, connector_host: svc.host }, tag)
    : svc.call(
        epoch,
        volumeHost,
        "cinder-volume",
        "initialize_connection_snapshot",
        { snapshot_id: device.id, connector_host: svc.host },
        tag,
      );
}

export function terminateConnection(
  svc: BackupService,
  epoch: number,
  volumeHost: string,
  device: BackupDeviceInfo,
  tag: TraceTag,
): Promise<unknown> {
  return device.kind === "volume"
    ? svc.call(epoch, volumeHost, "cinder-volume", "terminate_connection", { volume_id: device.id, force: true }, tag)
    : svc.call(epoch, volumeHost, "cinder-volume", "terminate_connection_snapshot", { snapshot_id: device.id, force: true }, tag);
}

export function removeExport(
  svc: BackupService,
  epoch: number,
  volumeHost: string,
  device: BackupDeviceInfo,
  tag: TraceTag,
): Promise<unknown> {
  return device.kind === "volume"
    ? svc.call(epoch, volumeHost, "cinder-volume", "remove_export", { volume_id: device.id }, tag)
    : svc.call(epoch, volumeHost, "cinder-volume", "remove_export_snapshot", { snapshot_id: device.id }, tag);
}
