import type { Worker } from "node:worker_threads";
import type { TaskMessage, TaskReply } from "./task-message.ts";
import { workerBundle } from "./worker-bundle.ts";
import { loaded, startWorker } from "./start-worker.ts";
import { takePrestarted } from "./prestart.ts";

/** Tasks a worker holds at once (one running, one queued), so it never waits for the main thread. */
const DEPTH = 2;
/**
 * The same when this thread runs tasks too (`here`): a worker's work while a task here runs (and
 * holds back the worker's results). 3 cost 5 % on 7,680 model runs against a pool without `here`;
 * with 8 a worker still waited for tasks 3 % of its time, with 16 under 1 % (docs/performance.md).
 * Near the end a worker holds fewer (`depthNow`), so that no thread waits for the last ones.
 */
const DEPTH_BESIDE_HERE = 16;

export interface OrderedPoolOptions<T, R, I> {
  /**
   * The TypeScript module each worker thread loads; it calls serveTasks (./serve-tasks.ts). Workers
   * load it precompiled into one file when they can (./worker-bundle.ts), else through tsx.
   */
  readonly taskModule: URL;
  /** Plain data every worker gets once (serveTasks hands it to the handler with each task). */
  readonly init?: I;
  /** Every task, in plan order (plain, cloneable data). */
  readonly tasks: readonly T[];
  /**
   * Threads that run tasks: worker threads, or with `here` this thread and `jobs − 1` workers.
   */
  readonly jobs: number;
  /**
   * Runs a task in this thread, which is then one of the `jobs`: it runs tasks from the first one
   * while the workers load, a worker gets tasks once it says it is ready, and there is one worker
   * fewer to start. What workers share (`serveTasks`' sharing) does not reach tasks run here. A
   * simulated cloud never yields to the event loop within a run, so the pool yields between two tasks
   * here to take the workers' results and hand them more, and gives each worker `DEPTH_BESIDE_HERE`
   * tasks at once so that one rarely waits for a task here to end.
   */
  readonly here?: (task: T, slot: number) => Promise<R>;
  /**
   * Each result, in task order (never completion order), so output equals one thread's.
   * Return false to stop: tasks still in flight are discarded.
   */
  emit(result: R, slot: number): boolean;
  /** Each result as it completes (any order): state `wanted` may read. */
  completed?(result: R, slot: number): void;
  /** Asked just before a task is handed out: false drops it (its slot is passed over, never emitted). */
  wanted?(slot: number): boolean;
  /**
   * Tasks with the same key go to the same worker while that keeps every worker busy, so what a
   * worker kept from one (a memo of compressed chunks: a chaos sweep's runs of one seed back up the
   * same volume contents) serves the next. A worker takes the first task of its own keys or of a new
   * key within `AFFINITY_LEAD` tasks of the first task not yet handed out; with none there, it takes
   * that first task and its key becomes its own. Results are still emitted in task order.
   */
  affinity?(task: T): number | string;
}

/** How far (in tasks) past the first one not yet handed out a worker looks for a task of its own keys. */
export const AFFINITY_LEAD = 64;

/** What takes tasks: a worker thread, or this thread (`here`). */
type Taker = Worker | "here";

/**
 * Runs `tasks` on `jobs` threads (worker threads, or this one and `jobs − 1` workers with `here`),
 * hands results to `emit` in task order and resolves when every task was emitted or dropped (or
 * `emit` stopped the run). An error a task raises, or a worker that dies, rejects the run. Shared
 * by the chaos sweeps and the conformance suite.
 */
