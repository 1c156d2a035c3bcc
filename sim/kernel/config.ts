/**
 * cinder.conf options the simulated cloud honours, by cinder's names, with cinder's defaults
 * (`backup/api.py`, `backup/manager.py`, `service.py`, `quota.py`) and the simulator's own
 * `sim_*` knobs (device scale, bus latency, I/O throughput in virtual time).
 */
export interface CloudConfig {
  backup_use_same_host: boolean;
  backup_use_temp_snapshot: boolean;
  backup_workers: number;
  backup_max_operations: number;
  backup_service_inithost_offload: boolean;
  backup_driver_init_check_interval: number;
  backup_name_template: string;
  backup_compression_algorithm: string;
  /** Reference driver object size (posix `backup_file_size`; scaled down like the devices). */
  backup_file_size: number;
  backup_sha_block_size_bytes: number;
  backup_object_number_per_notification: number;
  service_down_time: number;
  report_interval: number;
  rpc_response_timeout: number;
  osapi_max_limit: number;
  default_availability_zone: string | null;
  quota_volumes: number;
  quota_snapshots: number;
  quota_gigabytes: number;
  quota_backups: number;
  quota_backup_gigabytes: number;
  /** Bytes of fake device per GB of volume size (cinder: 2^30; default 1 MiB, `small` geometry — see geometry.ts). */
  sim_bytes_per_gb: number;
  sim_amqp_latency_ms: number;
  /** Virtual-time cost of moving data, MB/s. */
  sim_read_mbps: number;
  sim_write_mbps: number;
  sim_store_mbps: number;
  sim_compress_mbps: number;
  /** Volume driver: time to create a volume / snapshot / clone, ms. */
  sim_volume_create_ms: number;
}

export const DEFAULT_CONFIG: Readonly<CloudConfig> = {
  backup_use_same_host: false,
  backup_use_temp_snapshot: false,
  backup_workers: 1,
  backup_max_operations: 15,
  backup_service_inithost_offload: true,
  backup_driver_init_check_interval: 60,
  backup_name_template: "backup-%s",
  backup_compression_algorithm: "zlib",
  backup_file_size: 262144,
  backup_sha_block_size_bytes: 32768,
  backup_object_number_per_notification: 10,
  service_down_time: 60,
  report_interval: 10,
  rpc_response_timeout: 60,
  osapi_max_limit: 1000,
  default_availability_zone: null,
  quota_volumes: 10,
  quota_snapshots: 10,
  quota_gigabytes: 1000,
  quota_backups: 10,
  quota_backup_gigabytes: 1000,
  sim_bytes_per_gb: 1048576,
  sim_amqp_latency_ms: 2,
  sim_read_mbps: 400,
  sim_write_mbps: 300,
  sim_store_mbps: 200,
  sim_compress_mbps: 45,
  sim_volume_create_ms: 500,
};

export class ConfigError extends Error {
  readonly code = "bad-config";
  /** The cinder.conf option at fault. */
  constructor(
    message: string,
    readonly option: string,
  ) {
    super(message);
  }
}

/** Merges overrides, checking names and types (a typo is an error, not a silent default). */
export function resolveConfig(overrides: Record<string, string | number | boolean> = {}): CloudConfig {
  const cfg: Record<string, unknown> = { ...DEFAULT_CONFIG };
  for (const [k, v] of Object.entries(overrides)) {
    if (!(k in DEFAULT_CONFIG)) throw new ConfigError(`unknown option '${k}'`, k);
    const def = (DEFAULT_CONFIG as unknown as Record<string, unknown>)[k];
    if (typeof def === "number") {
      const n = typeof v === "number" ? v : Number(v);
      if (!Number.isFinite(n)) throw new ConfigError(`option '${k}' must be a number, got ${JSON.stringify(v)}`, k);
      cfg[k] = n;
    } else if (typeof def === "boolean") {
      if (typeof v === "boolean") cfg[k] = v;
      else if (/^(true|1|yes|on)$/i.test(String(v))) cfg[k] = true;
      else if (/^(false|0|no|off)$/i.test(String(v))) cfg[k] = false;
      else throw new ConfigError(`option '${k}' must be a boolean, got ${JSON.stringify(v)}`, k);
    } else {
      cfg[k] = v === null ? null : String(v);
    }
  }
  return cfg as unknown as CloudConfig;
}
