import { Worker } from "node:worker_threads";
import type { TaskReply } from "./task-message.ts";
import { tuneTiering } from "./tiering.ts";

const ENTRY = new URL("./ts-worker.mjs", import.meta.url);

/**
 * What a pool's worker thread is given at start: the task module (when it loads through tsx) and
 * the pool's `init`, absent when it was started before its pool knew `init` (prestart.ts): the
 * pool then sends `{ init }` before its first task.
 */
export interface PoolWorkerData {
  readonly taskModule?: string;
  readonly init?: unknown;
}

/**
 * Starts a worker thread serving `taskModule`'s tasks: its precompiled bundle when there is one
 * (worker-bundle.ts), else through tsx (ts-worker.mjs). `init` is the pool's init, or null when it
 * is sent later. Whether it has loaded (its first message, `ready`) is kept from now on
 * (`loaded`), so a pool that takes it over later still learns it. V8's tiering is tuned first
 * (tiering.ts): the flag is read by isolates created after it.
 */
export function startWorker(taskModule: URL, bundle: URL | null, init: { readonly value: unknown } | null): Worker {
  tuneTiering();
  const data: PoolWorkerData = init ? { init: init.value } : {};
  const w = bundle ? new Worker(bundle, { workerData: data }) : new Worker(ENTRY, { workerData: { ...data, taskModule: taskModule.href } });
  loadedOf.set(
    w,
    new Promise<void>((resolve) => {
      const onMessage = (m: TaskReply<unknown>) => {
        if (!("ready" in m)) return;
        w.off("message", onMessage);
        resolve();
      };
      w.on("message", onMessage);
    }),
  );
  return w;
}

const loadedOf = new WeakMap<Worker, Promise<void>>();

/** Resolves once `w` (started by startWorker) has loaded its task module; never if it fails to. */
export function loaded(w: Worker): Promise<void> {
  const p = loadedOf.get(w);
  if (!p) throw new Error("loaded(): not a worker started by startWorker (lib/jobs)");
  return p;
}
