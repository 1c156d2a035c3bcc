import type { RunResult } from "../../scenarios/runner/index.ts";

/** One JSON object per run (no trace): what CI dashboards and `jq` consume. */
export function runJson(r: RunResult): string {
  const { trace: _trace, ...rest } = r;
  return JSON.stringify({ ...rest, wallMs: Math.round(r.wallMs) });
}

export function chaosJsonl(results: readonly RunResult[]): string {
  return results.map((r) => `${runJson(r)}\n`).join("");
}
