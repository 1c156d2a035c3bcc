import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeFile } from "../../../lib/format/index.ts";
import type { BackupDeviceInfo } from "../volume/backup-device-info.ts";
import type { BackupService } from "./backup-service.ts";
import { initializeConnection, removeExport, terminateConnection } from "./connection-rpc.ts";

export interface AttachInfo {
  file: VolumeFile;
  volumeHost: string;
}

/** Host of the cinder-volume that owns a volume or snapshot. */
export function volumeHostOf(state: CloudState, device: BackupDeviceInfo): string {
  const volumeId = device.kind === "volume" ? device.id : state.db.snapshots.getAny(device.id)?.volume_id;
  const host = volumeId ? state.db.volumes.getAny(volumeId)?.host : null;
  if (!host) throw new Error(`${device.kind} ${device.id} has no volume service host`);
  return host;
}

/**
 * `_attach_device`: `initialize_connection[_snapshot]` (a call; guide steps 9–10 of a backup,
 * 10–11 of a restore), then os-brick `connect_volume` and open the device (steps 11 / 12).
 */
export async function attachDevice(
  svc: BackupService,
  state: CloudState,
  epoch: number,
  device: BackupDeviceInfo,
  flow: "backup" | "restore",
): Promise<AttachInfo> {
  const volumeHost = volumeHostOf(state, device);
  const steps = flow === "backup" ? [9, 11] : [10, 12];
  try {
    await initializeConnection(svc, epoch, volumeHost, device, { flow, step: steps[0]! });
  } catch (e) {
    await terminateConnection(svc, epoch, volumeHost, device, { flow }).catch(() => undefined);
    throw e;
  }
  const dev = state.devices.get(device.id);
  if (!dev) throw new Error(`Unable to connect ${device.kind} ${device.id}: device not found`);
  if (svc.tracing)
    svc.trace({
      flow,
      step: steps[1]!,
      kind: "state",
      event: { type: "note", text: `attached ${device.kind} ${device.id} to ${svc.host}`, subjects: [device.id] },
    });
  return { file: dev.asVolumeFile(), volumeHost };
}

/** `_detach_device`: disconnect (step 13 / 14), `terminate_connection` (14 / 15) and `remove_export` (15 / 16). */
export async function detachDevice(
  svc: BackupService,
  epoch: number,
  device: BackupDeviceInfo,
  info: AttachInfo,
  flow: "backup" | "restore",
  ignoreErrors: boolean,
): Promise<void> {
  const steps = flow === "backup" ? [13, 14, 15] : [14, 15, 16];
  if (svc.tracing)
    svc.trace({
      flow,
      step: steps[0]!,
      kind: "state",
      event: { type: "note", text: `detached ${device.kind} ${device.id} from ${svc.host}`, subjects: [device.id] },
    });
  try {
    await terminateConnection(svc, epoch, info.volumeHost, device, { flow, step: steps[1]! });
    await removeExport(svc, epoch, info.volumeHost, device, { flow, step: steps[2]! });
  } catch (e) {
    if ((e as { code?: string }).code === "service-crashed" || !ignoreErrors) throw e;
  }
}
