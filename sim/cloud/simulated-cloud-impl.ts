import { parseApiVersion, requestedVersion } from "../api/api-version-request.ts";
import type { CinderOperations } from "../api/operations.ts";
import type { RequestContext } from "../api/request-context.ts";
import type { BlockDevice } from "../block/block-device.ts";
import { generateContent, type ContentKind } from "../block/content.ts";
import { sparseLayout } from "../block/sparse-layout.ts";
import { IdFactory } from "../core/id-factory.ts";
import type { CinderService } from "../services/cinder-service.ts";
import type { CloudState } from "../kernel/cloud-state.ts";
import { checkInvariants } from "./invariants.ts";
import type {
  CloudInspection,
  DatabaseView,
  DeviceAccess,
  FaultControls,
  Release,
  RunLimits,
  SeededUser,
  SimulatedCloud,
  TraceView,
} from "./simulated-cloud.ts";

/** A started simulated cloud (see `SimulatedCloud`); not exported from this folder's index. */
export class SimulatedCloudImpl implements SimulatedCloud {
  readonly users: { admin: SeededUser; demo: SeededUser };
  readonly devices: DeviceAccess;
  readonly faults: FaultControls;
  readonly db: DatabaseView;
  readonly inspect: CloudInspection;
  #requests = 0;

  constructor(
    readonly state: CloudState,
    readonly services: readonly CinderService[],
    readonly ops: CinderOperations,
    readonly release: Release,
  ) {
    const ks = new IdFactory(state.prng, "keystone");
    this.users = {
      admin: { userId: ks.hex(16), projectId: ks.hex(16), name: "admin", projectName: "admin", roles: ["admin", "member", "reader"] },
      demo: { userId: ks.hex(16), projectId: ks.hex(16), name: "demo", projectName: "demo", roles: ["member", "reader"] },
    };
    this.devices = deviceAccess(state);
    this.faults = faultControls(state, services);
    this.db = databaseView(state);
    this.inspect = inspection(this);
  }

  get seed(): number {
    return this.state.seed;
  }

  get objectStore() {
    return this.state.objectStore;
  }

  get trace(): TraceView {
    return this.state.trace;
  }

  now(): number {
    return this.state.clock.now();
  }

  context(user: "admin" | "demo" | { userId: string; projectId: string; roles: string[] }, microversion?: string): RequestContext {
    const u = typeof user === "string" ? this.users[user] : user;
    const roles = [...u.roles];
    return {
      userId: u.userId,
      projectId: u.projectId,
      roles,
      isAdmin: roles.includes("admin"),
      // As an `OpenStack-API-Version: volume X.Y` entry; none means the release's maximum.
      microversion: requestedVersion(microversion ?? "latest", parseApiVersion(this.state.release.maxMicroversion)),
      requestId: `req-${this.state.ids.uuid()}`.slice(0, 40) + `-${this.#requests++}`,
    };
  }

  async settle(opts: { maxEvents?: number } = {}): Promise<void> {
    await this.state.sched.run({ untilIdle: true, ...(opts.maxEvents !== undefined ? { maxEvents: opts.maxEvents } : {}) });
  }

  async advance(ms: number): Promise<void> {
    await this.state.sched.run({ untilMs: this.state.clock.now() + ms });
  }

  async runUntil(pred: () => boolean, limits: RunLimits = {}): Promise<void> {
    await this.state.sched.run({
      until: pred,
      untilIdle: limits.untilIdle !== false,
      ...(limits.forMs !== undefined ? { untilMs: this.state.clock.now() + limits.forMs } : {}),
      ...(limits.maxEvents !== undefined ? { maxEvents: limits.maxEvents } : {}),
    });
  }
}

function inspection(cloud: SimulatedCloudImpl): CloudInspection {
  const { state } = cloud;
  return {
    eventCount: () => state.sched.eventCount,
    pendingWork: () => state.sched.pending,
    stream: (name) => state.prng.stream(name),
    onTrace: (listener) => state.trace.onEntry(listener),
    note: (line) => state.trace.record(line),
    invariants: (opts) => checkInvariants(cloud, opts),
    config: state.config,
  };
}

/** Each cloud's DeviceAccess and how it finds a device, for `sameBytes` across two clouds. */
const devicesOf = new WeakMap<DeviceAccess, (id: string) => BlockDevice>();

