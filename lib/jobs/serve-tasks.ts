import { parentPort, workerData } from "node:worker_threads";
import type { PoolWorkerData } from "./start-worker.ts";
import type { TaskMessage, TaskReply } from "./task-message.ts";

/**
 * What workers tell each other between tasks (plain, cloneable data): after each task the pool asks
 * `take` and hands what it gives (if not undefined) to every other worker's `give`, which runs
 * between two of its tasks. Only for what changes no result (a cache of content-addressed work).
 */
export interface TaskSharing<S> {
  take(): S | undefined;
  give(shared: S): void;
}

/**
 * Inside a worker thread started by runOrdered: runs each task it is sent with `handle`, one at a
 * time in arrival order (the pool queues a second task so the worker never idles; tasks never
 * overlap, as in one thread), and replies with the plain result, or the error's message and
 * string `code`. `init` is the `init` the pool was given (the same for every worker): in
 * `workerData`, or in the first message to a worker started before its pool (prestart.ts).
 * Tells the pool it is ready once loaded (a pool that runs tasks in its own thread too hands this
 * worker tasks only from then on).
 */
export function serveTasks<T, R, I = unknown, S = never>(handle: (task: T, init: I) => Promise<R>, sharing?: TaskSharing<S>): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks runs in a worker thread started by runOrdered (lib/jobs)");
  let init = (workerData as PoolWorkerData).init as I;
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (m: TaskMessage<T>) => {
    if ("init" in m) {
      init = m.init as I;
      return;
    }
    if ("shared" in m) {
      queue = queue.then(() => sharing?.give(m.shared as S));
      return;
    }
    queue = queue.then(() => reply(m, handle, init, sharing).then((r) => port.postMessage(r)));
  });
  port.postMessage({ ready: true } satisfies TaskReply<R>);
}

async function reply<T, R, I, S>(
  m: { readonly slot: number; readonly task: T },
  handle: (task: T, init: I) => Promise<R>,
  init: I,
  sharing: TaskSharing<S> | undefined,
): Promise<TaskReply<R>> {
  let r: TaskReply<R>;
  try {
    r = { slot: m.slot, result: await handle(m.task, init) };
  } catch (e) {
    const err = e as Error & { code?: unknown };
    r = { slot: m.slot, error: { message: err?.message ?? String(e), ...(typeof err?.code === "string" ? { code: err.code } : {}) } };
  }
  const share = sharing?.take();
  return share === undefined ? r : { ...r, share };
}
