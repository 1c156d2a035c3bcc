import type { RpcMethod } from "../../bus/rpc-api.ts";

/** What `initialize_connection` returns (the connection info names the fake device). */
export interface ConnectionInfo {
  driver_volume_type: "fake";
  data: { device_id: string };
}

/**
 * cinder-volume's RPC API as the backup flows use it (`cinder/volume/rpcapi.py:VolumeAPI`,
 * RPC_API_VERSION 3.18 in Zed). The connector is reduced to the connecting host.
 */
export type VolumeRpcApi = {
  /** `create_volume(ctxt, volume, request_spec, filter_properties, allow_reschedule)` — cast, 3.0 (sent by the scheduler). */
  create_volume: RpcMethod<{ volume_id: string; backup_id?: string }>;
  /** `delete_volume(ctxt, volume, unmanage_only, cascade)` — cast, 3.0. */
  delete_volume: RpcMethod<{ volume_id: string }>;
  /** `extend_volume(ctxt, volume, new_size, reservations)` — cast, 3.0. */
  extend_volume: RpcMethod<{ volume_id: string; new_size: number }>;
  /** `copy_volume_to_image(ctxt, volume, image_meta)` — cast, 3.0. */
  copy_volume_to_image: RpcMethod<{ volume_id: string; image_id: string }>;
  /** `retype(ctxt, volume, new_type_id, dest, migration_policy, reservations, old_reservations)` — cast, 3.0. */
  retype: RpcMethod<{ volume_id: string; new_type_id: string; migration_policy: string }>;
  /** `create_snapshot(ctxt, volume, snapshot)` — cast, 3.0. */
  create_snapshot: RpcMethod<{ snapshot_id: string }>;
  /** `delete_snapshot(ctxt, snapshot, unmanage_only)` — cast, 3.0. */
  delete_snapshot: RpcMethod<{ snapshot_id: string }>;
  /** `get_backup_device(ctxt, backup, volume)` — cast since 3.17 (the manager casts `continue_backup` back). */
  get_backup_device: RpcMethod<{ backup_id: string; backup_host: string }>;
  /** `initialize_connection(ctxt, volume, connector)` — call, 3.0. */
  initialize_connection: RpcMethod<{ volume_id: string; connector_host: string }, ConnectionInfo>;
  /** `initialize_connection_snapshot(ctxt, snapshot, connector)` — call, 3.13. */
  initialize_connection_snapshot: RpcMethod<{ snapshot_id: string; connector_host: string }, ConnectionInfo>;
  /** `terminate_connection(ctxt, volume, connector, force)` — call, 3.0. */
  terminate_connection: RpcMethod<{ volume_id: string; force: boolean }, null>;
  /** `terminate_connection_snapshot(ctxt, snapshot, connector, force)` — call, 3.13. */
  terminate_connection_snapshot: RpcMethod<{ snapshot_id: string; force: boolean }, null>;
  /** `remove_export(ctxt, volume, sync)` — call here (cinder casts unless `sync`), 3.0. */
  remove_export: RpcMethod<{ volume_id: string }, null>;
  /** `remove_export_snapshot(ctxt, snapshot, sync)` — call here, 3.13. */
  remove_export_snapshot: RpcMethod<{ snapshot_id: string }, null>;
  /** `secure_file_operations_enabled(ctxt, volume) -> bool` — call, 3.0. */
  secure_file_operations_enabled: RpcMethod<{ volume_id: string }, boolean>;
  /** `detach_volume(ctxt, volume, attachment_id)` — call, 3.0. */
  detach_volume: RpcMethod<{ volume_id: string; attachment_id: string }, null>;
};