function deviceAccess(state: CloudState): DeviceAccess {
  const dev = (id: string) => {
    const d = state.devices.get(id);
    if (!d) throw new Error(`no device for volume ${id}`);
    return d;
  };
  const access: DeviceAccess = {
    write: (id, offset, data) => dev(id).write(offset, data),
    read: (id, offset, length) => dev(id).read(offset, length),
    sha256: (id) => ({ sha256: dev(id).sha256(), size: dev(id).sizeBytes }),
    digest: (id, length) => ({ digest: dev(id).contentDigest(length), size: dev(id).sizeBytes }),
    sameBytes: (id, other, otherId) => {
      const find = devicesOf.get(other);
      if (find) return dev(id).sameBytes(find(otherId));
      const a = access.sha256(id),
        b = other.sha256(otherId);
      return a.sha256 === b.sha256 && a.size === b.size;
    },
    fillVolume: (id, kind: ContentKind, opts = {}) => {
      const d = dev(id);
      const stream = state.prng.stream(opts.stream ?? `content/${id}`);
      for (const e of sparseLayout(d.sizeBytes, stream)) d.adopt(e.offset, generateContent(kind, e.length, stream, state.bytes));
    },
    fill: (id, kind: ContentKind, opts = {}) => {
      const d = dev(id);
      const offset = opts.offset ?? 0;
      const length = opts.length ?? d.sizeBytes - offset;
      d.adopt(offset, generateContent(kind, length, state.prng.stream(opts.stream ?? `content/${id}`), state.bytes));
    },
    attachedTo: (id) => state.devices.get(id)?.attachedTo ?? null,
    attachedToHost: (host) => [...state.devices].filter(([, d]) => d.attachedTo === host).map(([id]) => id),
  };
  devicesOf.set(access, dev);
  return access;
}

function faultControls(state: CloudState, services: readonly CinderService[]): FaultControls {
  const find = (binary: string, host: string) => {
    const s = services.find((x) => x.binary === binary && x.host === host);
    if (!s) throw new Error(`no ${binary} on host ${host}`);
    return s;
  };
  const start = async (binary: string, host: string) => {
    const p = state.sched.spawn(`start ${binary} ${host}`, () => find(binary, host).start());
    await state.sched.run({ until: () => p.finished });
  };
  return {
    dbLoss: () => {
      // The backup records are gone (guide §3.5.2); what the stores hold survives.
      for (const b of state.db.backups.all()) state.db.backups.purge(b.id);
      state.quotas.resetUsage(["backups", "backup_gigabytes"]);
      state.trace.record({ service: "database", host: "db", kind: "fault", event: { type: "database", change: "loss" } });
    },
    stopService: (binary, host) => find(binary, host).stop(),
    startService: start,
    cutFromDatabase: (host) => {
      state.services.cutFromDatabase(host);
      state.trace.record({ service: "database", host: "db", kind: "fault", event: { type: "database", change: "heartbeats-cut", host } });
    },
    reconnectToDatabase: (host) => {
      state.services.reconnectToDatabase(host);
      state.trace.record({ service: "database", host: "db", kind: "fault", event: { type: "database", change: "heartbeats-back", host } });
    },
    restartService: async (binary, host) => {
      find(binary, host).stop();
      await start(binary, host);
    },
    serviceStates: () => services.map((s) => ({ binary: s.binary, host: s.host, running: s.running })),
    launchService: (binary, host, label = `start ${binary} ${host}`) => {
      const s = find(binary, host);
      state.sched.spawn(label, () => s.start());
    },
    intercept: (hook) => state.bus.intercept(hook),
    at: (delayMs, label, fn) => {
      state.sched.schedule(delayMs, label, fn);
    },
    sleep: (ms) => state.sched.sleep(ms),
  };
}

function databaseView(state: CloudState): DatabaseView {
  return {
    backup: (id) => state.db.backups.getAny(id),
    volume: (id) => state.db.volumes.getAny(id),
    snapshot: (id) => state.db.snapshots.getAny(id),
    backups: () => state.db.backups.all(),
    volumes: () => state.db.volumes.all(),
    snapshots: () => state.db.snapshots.all(),
    services: () => state.services.rows(),
    quotaUsage: (projectId) => {
      const out: Record<string, { in_use: number; reserved: number; limit: number }> = {};
      for (const r of state.quotas.resources()) out[r] = { ...state.quotas.usage(projectId, r), limit: state.quotas.limit(projectId, r) };
      return out;
    },
  };
}
