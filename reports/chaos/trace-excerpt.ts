import type { TraceEntry } from "../../sim/cloud/index.ts";

/** One trace line for humans: `+12.345s host service kind what`. */
export function formatTraceLine(e: TraceEntry, t0: number): string {
  const t = ((e.t - t0) / 1000).toFixed(3).padStart(9);
  return `+${t}s #${String(e.seq).padEnd(5)} ${`${e.service}@${e.host}`.padEnd(28)} ${e.kind.padEnd(6)} ${e.what}`;
}

/** `radius` lines either side of the entry with sequence `seq` (marked with `>`). */
export function traceExcerpt(trace: readonly TraceEntry[], seq: number | undefined, radius = 6): string[] {
  if (!trace.length) return [];
  const t0 = trace[0]!.t;
  let i = seq === undefined ? trace.length - 1 : trace.findIndex((e) => e.seq === seq);
  if (i < 0) i = trace.length - 1;
  const from = Math.max(0, i - radius);
  const to = Math.min(trace.length, i + radius + 1);
  return trace.slice(from, to).map((e, k) => `${from + k === i ? ">" : " "} ${formatTraceLine(e, t0)}`);
}
