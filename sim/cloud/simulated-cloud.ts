import type { BackupDriver } from "../driver/backup-driver.ts";
import type { CinderOperations } from "../api/operations.ts";
import type { RequestContext } from "../api/request-context.ts";
import type { ObjectStore } from "../storage/object-store.ts";
import type { BackupRow, ServiceRow, SnapshotRow, VolumeRow } from "../db/rows.ts";
import type { TraceEvent } from "../core/trace-event.ts";

/**
 * The contract of a started simulated cloud (implemented by `CloudBuilder.build()` in this
 * folder). The REST layer, the HTTP server, the conformance harness and the chaos scenarios all
 * drive the model through this.
 */
export interface SimulatedCloud {
  readonly seed: number;
  readonly release: Release;
  /** cinder-api's domain operations (validation, errors, quota) — see sim/api/operations.ts. */
  readonly ops: CinderOperations;
  /** Request context for a seeded user (`admin` in project `admin`, `demo` in project `demo`). */
  context(user: "admin" | "demo" | { userId: string; projectId: string; roles: string[] }, microversion?: string): RequestContext;
  /** Runs virtual time until no work is pending (all casts delivered, all jobs finished). */
  settle(opts?: { maxEvents?: number }): Promise<void>;
  /** Runs virtual time forward by `ms` (periodic tasks, heartbeats, timeouts). */
  advance(ms: number): Promise<void>;
  /** Virtual now, ms since epoch. */
  now(): number;
  /** Fake block devices of volumes and snapshots. */
  readonly devices: DeviceAccess;
  /** Chaos and admin-side faults. */
  readonly faults: FaultControls;
  /** Read-only views of the database tables (includes soft-deleted rows). */
  readonly db: DatabaseView;
  /** The object store the reference chunked drivers write to. */
  readonly objectStore: ObjectStore;
  /** The step-by-step trace. */
  readonly trace: TraceView;
}

export type Release = "zed" | "master";

export interface DeviceAccess {
  write(volumeId: string, offset: number, data: Uint8Array): void;
  read(volumeId: string, offset: number, length: number): Uint8Array;
  /** sha256 (hex) of the device's whole content and its size in bytes. */
  sha256(volumeId: string): { sha256: string; size: number };
  /** Fills a volume with a deterministic generator (`zeros`, `random`, `text`, `pattern`) from the seed. */
  fill(volumeId: string, kind: "zeros" | "random" | "text" | "pattern", opts?: { offset?: number; length?: number; stream?: string }): void;
}

export interface FaultControls {
  /** The database is lost: every row soft-deleted/forgotten; objects in stores survive. */
  dbLoss(): void;
  stopService(binary: string, host: string): void;
  startService(binary: string, host: string): Promise<void>;
  /** Stop then start: runs the backup manager's `init_host` cleanup. */
  restartService(binary: string, host: string): Promise<void>;
  /** WAN partition between a host and the central database: its heartbeats stop landing, so its services go down after `service_down_time` although they keep running. */
  cutFromDatabase(host: string): void;
  /** Heals `cutFromDatabase`. */
  reconnectToDatabase(host: string): void;
}

export interface DatabaseView {
  backup(id: string): BackupRow | undefined;
  volume(id: string): VolumeRow | undefined;
  snapshot(id: string): SnapshotRow | undefined;
  backups(): BackupRow[];
  volumes(): VolumeRow[];
  snapshots(): SnapshotRow[];
  services(): ServiceRow[];
  quotaUsage(projectId: string): Record<string, { in_use: number; reserved: number; limit: number }>;
}

/** One line of the trace; `TraceRecorder.record` takes it without `t`, `seq` and `what`. */
export interface TraceEntry {
  /** Virtual time, ms since epoch. */
  t: number;
  seq: number;
  /** Workflow and guide step number (Figure 1.1 backup 1–18, Figure 1.2 restore 1–17), when known. */
  flow?: "backup" | "restore" | "delete" | "export" | "import" | "reset" | "cleanup" | "volume" | "snapshot" | "quota";
  step?: number;
  service: string;
  host: string;
  kind: "api" | "cast" | "call" | "reply" | "state" | "driver" | "notify" | "fault" | "error";
  /** What happened, as data: match on this, never on `what`. */
  event: TraceEvent;
  /** Human text, derived from `event` by `describeEvent` (part of the canonical trace). */
  what: string;
  detail?: Record<string, unknown>;
}

export interface TraceView {
  entries(): readonly TraceEntry[];
  /** Canonical JSON lines. */
  jsonl(): string;
  /** sha256 of the canonical trace. */
  hash(): string;
}

/** What the builder accepts (fluent `with*()`; `build()` returns a started SimulatedCloud). */
export interface CloudOptions {
  seed: number;
  release: Release;
  /** AZs and hosts; default: az1 with api, scheduler, volume@lvm and backup hosts, az2 likewise. */
  topology?: Topology;
  /** Backup driver per backup host; default: the reference chunked driver (posix layout) over `objectStore`. */
  backupDriver?: (host: string, store: ObjectStore) => BackupDriver;
  objectStore?: ObjectStore;
  /** cinder.conf options ([DEFAULT] backup_* and friends) by cinder's names. */
  config?: Record<string, string | number | boolean>;
  /** Off for benchmarks: keeps only counters. */
  trace?: boolean;
}

export interface Topology {
  zones: Array<{
    name: string;
    volumeBackends: Array<{ host: string; backend: string; driver?: "lvm" | "rbd" }>;
    backupHosts: Array<{ host: string; workers?: number }>;
  }>;
  schedulerHost?: string;
  apiHost?: string;
}
