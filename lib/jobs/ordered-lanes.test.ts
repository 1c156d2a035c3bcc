import { describe, expect, it } from "vitest";
import { runOrderedLanes } from "./ordered-lanes.ts";

/** A task of lane `lane` that waits `ms` (real timers: lanes overlap only while tasks wait). */
type T = { lane: string; ms: number };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ordered lanes (lib/jobs): tasks that wait on other processes, side by side in this thread", () => {
  it("runs a lane's tasks one after another, at most `lanes` lanes at once, and emits in plan order", async () => {
    const tasks: T[] = [
      { lane: "a", ms: 40 },
      { lane: "a", ms: 40 },
      { lane: "b", ms: 1 },
      { lane: "b", ms: 1 },
      { lane: "c", ms: 1 },
    ];
    const running = new Map<string, number>();
    let maxLanes = 0;
    const done: number[] = [];
    const seen: number[] = [];
    await runOrderedLanes<T, number>({
      tasks,
      laneOf: (t) => t.lane,
      lanes: 2,
      run: async (t, slot) => {
        expect(running.get(t.lane) ?? 0, `lane ${t.lane} runs one task at a time`).toBe(0);
        running.set(t.lane, 1);
        maxLanes = Math.max(maxLanes, [...running.values()].filter(Boolean).length);
        await wait(t.ms);
        running.set(t.lane, 0);
        return slot * 10;
      },
      completed: (_r, slot) => done.push(slot),
      emit: (r, slot) => (expect(r).toBe(slot * 10), seen.push(slot)),
    });
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(maxLanes).toBe(2);
    // b and c finished while a's first task still waited: completion order is not plan order
    expect(done.slice(0, 3)).toEqual([2, 3, 4]);
  });

  it("asks `wanted` after the lane's earlier tasks completed, and never emits a dropped slot", async () => {
    const seen: number[] = [];
    const failedIn = new Set<string>();
    const tasks: T[] = ["a", "a", "a", "b", "b"].map((lane) => ({ lane, ms: 1 }));
    await runOrderedLanes<T, string>({
      tasks,
      laneOf: (t) => t.lane,
      lanes: 2,
      run: async (t, slot) => (await wait(t.ms), slot === 0 ? "FAIL" : "PASS"),
      completed: (r, slot) => void (r === "FAIL" && failedIn.add(tasks[slot]!.lane)),
      wanted: (slot) => !failedIn.has(tasks[slot]!.lane),
      emit: (_r, slot) => void seen.push(slot),
    });
    expect(seen).toEqual([0, 3, 4]);
  });

  it("rejects with a task's error only after the other running lane stopped, starting nothing new", async () => {
    const started: number[] = [];
    let bStopped = false;
    const tasks: T[] = [
      { lane: "a", ms: 5 },
      { lane: "b", ms: 30 },
      { lane: "c", ms: 1 },
    ];
    const run = runOrderedLanes<T, number>({
      tasks,
      laneOf: (t) => t.lane,
      lanes: 2,
      run: async (t, slot) => {
        started.push(slot);
        await wait(t.ms);
        if (slot === 0) throw new Error("driver process died");
        if (slot === 1) bStopped = true;
        return slot;
      },
      emit: () => {},
    });
    await expect(run).rejects.toThrow("driver process died");
    expect(bStopped).toBe(true);
    expect(started).toEqual([0, 1]);
  });

  it("no tasks: resolves", async () => {
    await runOrderedLanes<T, number>({ tasks: [], laneOf: (t) => t.lane, lanes: 4, run: async () => 0, emit: () => {} });
  });
});
