import { threadId } from "node:worker_threads";
import { serveTasks } from "../serve-tasks.ts";

/**
 * Test task module: squares `n` after `n` ms less than init.base (later tasks finish first); n < 0
 * throws; two tasks running at once in this worker throw too (serveTasks runs one at a time). `thread`:
 * the worker that ran it.
 */
let running = 0;
serveTasks<{ n: number }, { n: number; sq: number; thread: number }, { base: number }>(async (t, init) => {
  if (t.n < 0) throw Object.assign(new Error(`negative ${t.n}`), { code: "bad-task" });
  if (running++) throw new Error("two tasks overlap in one worker");
  await new Promise((r) => setTimeout(r, Math.max(0, init.base - t.n * 5)));
  running--;
  return { n: t.n, sq: t.n * t.n, thread: threadId };
});
