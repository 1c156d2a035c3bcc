export interface OrderedLanesOptions<T, R> {
  /** Every task, in plan order. */
  readonly tasks: readonly T[];
  /** Tasks with the same lane key run one after another, in plan order; different keys may overlap. */
  laneOf(task: T): number | string;
  /** How many lanes run at once. */
  readonly lanes: number;
  /** Runs one task in this thread (it must yield: lanes only overlap while tasks wait on I/O). */
  run(task: T, slot: number): Promise<R>;
  /** Each result, in plan order (never completion order), so output equals one lane's. */
  emit(result: R, slot: number): void;
  /** Each result as it completes: state `wanted` may read. */
  completed?(result: R, slot: number): void;
  /** Asked just before a task runs, after every earlier task of its lane: false drops it. */
  wanted?(slot: number): boolean;
}

/**
 * runOrdered's contract (lib/jobs/ordered-pool.ts) for tasks that wait on other processes instead
 * of computing: no worker threads, `lanes` groups of tasks at once in this thread, each group's
 * tasks in order. The conformance suite runs real drivers this way, one lane per driver (its
 * container, its backend), since two calls into one driver process would not be cinder's one
 * request per green thread that the rules assume. A lane's error rejects the run after every
 * started lane has stopped, so nothing is left running when the caller disposes its drivers.
 */
export async function runOrderedLanes<T, R>(o: OrderedLanesOptions<T, R>): Promise<void> {
  const groups = new Map<number | string, number[]>();
  o.tasks.forEach((t, slot) => {
    const key = o.laneOf(t);
    const g = groups.get(key);
    if (g) g.push(slot);
    else groups.set(key, [slot]);
  });
  const queue = [...groups.values()];
  const settled: Array<{ result: R } | null | undefined> = new Array(o.tasks.length);
  let next = 0;
  let failed = false;
  const flush = () => {
    for (; next < o.tasks.length && settled[next] !== undefined; next++) {
      const s = settled[next];
      if (s) o.emit(s.result, next);
    }
  };
  const lane = async () => {
    for (let group = queue.shift(); group && !failed; group = queue.shift())
      for (const slot of group) {
        if (failed) return;
        if (o.wanted && !o.wanted(slot)) settled[slot] = null;
        else {
          const result = await o.run(o.tasks[slot]!, slot);
          o.completed?.(result, slot);
          settled[slot] = { result };
        }
        flush();
      }
  };
  const outcomes = await Promise.allSettled(
    Array.from({ length: Math.max(1, Math.min(o.lanes, queue.length)) }, () =>
      lane().catch((e: unknown) => {
        failed = true;
        throw e;
      }),
    ),
  );
  const error = outcomes.find((x): x is PromiseRejectedResult => x.status === "rejected");
  if (error) throw error.reason;
}
