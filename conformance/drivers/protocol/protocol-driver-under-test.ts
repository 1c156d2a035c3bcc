import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ObjectStore } from "../../../sim/storage/object-store.ts";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { geometryConfig, SUITE_GEOMETRY, type DriverUnderTest } from "../../driver/driver-under-test.ts";
import { PosixObjectStore } from "../../stores/posix-object-store.ts";
import { parseDescribe } from "./describe-result.ts";
import { DriverSession } from "./driver-session.ts";
import { ProtocolDriver } from "./protocol-driver.ts";
import type { DriverCommand } from "./rpc-process.ts";
import { SharedVolumeFiles } from "./shared-volume-files.ts";

export type CinderOptions = Record<string, string | number | boolean>;

export interface ProtocolDriverSpec {
  /** Id in reports (`cinder:posix`, `python:mod.Cls`, `exec:…`). */
  id: string;
  cmd: DriverCommand;
  /** `--driver-opt` / `--driver-config` options (the driver must know each). */
  options?: CinderOptions;
  /** Per-call timeout (default 60 s). */
  timeoutMs?: number;
}

/** A driver under test that owns a process: `dispose()` reaps it and removes its files. */
export interface ProcessDriverUnderTest extends DriverUnderTest {
  dispose(): Promise<void>;
}

/**
 * A driver behind the protocol, over a posix directory store (`backup_posix_path`): starts the
 * process, asks `describe`, and gives each rule a fresh store directory and driver instances
 * that share the process. A driver that cannot start or describe itself is a DriverLoadError
 * naming it, with its stderr tail, and nothing is left running.
 */
export async function openProtocolDriver(spec: ProtocolDriverSpec): Promise<ProcessDriverUnderTest> {
  const work = await mkdtemp(join(tmpdir(), "cbh-driver-"));
  const files = new SharedVolumeFiles(join(work, "volumes"));
  await mkdir(files.hostDir);
  const session = new DriverSession(spec.cmd, spec.timeoutMs);
  const options = spec.options ?? {};
  const dispose = async (): Promise<void> => {
    await session.close();
    await rm(work, { recursive: true, force: true });
  };
  let described;
  try {
    const probeRoot = join(work, "probe-store");
    const raw = await session.call("describe", { options, defaults: { ...geometryConfig(SUITE_GEOMETRY), backup_posix_path: probeRoot } }, undefined, Math.max(spec.timeoutMs ?? 0, 120_000));
    described = parseDescribe(raw);
    if (typeof described === "string") throw new Error(described);
  } catch (e) {
    const tail = session.process?.stderr.tail() ?? "";
    await dispose();
    const msg = (e as Error).message;
    throw new DriverLoadError(`cannot load driver ${spec.id}: ${msg}${tail && !msg.includes("stderr (last lines)") ? `\n  stderr (last lines):\n${tail}` : ""}`);
  }
  const d = described;
  const roots = new WeakMap<ObjectStore, string>();
  return {
    id: spec.id,
    label: `${d.classPath} (${spec.id}) over a posix directory`,
    capabilities: d.capabilities,
    geometry: d.geometry,
    format: d.format,
    async createStore() {
      const root = await mkdtemp(join(work, "store-"));
      const store = new PosixObjectStore({ root });
      roots.set(store, root);
      return store;
    },
    async disposeStore(store) {
      const root = roots.get(store);
      if (root) await rm(root, { recursive: true, force: true });
    },
    createDriver({ store, config }) {
      const root = posixRoot(store);
      const counters = "bytesPut" in store && "puts" in store ? (store as unknown as { bytesPut: number; puts: number }) : null;
      return new ProtocolDriver(d.classPath, d.capabilities, session, files, { options, defaults: { ...config, ...(root ? { backup_posix_path: root } : {}) } }, root ? { root, counters } : null);
    },
    dispose,
  };
}

/** The directory under a (possibly wrapped: `.inner`) posix store. */
function posixRoot(store: ObjectStore): string | null {
  let s: unknown = store;
  for (let i = 0; i < 8 && s; i++) {
    if (s instanceof PosixObjectStore) return s.root;
    s = (s as { inner?: unknown }).inner;
  }
  return null;
}
