import type { Worker } from "node:worker_threads";
import { startWorker } from "./start-worker.ts";
import { workerBundle } from "./worker-bundle.ts";

/**
 * Worker threads started before their pool, while the program still loads what it needs.
 *
 * A worker that loads the conformance suite through tsx takes ≈ 0.6 s before its first task, as
 * long as the CLI takes to load the same modules in its own thread. `cbh conformance --jobs N`
 * starts its N − 1 workers first (bin/cli/commands/conformance-prestart.ts), so both loads overlap
 * and the workers are ready about when the first unit starts; runOrdered takes them over
 * (`takePrestarted`) and sends them the pool's `init`. Until then they hold no reference on the event
 * loop: a command that ends before any pool (bad usage, one unit) is not kept alive by them, and
 * `releasePrestarted` ends them.
 */
export function prestartWorkers(taskModule: URL, count: number): void {
  if (count <= 0 || warm.has(taskModule.href)) return;
  const started = workerBundle(taskModule).then((bundle) =>
    Array.from({ length: count }, () => {
      const w = startWorker(taskModule, bundle, null);
      const life: Life = { worker: w, failed: false };
      // Until a pool takes it over, a worker that fails to load is only noted (the pool starts another).
      w.on("error", () => (life.failed = true));
      w.on("exit", () => (life.failed = true));
      w.unref();
      return life;
    }),
  );
  warm.set(taskModule.href, started);
}

interface Life {
  readonly worker: Worker;
  failed: boolean;
}

const warm = new Map<string, Promise<Life[]>>();

/**
 * Up to `max` of the workers prestarted for `taskModule`, still alive, each holding the event loop
 * again; the others are ended. Each is taken once: a second call gets none.
 */
export async function takePrestarted(taskModule: URL, max: number): Promise<Worker[]> {
  const started = warm.get(taskModule.href);
  if (!started) return [];
  warm.delete(taskModule.href);
  const alive = (await started).filter((l) => !l.failed);
  const taken = alive.slice(0, Math.max(0, max)).map((l) => l.worker);
  for (const l of alive.slice(taken.length)) void l.worker.terminate();
  for (const w of taken) {
    w.removeAllListeners("error");
    w.removeAllListeners("exit");
    w.ref();
  }
  return taken;
}

/** Ends every prestarted worker no pool took (the command is over, or ran in one thread). */
export async function releasePrestarted(): Promise<void> {
  await Promise.all([...warm.keys()].map((href) => takePrestarted(new URL(href), 0)));
}
