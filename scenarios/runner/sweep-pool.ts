import type { Geometry } from "../../sim/cloud/index.ts";
import { Worker } from "node:worker_threads";
import type { RunResult } from "./run-result.ts";
import type { PlannedRun } from "./sweep-plan.ts";
import type { SweepReply, SweepTask } from "./sweep-task.ts";

const WORKER = new URL("./sweep-worker.mjs", import.meta.url);

/**
 * Runs `plan` on `jobs` worker threads and hands each result to `emit` in plan order (never in
 * completion order), so output, reports and stop point equal `--jobs 1`'s. `emit` returns false
 * to stop (the first failing seed without --keep-going): runs still in flight are discarded.
 */
export function runOnWorkers(
  plan: readonly PlannedRun[],
  jobs: number,
  checkDeterminism: boolean,
  geometry: Geometry,
  emit: (r: RunResult) => boolean,
): Promise<void> {
  const workers = Array.from({ length: Math.min(jobs, plan.length) }, () => new Worker(WORKER));
  const ready = new Map<number, RunResult>();
  let next = 0;
  let emitted = 0;
  let over = false;
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (over) return;
      over = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (err ? reject(err) : resolve()), reject);
    };
    const feed = (w: Worker) => {
      if (next >= plan.length) return;
      const p = plan[next]!;
      const task: SweepTask = { slot: next++, file: p.scenario.file, release: p.release, seed: p.seed, checkDeterminism, geometry };
      w.postMessage(task);
    };
    for (const w of workers) {
      w.on("message", (m: SweepReply) => {
        if (over) return;
        if ("error" in m) return finish(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
        ready.set(m.slot, m.result);
        while (ready.has(emitted)) {
          const r = ready.get(emitted)!;
          ready.delete(emitted++);
          if (!emit(r)) return finish();
        }
        if (emitted === plan.length) return finish();
        feed(w);
      });
      w.on("error", (e) => finish(e));
      w.on("exit", (code) => finish(over ? undefined : new Error(`a sweep worker exited (code ${code}) before the sweep ended`)));
      feed(w);
    }
    if (!workers.length) finish();
  });
}
