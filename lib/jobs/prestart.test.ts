import { threadId } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { runOrdered } from "./ordered-pool.ts";
import { prestartWorkers, releasePrestarted, takePrestarted } from "./prestart.ts";
import { loaded } from "./start-worker.ts";

const SQUARES = new URL("./testing/square-tasks.ts", import.meta.url);
const BROKEN = new URL("./testing/broken-tasks.ts", import.meta.url);
type R = { n: number; sq: number; thread: number };

describe("workers started before their pool (lib/jobs/prestart.ts)", () => {
  it("the pool takes them over and sends them its init; a second take gets none", async () => {
    prestartWorkers(SQUARES, 1);
    const seen: R[] = [];
    let hereRuns = 0;
    await runOrdered<{ n: number }, R, { base: number }>({
      taskModule: SQUARES,
      // The worker reads init.base for each task: without the init message every task would throw.
      init: { base: 30 },
      tasks: Array.from({ length: 12 }, (_, n) => ({ n })),
      jobs: 2,
      here: async (t) => {
        hereRuns++;
        await new Promise((r) => setTimeout(r, 20));
        return { n: t.n, sq: t.n * t.n, thread: threadId };
      },
      emit: (r) => (seen.push(r), true),
    });
    expect(seen.map((r) => r.sq)).toEqual(Array.from({ length: 12 }, (_, n) => n * n));
    const workerThreads = new Set(seen.map((r) => r.thread).filter((t) => t !== threadId));
    expect(workerThreads.size).toBe(1);
    expect(hereRuns).toBeLessThan(12);
    expect(await takePrestarted(SQUARES, 1)).toEqual([]);
  }, 60_000);

  it("releasePrestarted ends the ones no pool took", async () => {
    prestartWorkers(SQUARES, 2);
    const [w] = await takePrestarted(SQUARES, 1);
    expect(w).toBeDefined();
    await loaded(w!);
    const exited = new Promise<number>((r) => w!.once("exit", r));
    await w!.terminate();
    await exited;
    prestartWorkers(SQUARES, 2);
    await releasePrestarted();
    expect(await takePrestarted(SQUARES, 2)).toEqual([]);
  }, 60_000);

  it("one that died before its pool is replaced by a fresh worker, whose error rejects the run (no hang)", async () => {
    // As many as the pool needs: were a dead one taken, no fresh worker would fail and the run would hang.
    prestartWorkers(BROKEN, 2);
    // Let them fail to load before the pool asks for them.
    await new Promise((r) => setTimeout(r, 1500));
    const run = runOrdered<{ n: number }, R, { base: number }>({
      taskModule: BROKEN,
      init: { base: 0 },
      tasks: [{ n: 1 }, { n: 2 }, { n: 3 }],
      jobs: 2,
      emit: () => true,
    });
    await expect(run).rejects.toThrow("broken task module");
  }, 20_000);
});
