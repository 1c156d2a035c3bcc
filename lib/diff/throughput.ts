/** One side's rate on the run's sequences: operations over the time that side spent running them. */
export interface SideRate {
  /** Seconds the side spent running the sequences (steps, settling, quota reads, cleanup), summed. */
  seconds: number;
  opsPerSecond: number;
}

/**
 * The throughput figure of a `cbh diff` run (issue 11): the same generated operations on the
 * simulator (a fresh `cbh serve` per sequence) and on the target, in the same run. Each sequence
 * runs on one side, then on the other, so the two sides never overlap within a sequence; with
 * `--jobs N` each side's seconds are summed over the N lanes (a per-lane rate: what one sequence
 * at a time gets). `wallSeconds` is the whole run, both sides, all lanes and any shrinking.
 */
export interface Throughput {
  operations: number;
  lanes: number;
  wallSeconds: number;
  simulator: SideRate;
  target: SideRate;
  /** simulator.opsPerSecond / target.opsPerSecond. */
  speedup: number;
}

interface Timed {
  ran: readonly number[];
  simMs: number;
  targetMs: number;
  aborted?: unknown;
}

const round = (x: number, places: number) => Number(x.toFixed(places));

/** The throughput of the sequences that ran to the end (a stopped one has no comparable target time). */
export function throughput(results: readonly Timed[], lanes: number, wallMs: number): Throughput {
  const done = results.filter((r) => !r.aborted);
  const operations = done.reduce((n, r) => n + r.ran.length, 0);
  const side = (ms: number): SideRate => ({
    seconds: round(ms / 1000, 3),
    opsPerSecond: ms > 0 ? round((operations * 1000) / ms, 2) : 0,
  });
  const simulator = side(done.reduce((n, r) => n + r.simMs, 0));
  const target = side(done.reduce((n, r) => n + r.targetMs, 0));
  return {
    operations,
    lanes,
    wallSeconds: round(wallMs / 1000, 3),
    simulator,
    target,
    speedup: target.opsPerSecond > 0 ? round(simulator.opsPerSecond / target.opsPerSecond, 1) : 0,
  };
}

/** One line for the console and the Markdown report. */
export function throughputText(t: Throughput, cloud: string): string {
  return `throughput: ${t.operations} operations; simulator ${t.simulator.opsPerSecond} ops/s (${t.simulator.seconds} s), ${cloud} ${t.target.opsPerSecond} ops/s (${t.target.seconds} s): simulator ${t.speedup}× faster; ${t.lanes} lane${t.lanes > 1 ? "s" : ""}, run wall time ${t.wallSeconds} s`;
}
