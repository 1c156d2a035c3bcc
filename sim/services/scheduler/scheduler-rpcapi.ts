import type { RpcMethod } from "../../bus/rpc-api.ts";

/** cinder-scheduler's RPC API as the backup flows use it (`cinder/scheduler/rpcapi.py:SchedulerAPI`, RPC_API_VERSION 3.12 in Zed). */
export type SchedulerRpcApi = {
  /** `create_backup(ctxt, backup)` — cast, 3.12 (the AZ travels on the backup in cinder). */
  create_backup: RpcMethod<{ backup_id: string; availability_zone: string | null }>;
  /** `create_volume(ctxt, volume, snapshot_id, image_id, request_spec, filter_properties, backup_id)` — cast, 3.0 (`backup_id` 3.10). */
  create_volume: RpcMethod<{ volume_id: string; backup_id?: string }>;
};