export async function runOrdered<T, R, I = unknown>(o: OrderedPoolOptions<T, R, I>): Promise<void> {
  const n = o.tasks.length;
  const count = Math.max(0, Math.min(o.here ? o.jobs - 1 : o.jobs, n));
  const depth = o.here ? DEPTH_BESIDE_HERE : DEPTH;
  const threads = count + (o.here ? 1 : 0);
  // Workers the program started before it knew its tasks (prestart.ts) first: they get `init` now.
  const early = count > 0 ? await takePrestarted(o.taskModule, count) : [];
  for (const w of early) w.postMessage({ init: o.init } satisfies TaskMessage<T>);
  // The task module precompiled (no tsx in the workers), else through tsx (ts-worker.mjs).
  const bundle = count > early.length ? await workerBundle(o.taskModule) : null;
  const workers = [...early, ...Array.from({ length: count - early.length }, () => startWorker(o.taskModule, bundle, { value: o.init }))];
  const inFlight = new Map<Worker, number>(workers.map((w) => [w, 0]));
  /** This thread as a taker of tasks (`here`), beside the workers. */
  const self: Taker = "here";
  const ready = new Map<number, { result: R } | null>();
  /** The first slot not handed out yet (every slot before it was). */
  let next = 0;
  const handedOut = o.affinity ? new Uint8Array(n) : null;
  const owner = new Map<number | string, Taker>();
  /** Per worker: where its search for a task of its own keys resumes (slots before it are taken or others'). */
  const cursor = new Map<Taker, number>([...workers, self].map((w) => [w, 0]));
  let emitted = 0;
  let over = false;
  return new Promise<void>((resolve, reject) => {
    const finish = (err?: Error) => {
      if (over) return;
      over = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (err ? reject(err) : resolve()), reject);
    };
    /** The next slot worth running for `w`, or -1; dropped slots are passed over. */
    const take = (w: Taker): number => {
      if (!handedOut) {
        while (next < n && o.wanted && !o.wanted(next)) ready.set(next++, null);
        return next < n ? next++ : -1;
      }
      for (;;) {
        while (next < n && handedOut[next]) next++;
        if (next >= n) return -1;
        const slot = affine(w);
        handedOut[slot] = 1;
        if (!o.wanted || o.wanted(slot)) return slot;
        ready.set(slot, null);
      }
    };
    /** The first slot of `w`'s keys or of a new key within AFFINITY_LEAD of `next`; else `next`, whose key becomes `w`'s. */
    const affine = (w: Taker): number => {
      const end = Math.min(n, next + AFFINITY_LEAD);
      for (let s = Math.max(cursor.get(w)!, next); s < end; s++) {
        if (handedOut![s]) continue;
        const key = o.affinity!(o.tasks[s]!);
        const by = owner.get(key);
        if (by !== undefined && by !== w) continue;
        if (by === undefined) owner.set(key, w);
        cursor.set(w, s + 1);
        return s;
      }
      owner.set(o.affinity!(o.tasks[next]!), w);
      cursor.set(w, next + 1);
      return next;
    };
    const drain = () => {
      while (!over && ready.has(emitted)) {
        const r = ready.get(emitted)!;
        ready.delete(emitted);
        if (r && !o.emit(r.result, emitted)) return finish();
        emitted++;
      }
      if (emitted === n) finish();
    };
    const done = (result: R, slot: number) => {
      o.completed?.(result, slot);
      ready.set(slot, { result });
    };
    /** A worker's share of what is left, between 2 and `depth`: the last tasks go out a few at a time. */
    const depthNow = () => Math.max(DEPTH, Math.min(depth, Math.ceil((n - next) / (2 * threads))));
    const feed = (w: Worker) => {
      while (!over && inFlight.get(w)! < depthNow()) {
        const slot = take(w);
        if (slot < 0) break;
        inFlight.set(w, inFlight.get(w)! + 1);
        w.postMessage({ slot, task: o.tasks[slot]! } satisfies TaskMessage<T>);
      }
      drain();
    };
    for (const w of workers) {
      w.on("message", (m: TaskReply<R>) => {
        if (over) return;
        if ("ready" in m) return;
        if ("error" in m) return finish(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
        inFlight.set(w, inFlight.get(w)! - 1);
        if (m.share !== undefined)
          for (const other of workers) if (other !== w) other.postMessage({ shared: m.share } satisfies TaskMessage<T>);
        done(m.result, m.slot);
        feed(w);
      });
      w.on("error", (e) => finish(e));
      w.on("exit", (code) => finish(over ? undefined : new Error(`a worker thread exited (code ${code}) before the run ended`)));
      // With `here` a worker gets its first tasks once loaded (this thread ran them until then).
      if (o.here) void loaded(w).then(() => feed(w));
      else feed(w);
    }
    /** This thread's tasks (`here`): one at a time, yielding to the event loop between two. */
    const lane = async () => {
      while (!over) {
        const slot = take(self);
        if (slot < 0) return drain();
        done(await o.here!(o.tasks[slot]!, slot), slot);
        drain();
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    if (o.here) lane().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
    else if (!workers.length) finish();
  });
}
