import type { RpcMessage } from "../../bus/rpc-message.ts";
import type { CloudState } from "../../cloud/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { CinderService } from "../cinder-service.ts";
import { getBackupDevice } from "./get-backup-device.ts";
import { extendVolumeOnHost } from "./volume-extend.ts";
import { retypeOnHost } from "./volume-retype.ts";
import { createVolume, deleteVolume } from "./volume-lifecycle.ts";
import { createSnapshot, deleteSnapshot } from "./snapshot-lifecycle.ts";

/** cinder-volume for one backend (`host@backend`) in one AZ (`volume/manager.py:VolumeManager`). */
export class VolumeService extends CinderService {
  constructor(state: CloudState, host: string, az: string, readonly backendDriver: "lvm" | "rbd" = "lvm") {
    super(state, "cinder-volume", host, az, "cinder-volume");
  }

  protected async handle(method: string, a: Record<string, unknown>, epoch: number, _msg: RpcMessage): Promise<unknown> {
    switch (method) {
      case "create_volume":
        return createVolume(this, this.state, epoch, a["volume_id"] as string, a["backup_id"] as string | undefined);
      case "delete_volume":
        return deleteVolume(this, this.state, epoch, a["volume_id"] as string);
      case "extend_volume":
        return extendVolumeOnHost(this, this.state, epoch, a["volume_id"] as string, a["new_size"] as number);
      case "retype":
        return retypeOnHost(this, this.state, epoch, a["volume_id"] as string, a["new_type_id"] as string, a["migration_policy"] as string);
      case "create_snapshot":
        return createSnapshot(this, this.state, epoch, a["snapshot_id"] as string);
      case "delete_snapshot":
        return deleteSnapshot(this, this.state, epoch, a["snapshot_id"] as string);
      case "get_backup_device":
        return getBackupDevice(this, this.state, epoch, a["backup_id"] as string, (a["backup_host"] as string | undefined) ?? null);
      case "initialize_connection":
      case "initialize_connection_snapshot":
        return this.#initializeConnection(a["volume_id"] as string ?? a["snapshot_id"] as string, a["connector_host"] as string);
      case "terminate_connection":
      case "terminate_connection_snapshot":
      case "remove_export":
      case "remove_export_snapshot":
        return this.#terminate(a["volume_id"] as string ?? a["snapshot_id"] as string);
      case "secure_file_operations_enabled":
        return false;
      case "detach_volume":
        return this.#detachAttachment(a["volume_id"] as string, a["attachment_id"] as string);
      default:
        throw new Error(`cinder-volume: unknown RPC method ${method}`);
    }
  }

  /** `initialize_connection`: export + map; the connection info names the fake device. */
  #initializeConnection(deviceId: string, connectorHost: string): Record<string, unknown> {
    const dev = this.state.devices.get(deviceId);
    if (!dev) throw new Error(`Volume device ${deviceId} could not be found.`);
    dev.attachedTo = connectorHost;
    return { driver_volume_type: "fake", data: { device_id: deviceId } };
  }

  #terminate(deviceId: string): null {
    const dev = this.state.devices.get(deviceId);
    if (dev) dev.attachedTo = null;
    return null;
  }

  /** `detach_volume` (restart cleanup of the backup host's instance-less attachments). */
  #detachAttachment(volumeId: string, attachmentId: string): null {
    const v: VolumeRow | undefined = this.state.db.volume(volumeId);
    if (!v) return null;
    v.attachments = v.attachments.filter((x) => x.id !== attachmentId);
    if (v.attachments.length === 0) this.state.db.update(v, { attach_status: "detached" });
    return null;
  }
}
