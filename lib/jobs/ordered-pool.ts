import { Worker } from "node:worker_threads";
import type { TaskMessage, TaskReply } from "./task-message.ts";

const ENTRY = new URL("./ts-worker.mjs", import.meta.url);

export interface OrderedPoolOptions<T, R, I> {
  /** The TypeScript module each worker thread loads; it calls serveTasks (./serve-tasks.ts). */
  readonly taskModule: URL;
  /** Plain data every worker gets once (serveTasks hands it to the handler with each task). */
  readonly init?: I;
  /** Every task, in plan order (plain, cloneable data). */
  readonly tasks: readonly T[];
  readonly jobs: number;
  /**
   * Each result, in task order (never completion order), so output equals one thread's.
   * Return false to stop: tasks still in flight are discarded.
   */
  emit(result: R, slot: number): boolean;
  /** Each result as it completes (any order): state `wanted` may read. */
  completed?(result: R, slot: number): void;
  /** Asked just before a task is sent: false drops it (its slot is passed over, never emitted). */
  wanted?(slot: number): boolean;
}

/**
 * Runs `tasks` on `jobs` worker threads, hands results to `emit` in task order and resolves when
 * every task was emitted or dropped (or `emit` stopped the run). An error a worker replies with,
 * or a worker that dies, rejects the run. Shared by the chaos sweeps and the conformance suite.
 */
export function runOrdered<T, R, I = unknown>(o: OrderedPoolOptions<T, R, I>): Promise<void> {
  const n = o.tasks.length;
  const workers = Array.from(
    { length: Math.max(0, Math.min(o.jobs, n)) },
    () => new Worker(ENTRY, { workerData: { taskModule: o.taskModule.href, init: o.init } }),
  );
  const ready = new Map<number, { result: R } | null>();
  let next = 0;
  let emitted = 0;
  let over = false;
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (over) return;
      over = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (err ? reject(err) : resolve()), reject);
    };
    const drain = (): boolean => {
      while (ready.has(emitted)) {
        const r = ready.get(emitted)!;
        ready.delete(emitted);
        if (r && !o.emit(r.result, emitted++)) return false;
        if (!r) emitted++;
      }
      return true;
    };
    const feed = (w: Worker) => {
      while (next < n && o.wanted && !o.wanted(next)) ready.set(next++, null);
      if (!drain()) return finish();
      if (emitted === n) return finish();
      if (next >= n) return;
      const m: TaskMessage<T> = { slot: next, task: o.tasks[next++]! };
      w.postMessage(m);
    };
    for (const w of workers) {
      w.on("message", (m: TaskReply<R>) => {
        if (over) return;
        if ("error" in m) return finish(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
        o.completed?.(m.result, m.slot);
        ready.set(m.slot, { result: m.result });
        feed(w);
      });
      w.on("error", (e) => finish(e));
      w.on("exit", (code) => finish(over ? undefined : new Error(`a worker thread exited (code ${code}) before the run ended`)));
      feed(w);
    }
    if (!workers.length) finish();
  });
}
