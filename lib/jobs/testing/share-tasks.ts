import { threadId } from "node:worker_threads";
import { serveTasks } from "../serve-tasks.ts";

/**
 * Test task module of the pool's sharing: a task shares its `n`; it returns the worker and the `n`s
 * this worker heard of from the others so far.
 */
const heard: number[] = [];
let mine: number | undefined;
serveTasks<{ n: number }, { thread: number; heard: number[] }, unknown, number>(
  async (t) => {
    mine = t.n;
    await new Promise((r) => setTimeout(r, 5));
    return { thread: threadId, heard: [...heard] };
  },
  {
    take() {
      const n = mine;
      mine = undefined;
      return n;
    },
    give(n) {
      heard.push(n);
    },
  },
);
