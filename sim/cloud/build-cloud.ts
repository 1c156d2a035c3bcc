import { ApiService } from "../api/api-service.ts";
import { cinderOperations } from "../api/cinder-operations.ts";
import { MessageBus } from "../bus/message-bus.ts";
import { IdFactory } from "../core/id-factory.ts";
import { Prng } from "../core/prng.ts";
import { Scheduler } from "../core/scheduler.ts";
import { TraceRecorder } from "../core/trace-recorder.ts";
import { VirtualClock } from "../core/virtual-clock.ts";
import { Database } from "../db/database.ts";
import { DEFAULT_QUOTAS, QuotaEngine } from "../db/quota-engine.ts";
import { ChunkedBackupDriver } from "../drivers/index.ts";
import { BackupService } from "../services/backup/backup-service.ts";
import type { CinderService } from "../services/cinder-service.ts";
import { SchedulerService } from "../services/scheduler/scheduler-service.ts";
import { VolumeService } from "../services/volume/volume-service.ts";
import { MemoryObjectStore } from "../../lib/stores/index.ts";
import { plainBytes } from "../../lib/format/index.ts";
import type { CloudState } from "../kernel/cloud-state.ts";
import { resolveConfig } from "../kernel/config.ts";
import { DEFAULT_TOPOLOGY, validateTopology } from "./default-topology.ts";
import { releaseProfile } from "../kernel/release-profile.ts";
import { ServiceRegistry } from "../kernel/service-registry.ts";
import { SimulatedCloudImpl } from "./simulated-cloud-impl.ts";
import type { CloudOptions, SimulatedCloud } from "./simulated-cloud.ts";
import { UserMessages } from "../kernel/user-messages.ts";

/** Wires the database, bus and services of one cloud from its options and starts them. */
export async function buildCloud(o: CloudOptions): Promise<SimulatedCloud> {
  const config = resolveConfig(o.config);
  const release = releaseProfile(o.release);
  const topology = validateTopology(o.topology ?? DEFAULT_TOPOLOGY);
  const clock = new VirtualClock();
  const sched = new Scheduler(clock);
  const prng = new Prng(o.seed);
  const ids = new IdFactory(prng);
  const trace = new TraceRecorder(clock, o.trace !== false);
  const db = new Database(() => clock.now());
  const azOfHost = new Map<string, string>();
  const quotas = new QuotaEngine(
    {
      ...DEFAULT_QUOTAS,
      volumes: config.quota_volumes,
      snapshots: config.quota_snapshots,
      gigabytes: config.quota_gigabytes,
      backups: config.quota_backups,
      backup_gigabytes: config.quota_backup_gigabytes,
    },
    () => db.volumeTypes.all().map((t) => t.name),
  );
  const bus = new MessageBus(sched, trace, config.sim_amqp_latency_ms, (h) => azOfHost.get(h) ?? null);
  const objectStore = o.objectStore ?? new MemoryObjectStore();
  const state: CloudState = {
    seed: o.seed,
    clock,
    sched,
    prng,
    ids,
    trace,
    db,
    quotas,
    bus,
    config,
    release,
    objectStore,
    devices: new Map(),
    services: new ServiceRegistry(db, () => clock.now(), config.report_interval * 1000, config.service_down_time * 1000),
    messages: new UserMessages(),
    keys: new Set(),
    bytes: o.bytes ?? plainBytes,
  };
  seedVolumeTypes(state);
  const central = topology.zones[0]!.name;
  const apiHost = topology.apiHost ?? "controller";
  const schedHost = topology.schedulerHost ?? "controller";
  azOfHost.set(apiHost, central);
  azOfHost.set(schedHost, central);
  const services: CinderService[] = [];
  const api = new ApiService(state, apiHost, central);
  services.push(api, new SchedulerService(state, schedHost, central));
  for (const z of topology.zones) {
    for (const b of z.volumeBackends ?? []) {
      azOfHost.set(b.host, z.name);
      services.push(new VolumeService(state, b.host, z.name, b.driver ?? "lvm"));
    }
    for (const h of z.backupHosts ?? []) {
      azOfHost.set(h.host, z.name);
      const driver = o.backupDriver
        ? o.backupDriver(h.host, objectStore)
        : new ChunkedBackupDriver({
            layout: "posix",
            store: objectStore,
            zlibEncoder: "native",
            config: {
              backup_file_size: config.backup_file_size,
              backup_sha_block_size_bytes: config.backup_sha_block_size_bytes,
              backup_compression_algorithm: config.backup_compression_algorithm,
              backup_object_number_per_notification: config.backup_object_number_per_notification,
            },
          });
      services.push(new BackupService(state, h.host, z.name, driver, h.workers ?? config.backup_workers));
    }
  }
  const starting = services.map((s) => sched.spawn(`start ${s.binary} ${s.host}`, () => s.start()));
  await sched.run({ until: () => starting.every((p) => p.finished) });
  for (const p of starting) {
    const r = p.settled();
    if (r && !r.ok) throw r.error;
  }
  return new SimulatedCloudImpl(state, services, cinderOperations({ state, api }), o.release);
}

function seedVolumeTypes(state: CloudState): void {
  state.db.volumeTypes.insert({
    id: state.ids.uuid(),
    name: "__DEFAULT__",
    description: "Default Volume Type",
    is_public: true,
    extra_specs: {},
    encrypted: false,
  });
  state.db.volumeTypes.insert({
    id: state.ids.uuid(),
    name: "LUKS",
    description: "Encrypted volume type",
    is_public: true,
    extra_specs: {},
    encrypted: true,
  });
}
