import type { RpcHandlers } from "../../bus/rpc-api.ts";
import type { CloudState } from "../../kernel/cloud-state.ts";
import type { VolumeRow } from "../../db/rows.ts";
import { CinderService } from "../cinder-service.ts";
import { getBackupDevice } from "./get-backup-device.ts";
import { extendVolumeOnHost } from "./volume-extend.ts";
import { copyVolumeToImageOnHost } from "./volume-upload.ts";
import { retypeOnHost } from "./volume-retype.ts";
import { createVolume, deleteVolume } from "./volume-lifecycle.ts";
import { createSnapshot, deleteSnapshot } from "./snapshot-lifecycle.ts";
import type { ConnectionInfo, VolumeRpcApi } from "./volume-rpcapi.ts";

/** cinder-volume for one backend (`host@backend`) in one AZ (`volume/manager.py:VolumeManager`). */
export class VolumeService extends CinderService<VolumeRpcApi> {
  constructor(
    state: CloudState,
    host: string,
    az: string,
    readonly backendDriver: "lvm" | "rbd" = "lvm",
  ) {
    super(state, "cinder-volume", host, az, "cinder-volume");
  }

  protected readonly handlers: RpcHandlers<VolumeRpcApi> = {
    create_volume: (a, epoch) => createVolume(this, this.state, epoch, a.volume_id, a.backup_id),
    delete_volume: (a, epoch) => deleteVolume(this, this.state, epoch, a.volume_id),
    extend_volume: (a, epoch) => extendVolumeOnHost(this, this.state, epoch, a.volume_id, a.new_size),
    copy_volume_to_image: (a, epoch) => copyVolumeToImageOnHost(this, this.state, epoch, a.volume_id, a.image_id),
    retype: (a, epoch) => retypeOnHost(this, this.state, epoch, a.volume_id, a.new_type_id, a.migration_policy),
    create_snapshot: (a, epoch) => createSnapshot(this, this.state, epoch, a.snapshot_id),
    delete_snapshot: (a, epoch) => deleteSnapshot(this, this.state, epoch, a.snapshot_id),
    get_backup_device: (a, epoch) => getBackupDevice(this, this.state, epoch, a.backup_id, a.backup_host),
    initialize_connection: (a) => this.#initializeConnection(a.volume_id, a.connector_host),
    initialize_connection_snapshot: (a) => this.#initializeConnection(a.snapshot_id, a.connector_host),
    terminate_connection: (a) => this.#terminate(a.volume_id),
    terminate_connection_snapshot: (a) => this.#terminate(a.snapshot_id),
    remove_export: (a) => this.#terminate(a.volume_id),
    remove_export_snapshot: (a) => this.#terminate(a.snapshot_id),
    secure_file_operations_enabled: () => false,
    detach_volume: (a) => this.#detachAttachment(a.volume_id, a.attachment_id),
  };

  /** `initialize_connection`: export + map; the connection info names the fake device. */
  #initializeConnection(deviceId: string, connectorHost: string): ConnectionInfo {
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
