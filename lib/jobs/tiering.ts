import { setFlagsFromString } from "node:v8";

/**
 * V8's interrupt budget for a sweep: 8× the default of node 20's V8, set once before the first run.
 *
 * A sweep runs the same simulation code hundreds of times, and every worker thread is a new isolate
 * that compiles its hot functions with TurboFan again (≈ 2.3 CPU-s per isolate for the chaos sweep,
 * 0.4 of it recompiling after deoptimisations). One thread gets that compiling done on an idle core;
 * N workers on N cores pay it N times, on cores the other workers need. With a larger budget V8
 * waits for more executed bytecode before it optimises a function: lukewarm functions are never
 * compiled and fewer speculative compiles are thrown away. Measured on the 722-run chaos sweep
 * (docs/performance.md): `--jobs 1` ≈ 1.2 CPU-s less in the same wall time, `--jobs 2` ≈ 1.3 CPU-s
 * and ≈ 0.5 s wall less. Results and trace hashes are unchanged: tiering never changes what code computes.
 *
 * Only on V8 11 (node 20), where it was measured: node 22 and later tier up through Maglev first,
 * with budgets of their own. Not when the process was started with its own `--interrupt-budget`, or
 * with `CBH_V8_TIERING=0`. The flag is process-wide and read as functions tier up, so it applies to
 * this thread from here on and to every worker started after this call.
 */
export function tuneTiering(): void {
  if (applied || process.env["CBH_V8_TIERING"] === "0") return;
  applied = true;
  if (Number(process.versions.v8.split(".")[0]) !== 11) return;
  const own = [...process.execArgv, ...(process.env["NODE_OPTIONS"] ?? "").split(/\s+/)];
  if (own.some((a) => /^--interrupt[-_]budget=/.test(a))) return;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** node 20's default (67,584 bytes of bytecode) × 8. */
export const INTERRUPT_BUDGET = 540_672;

let applied = false;
