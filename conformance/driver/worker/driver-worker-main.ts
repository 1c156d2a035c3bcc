import { parentPort, workerData } from "node:worker_threads";
import type { BackupDriver, DriverContext } from "../../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../../lib/format/index.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import { constructChecked, driverExport, type DriverExport } from "../load/driver-export.ts";
import { importDriverModule } from "../load/import-driver-module.ts";
import { CTX, FILE, type FromWorker, type ToWorker, type UpTarget, type WorkerInit } from "./protocol.ts";
import { compact } from "./compact.ts";
import { fromWire, toWire } from "./wire-error.ts";

/** Inside the worker thread: loads the driver module, builds instances, runs their calls. */
const port = parentPort!;
const init = workerData as WorkerInit;
const post = (m: FromWorker): void => port.postMessage(m);
const drivers = new Map<number, BackupDriver>();
const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
let nextUp = 1;
let now = 0;

function up(target: UpTarget, instance: number, call: number, op: string, args: unknown[]): Promise<unknown> {
  const id = nextUp++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    post({ t: "up", id, target, instance, call, op, args: args.map(compact) });
  });
}

function remoteStore(instance: number, kind: string): ObjectStore {
  const s =
    (op: string) =>
    (...args: unknown[]) =>
      up("store", instance, 0, op, args);
  return {
    kind,
    ensureContainer: s("ensureContainer"),
    putObject: s("putObject"),
    deleteObject: s("deleteObject"),
    getObject: s("getObject"),
    listObjects: s("listObjects"),
    listContainers: s("listContainers"),
  } as ObjectStore;
}

function remoteFile(instance: number, call: number, sizeBytes: number): VolumeFile {
  const f =
    (op: string) =>
    (...args: unknown[]) =>
      up("file", instance, call, op, args);
  return { sizeBytes, read: f("read"), write: f("write"), flush: f("flush") } as VolumeFile;
}

function remoteCtx(instance: number, call: number, c: { availabilityZone: string; canSave: boolean }): DriverContext {
  const f =
    (op: string) =>
    (...args: unknown[]) =>
      up("ctx", instance, call, op, args);
  return {
    availabilityZone: c.availabilityZone,
    refreshBackup: f("refreshBackup"),
    getBackup: f("getBackup"),
    getVolumeMeta: f("getVolumeMeta"),
    putVolumeMeta: f("putVolumeMeta"),
    spend: f("spend"),
    ...(c.canSave ? { saveBackup: f("saveBackup") } : {}),
    now: () => now,
    progress: (backupId: string, percent: number) =>
      post({ t: "up", id: 0, target: "ctx", instance, call, op: "progress", args: [backupId, percent] }),
  } as DriverContext;
}

async function load(): Promise<DriverExport | { kind: "dut" }> {
  const mod = await importDriverModule(init.path);
  const exp = driverExport(mod, init.exportName, init.path);
  if (exp.kind === "dut") return { kind: "dut" }; // a DriverUnderTest object runs in the harness's thread
  return exp;
}

const loaded = load();
loaded.then(
  (e) =>
    post(
      e.kind === "dut"
        ? { t: "loaded", kind: "dut" }
        : {
            t: "loaded",
            kind: e.kind,
            ...(e.geometry ? { geometry: e.geometry } : {}),
            ...(e.format !== undefined ? { format: e.format } : {}),
          },
    ),
  (e: unknown) => post({ t: "load-failed", error: toWire(e) }),
);

async function onMessage(m: ToWorker): Promise<void> {
  if (m.t === "up-result" || m.t === "up-error") {
    if (m.now !== undefined) now = m.now;
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.t === "up-result") w?.resolve(m.value);
    else w?.reject(fromWire(m.error));
    return;
  }
  const exp = await loaded;
  if (exp.kind === "dut") return;
  if (m.t === "create") {
    try {
      const d = constructChecked(exp, { store: remoteStore(m.instance, m.storeKind), host: m.host, config: m.config }, init.spec);
      drivers.set(m.instance, d);
      post({
        t: "created",
        instance: m.instance,
        name: String(d.name),
        capabilities: { ...d.capabilities, compression: [...(d.capabilities.compression ?? [])] },
      });
    } catch (e) {
      post({ t: "create-failed", instance: m.instance, error: toWire(e) });
    }
    return;
  }
  if (m.ctx) now = m.ctx.now;
  const d = drivers.get(m.instance)!;
  const args = m.args.map((a) =>
    a === FILE ? remoteFile(m.instance, m.id, m.file!.sizeBytes) : a === CTX ? remoteCtx(m.instance, m.id, m.ctx!) : a,
  );
  try {
    const value = await (d[m.method as keyof BackupDriver] as (...a: unknown[]) => Promise<unknown>).apply(d, args);
    post({ t: "result", id: m.id, value: compact(value ?? null) });
  } catch (e) {
    post({ t: "error", id: m.id, error: toWire(e) });
  }
}

port.on("message", (m: ToWorker) => void onMessage(m).catch((e: unknown) => post({ t: "load-failed", error: toWire(e) })));
