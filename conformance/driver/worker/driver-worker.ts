import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { DriverCapabilities, DriverContext } from "../../../sim/driver/backup-driver.ts";
import type { VolumeFile } from "../../../lib/format/index.ts";
import type { ObjectStore } from "../../../lib/stores/index.ts";
import type { DriverFactoryOptions } from "../driver-under-test.ts";
import { DriverLoadError, type DriverLoadReason } from "../load/driver-load-error.ts";
import type { FromWorker, ToWorker, WireError, WorkerInit } from "./protocol.ts";
import { compact } from "./compact.ts";
import { fromWire, toWire } from "./wire-error.ts";

type Loaded = Extract<FromWorker, { t: "loaded" }>;
interface Created {
  name: string;
  capabilities: DriverCapabilities;
}
interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}
interface PendingCall extends Deferred<unknown> {
  file?: VolumeFile;
  ctx?: DriverContext;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  promise.catch(() => undefined); // a rejection nobody awaits (a dead worker) is not an unhandled one
  return { promise, resolve, reject };
}

/** A load failure from the worker: a DriverLoadError again when it was one there. */
function loadError(w: WireError): Error {
  const reason = w.fields["reason"];
  if (w.fields["code"] !== "CBH_DRIVER_LOAD" || typeof reason !== "string")
    return new DriverLoadError("import-failed", `${w.name}: ${w.message}`, { cause: fromWire(w) });
  return new DriverLoadError(reason as DriverLoadReason, w.message.replace(`${reason}: `, ""), { cause: fromWire(w) });
}

/**
 * One worker thread running a third-party driver module, and the main side of its message
 * protocol: the drivers' store, volume files and contexts answer the worker's up-calls here.
 * `terminate()` stops it even when the driver never yields (`while (true) {}`), which an
 * in-process driver cannot be; the worker is `unref`ed so it never keeps the process alive.
 */
export class DriverWorker {
  readonly loaded = deferred<Loaded>();
  readonly #worker: Worker;
  readonly #stores = new Map<number, ObjectStore>();
  readonly #created = new Map<number, Deferred<Created>>();
  readonly #calls = new Map<number, PendingCall>();
  #dead: Error | null = null;
  #next = 1;

  constructor(init: WorkerInit) {
    // tsx's ESM API (`exports["./esm/api"].import`), next to the CommonJS file require() resolves
    const tsxApi = pathToFileURL(
      createRequire(import.meta.url)
        .resolve("tsx/esm/api")
        .replace(/\.cjs$/, ".mjs"),
    ).href;
    const main = new URL("./driver-worker-main.ts", import.meta.url).href;
    // an eval'ed CommonJS bootstrap: tsx's API loads the TypeScript worker body from any cwd
    const boot = `import(${JSON.stringify(tsxApi)}).then((api) => api.tsImport(${JSON.stringify(main)}, ${JSON.stringify(main)})).catch((e) => require("node:worker_threads").parentPort.postMessage({ t: "load-failed", error: { name: String(e && e.name), message: String(e && e.message), stack: e && e.stack, fields: {} } }))`;
    this.#worker = new Worker(boot, { eval: true, workerData: init, stdout: false, stderr: false });
    this.#worker.unref();
    this.#worker.on("message", (m: FromWorker) => this.#onMessage(m));
    this.#worker.on("error", (e) => this.#fail(Object.assign(e, { driverWorker: true })));
    this.#worker.on("exit", (code) => this.#fail(new Error(`the driver's worker thread exited (code ${code})`)));
  }

  create(opts: DriverFactoryOptions): { instance: number; created: Promise<Created> } {
    const instance = this.#next++;
    const d = deferred<Created>();
    this.#created.set(instance, d);
    this.#stores.set(instance, opts.store);
    if (this.#dead) d.reject(this.#dead);
    else this.#post({ t: "create", instance, host: opts.host, config: opts.config, storeKind: opts.store.kind });
    return { instance, created: d.promise };
  }

  call(instance: number, method: string, args: unknown[], file?: VolumeFile, ctx?: DriverContext): Promise<unknown> {
    const id = this.#next++;
    const d: PendingCall = { ...deferred<unknown>(), ...(file ? { file } : {}), ...(ctx ? { ctx } : {}) };
    if (this.#dead) return Promise.reject(this.#dead);
    this.#calls.set(id, d);
    this.#post({
      t: "call",
      id,
      instance,
      method,
      args: args.map(compact),
      ...(file ? { file: { sizeBytes: file.sizeBytes } } : {}),
      ...(ctx ? { ctx: { availabilityZone: ctx.availabilityZone, now: ctx.now(), canSave: typeof ctx.saveBackup === "function" } } : {}),
    });
    return d.promise;
  }

  /** Stops the thread; every pending call fails with `reason`. */
  async terminate(reason = "the driver's worker thread was terminated"): Promise<void> {
    this.#fail(new Error(reason));
    await this.#worker.terminate();
  }

  #post(m: ToWorker): void {
    this.#worker.postMessage(m);
  }

  #fail(e: Error): void {
    if (this.#dead) return;
    this.#dead = e;
    this.loaded.reject(
      new DriverLoadError("worker-failed", `the driver's worker thread failed before the module loaded: ${e.message}`, { cause: e }),
    );
    for (const d of this.#created.values()) d.reject(e);
    for (const c of this.#calls.values()) c.reject(e);
    this.#calls.clear();
  }

  #onMessage(m: FromWorker): void {
    switch (m.t) {
      case "loaded":
        return this.loaded.resolve(m);
      case "load-failed":
        return this.loaded.reject(loadError(m.error));
      case "created":
        return this.#created.get(m.instance)?.resolve({ name: m.name, capabilities: m.capabilities });
      case "create-failed":
        return this.#created.get(m.instance)?.reject(loadError(m.error));
      case "result":
      case "error": {
        const c = this.#calls.get(m.id);
        this.#calls.delete(m.id);
        if (m.t === "result") c?.resolve(m.value);
        else c?.reject(fromWire(m.error));
        return;
      }
      case "up":
        return void this.#answer(m);
    }
  }

  async #answer(m: Extract<FromWorker, { t: "up" }>): Promise<void> {
    const call = this.#calls.get(m.call);
    const target: unknown = m.target === "store" ? this.#stores.get(m.instance) : m.target === "file" ? call?.file : call?.ctx;
    const now = call?.ctx?.now();
    try {
      const fn = (target as Record<string, unknown> | undefined)?.[m.op];
      if (typeof fn !== "function") throw new Error(`no ${m.target}.${m.op}() for this call`);
      const value = compact(await (fn as (...a: unknown[]) => unknown).apply(target, m.args));
      if (m.id !== 0 && !this.#dead)
        this.#post({ t: "up-result", id: m.id, value: value ?? null, ...(call?.ctx ? { now: call.ctx.now() } : {}) });
    } catch (e) {
      if (m.id !== 0 && !this.#dead) this.#post({ t: "up-error", id: m.id, error: toWire(e), ...(now !== undefined ? { now } : {}) });
    }
  }
}
