import { parentPort, workerData } from "node:worker_threads";
import type { TaskMessage, TaskReply } from "./task-message.ts";

/**
 * Inside a worker thread started by runOrdered: runs each task it is sent with `handle`, one at a
 * time in arrival order (the pool queues a second task so the worker never idles; tasks never
 * overlap, as in one thread), and replies with the plain result, or the error's message and
 * string `code`. `init` is the `workerData.init` the pool was given (the same for every worker).
 */
export function serveTasks<T, R, I = unknown>(handle: (task: T, init: I) => Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error("serveTasks runs in a worker thread started by runOrdered (lib/jobs)");
  const init = (workerData as { init: I }).init;
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (m: TaskMessage<T>) => {
    queue = queue.then(() => reply(m, handle, init).then((r) => port.postMessage(r)));
  });
}

async function reply<T, R, I>(m: TaskMessage<T>, handle: (task: T, init: I) => Promise<R>, init: I): Promise<TaskReply<R>> {
  try {
    return { slot: m.slot, result: await handle(m.task, init) };
  } catch (e) {
    const err = e as Error & { code?: unknown };
    return { slot: m.slot, error: { message: err?.message ?? String(e), ...(typeof err?.code === "string" ? { code: err.code } : {}) } };
  }
}
