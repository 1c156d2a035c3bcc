import { describe, expect, it } from "vitest";
import { runOrdered } from "./ordered-pool.ts";
import { inShard, parseShard, stableKey } from "./shard.ts";

const TASKS = new URL("./testing/square-tasks.ts", import.meta.url);
type R = { n: number; sq: number };
const tasks = (k: number) => Array.from({ length: k }, (_, n) => ({ n }));

describe("ordered worker pool (lib/jobs)", () => {
  it("emits in task order although later tasks complete first, and drops unwanted tasks", async () => {
    const seen: number[] = [];
    const done: number[] = [];
    await runOrdered<{ n: number }, R, { base: number }>({
      taskModule: TASKS,
      init: { base: 60 },
      tasks: tasks(10),
      jobs: 3,
      wanted: (slot) => slot !== 4,
      completed: (r) => done.push(r.n),
      emit: (r, slot) => (expect(r.sq).toBe(slot * slot), seen.push(slot), true),
    });
    expect(seen).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(done).not.toEqual(seen); // completion order differs: the ordering is the pool's doing
  }, 60_000);

  it("stops when emit says so, and rejects with a worker's error and code", async () => {
    const seen: number[] = [];
    await runOrdered<{ n: number }, R, { base: number }>({
      taskModule: TASKS,
      init: { base: 0 },
      tasks: tasks(8),
      jobs: 2,
      emit: (_r, slot) => (seen.push(slot), slot < 2),
    });
    expect(seen).toEqual([0, 1, 2]);
    const run = runOrdered<{ n: number }, R, { base: number }>({
      taskModule: TASKS,
      init: { base: 0 },
      tasks: [{ n: 1 }, { n: -3 }],
      jobs: 2,
      emit: () => true,
    });
    await expect(run).rejects.toMatchObject({ message: "negative -3", code: "bad-task" });
  }, 60_000);

  it("with affinity, tasks of one key stay on one worker while both are busy; emitted in task order all the same", async () => {
    type T = { n: number; key: number };
    const run = async (affinity: boolean) => {
      const seen: number[] = [];
      const thread = new Map<number, number>();
      const tasks: T[] = Array.from({ length: 120 }, (_, n) => ({ n: n % 7, key: n % 10 }));
      await runOrdered<T, R & { thread: number }, { base: number }>({
        taskModule: TASKS,
        init: { base: 30 },
        tasks,
        jobs: 2,
        ...(affinity ? { affinity: (t: T) => t.key } : {}),
        emit: (r, slot) => (expect(r.sq).toBe(tasks[slot]!.n ** 2), seen.push(slot), thread.set(slot, r.thread), true),
      });
      expect(seen).toEqual(tasks.map((_, i) => i));
      // Tasks run on the same worker as the previous task of their key.
      let stayed = 0;
      for (let i = 10; i < tasks.length; i++) if (thread.get(i) === thread.get(i - 10)) stayed++;
      return { stayed: stayed / (tasks.length - 10), threads: new Set(thread.values()).size };
    };
    const kept = await run(true);
    expect(kept.threads).toBe(2);
    expect(kept.stayed).toBeGreaterThan(0.8);
  }, 60_000);

  it("hands what a worker shares after a task to every other worker, between their tasks", async () => {
    const got: Array<{ thread: number; heard: number[] }> = [];
    const tasks = Array.from({ length: 20 }, (_, n) => ({ n }));
    await runOrdered<{ n: number }, { thread: number; heard: number[] }>({
      taskModule: new URL("./testing/share-tasks.ts", import.meta.url),
      tasks,
      jobs: 2,
      emit: (r) => (got.push(r), true),
    });
    const ran = (thread: number) => tasks.filter((_, i) => got[i]!.thread === thread).map((t) => t.n);
    for (const r of got) {
      // Only the other worker's tasks, each at most once, in the order they ended.
      expect(r.heard.every((n) => !ran(r.thread).includes(n))).toBe(true);
      expect(new Set(r.heard).size).toBe(r.heard.length);
    }
    // The last task of each worker heard of most of the other's (the last ones may still be in flight).
    for (const thread of new Set(got.map((r) => r.thread))) {
      const last = got.findLast((r) => r.thread === thread)!;
      expect(last.heard.length).toBeGreaterThanOrEqual(20 - ran(thread).length - 3);
    }
  }, 60_000);

  it("with `here`, this thread runs tasks too (jobs − 1 workers), from the first task on; results in task order, errors reject", async () => {
    const hereRuns: number[] = [];
    /** What square-tasks.ts computes, in this thread (thread 0), one task at a time. */
    const here = async (t: { n: number }, slot: number) => {
      if (t.n < 0) throw Object.assign(new Error(`negative here ${t.n}`), { code: "bad-task" });
      hereRuns.push(slot);
      await new Promise((r) => setTimeout(r, 3));
      return { n: t.n, sq: t.n * t.n, thread: 0 };
    };
    const seen: number[] = [];
    const threads = new Set<number>();
    await runOrdered<{ n: number }, R & { thread: number }, { base: number }>({
      taskModule: TASKS,
      init: { base: 20 },
      tasks: tasks(40),
      jobs: 2,
      here,
      wanted: (slot) => slot !== 7,
      emit: (r, slot) => (expect(r.sq).toBe(slot * slot), seen.push(slot), threads.add(r.thread), true),
    });
    expect(seen).toEqual(
      tasks(40)
        .map((_, i) => i)
        .filter((i) => i !== 7),
    );
    expect(threads.size).toBe(2); // this thread and one worker
    expect(threads.has(0)).toBe(true);
    expect(hereRuns[0]).toBe(0); // this thread took the first task, before any worker could
    const failing = runOrdered<{ n: number }, R, { base: number }>({
      taskModule: TASKS,
      init: { base: 0 },
      tasks: [{ n: -1 }, { n: 2 }],
      jobs: 2,
      here: here as never,
      emit: () => true,
    });
    await expect(failing).rejects.toMatchObject({ message: "negative here -1", code: "bad-task" });
    const none: number[] = [];
    await runOrdered<{ n: number }, R>({
      taskModule: TASKS,
      tasks: [],
      jobs: 2,
      here: here as never,
      emit: (_r, s) => (none.push(s), true),
    });
    expect(none).toEqual([]);
  }, 60_000);

  it("parses --shard I/N and partitions keys stably", () => {
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
    for (const bad of ["0/3", "4/3", "x", "1/0", "1/1001"]) expect(() => parseShard(bad)).toThrow(/--shard must look like I\/N/);
    expect(stableKey("ref model.random-operation-sequences")).toBe(stableKey("ref model.random-operation-sequences"));
    const keys = Array.from({ length: 300 }, (_, i) => stableKey(`rule-${i}`));
    const s = [1, 2, 3].map((index) => keys.filter((k) => inShard(k, { index, count: 3 })).length);
    expect(s.reduce((a, b) => a + b, 0)).toBe(300);
    for (const n of s) expect(n).toBeGreaterThan(60);
  });
});
