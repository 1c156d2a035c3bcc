import type { BackupDriver } from "../driver/backup-driver.ts";
import type { CinderOperations } from "../api/operations.ts";
import type { RequestContext } from "../api/request-context.ts";
import type { ObjectStore } from "../../lib/stores/index.ts";
import type { ByteAllocator } from "../../lib/format/index.ts";
import type { BackupRow, ServiceRow, SnapshotRow, VolumeRow } from "../db/rows.ts";
import type { Release } from "../kernel/release-profile.ts";
import type { TraceEntry, TraceView } from "../core/trace-entry.ts";
import type { MessageInterceptor } from "../bus/rpc-message.ts";
import type { PrngStream } from "../core/prng.ts";
import type { TraceRecorder } from "../core/trace-recorder.ts";
import type { CloudConfig } from "../kernel/config.ts";
import type { checkInvariants } from "./invariants.ts";

export type { Release } from "../kernel/release-profile.ts";
export type { TraceEntry, TraceView } from "../core/trace-entry.ts";

/**
 * The contract of a started simulated cloud (implemented by `CloudBuilder.build()` in this
 * folder). The REST layer, the HTTP server, the conformance harness, the workflows and the chaos
 * scenarios all drive the model through this; its implementation is not exported (the model's
 * own white-box tests reach it through `sim/cloud/testing.ts` only).
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
  /**
   * Runs virtual time until `pred` holds, or the cloud is idle (unless `untilIdle: false`),
   * `forMs` of virtual time passed, or `maxEvents` events ran.
   */
  runUntil(pred: () => boolean, limits?: RunLimits): Promise<void>;
  /** Virtual now, ms since epoch. */
  now(): number;
  /** Fake block devices of volumes and snapshots. */
  readonly devices: DeviceAccess;
  /** Chaos and admin-side faults, and the hooks a fault injector drives (services, bus, timed events). */
  readonly faults: FaultControls;
  /** Read-only views of the database tables (includes soft-deleted rows). */
  readonly db: DatabaseView;
  /** The object store the reference chunked drivers write to. */
  readonly objectStore: ObjectStore;
  /** The step-by-step trace. */
  readonly trace: TraceView;
  /** The seeded keystone users (`admin` in project `admin`, `demo` in project `demo`). */
  readonly users: { readonly admin: SeededUser; readonly demo: SeededUser };
  /** Read-side hooks for runners and checks (counters, streams, trace subscription, invariants). */
  readonly inspect: CloudInspection;
}

export interface RunLimits {
  /** Stop once nothing but periodic tasks is pending (default true). */
  untilIdle?: boolean;
  /** Stop after this much virtual time. */
  forMs?: number;
  maxEvents?: number;
}

export interface SeededUser {
  readonly userId: string;
  readonly projectId: string;
  readonly name: string;
  readonly projectName: string;
  readonly roles: readonly string[];
}

/**
 * What a runner or a check may read from a running cloud without reaching its internals
 * (as TigerBeetle's `testing/cluster.zig` hands its simulator hooks, not its replicas).
 */
export interface CloudInspection {
  /** Scheduler events executed since the build. */
  eventCount(): number;
  /** Events still pending that keep the cloud busy (0 once quiet; periodic tasks do not count). */
  pendingWork(): number;
  /** The seed's named PRNG stream (e.g. `chaos.schedule`): runner-side draws that leave the model's streams alone. */
  stream(name: string): PrngStream;
  /** Calls `listener` with every trace entry recorded from now on; returns the unsubscribe. */
  onTrace(listener: (e: TraceEntry) => void): () => void;
  /** Records a runner-side line (workflow notes, chaos faults and phases) in the cloud's trace. */
  note(line: Parameters<TraceRecorder["record"]>[0]): void;
  /** The model's invariants once quiet (sim/cloud/invariants.ts), as `checkInvariants` reports them. */
  invariants(opts?: Parameters<typeof checkInvariants>[1]): ReturnType<typeof checkInvariants>;
  /** The resolved cinder.conf (defaults plus the builder's overrides). */
  readonly config: Readonly<CloudConfig>;
}

export interface DeviceAccess {
  write(volumeId: string, offset: number, data: Uint8Array): void;
  read(volumeId: string, offset: number, length: number): Uint8Array;
  /** sha256 (hex) of the device's whole content and its size in bytes. */
  sha256(volumeId: string): { sha256: string; size: number };
  /**
   * Content digest of the first `length` bytes (default: all) and the device size: equal digests ⇔
   * equal bytes; costs the allocated extents, not the size (`BlockDevice.contentDigest`), so use it
   * to compare devices at real geometry. Not a sha256 of the bytes.
   */
  digest(volumeId: string, length?: number): { digest: string; size: number };
  /**
   * Whether this volume and `otherVolumeId` in `other` (another cloud's devices, or these) hold the
   * same size and bytes: what comparing their `sha256()`s tells, at the cost of a compare of the
   * allocated extents, remembered until either is written.
   */
  sameBytes(volumeId: string, other: DeviceAccess, otherVolumeId: string): boolean;
  /**
   * Fills a volume the way a user's data sits on it: at real geometry (devices of 256 MiB and
   * more) a few seeded extents (`sim/block/sparse-layout.ts`), else the whole device.
   */
  fillVolume(volumeId: string, kind: "zeros" | "random" | "text" | "pattern", opts?: { stream?: string }): void;
  /** Fills a volume with a deterministic generator (`zeros`, `random`, `text`, `pattern`) from the seed. */
  fill(volumeId: string, kind: "zeros" | "random" | "text" | "pattern", opts?: { offset?: number; length?: number; stream?: string }): void;
  /** Where the device is attached (an instance or a host), null when detached or when there is no device. */
  attachedTo(volumeId: string): string | null;
  /** Ids of the devices attached to `host` (temporary clones and snapshots included). */
  attachedToHost(host: string): string[];
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
  /** Every service of the cloud in build order, and whether its process runs. */
  serviceStates(): Array<{ binary: string; host: string; running: boolean }>;
  /** Starts a stopped service as its own process without waiting for it (`init_host`, then consume). */
  launchService(binary: string, host: string, label?: string): void;
  /** Installs a bus interceptor (drop, delay, duplicate messages: `MessageBus.intercept`); returns its undo. */
  intercept(hook: MessageInterceptor): () => void;
  /** Runs `fn` as a scheduler event `delayMs` of virtual time from now (a fault firing or healing). */
  at(delayMs: number, label: string, fn: () => void | Promise<void>): void;
  /** Suspends the calling simulated process for `ms` of virtual time (a slow store operation). */
  sleep(ms: number): Promise<void>;
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
  /**
   * Where device content and extents come from: default a buffer each; the chaos runner passes its
   * thread's `ByteArena` (reused from run to run, so the bytes of a run do not start a garbage
   * collection of their own) and resets it once the run is over, when nothing may use the cloud.
   */
  bytes?: ByteAllocator;
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
