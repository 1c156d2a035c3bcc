import type { ConformanceReporter } from "../../conformance/runner/reporter.ts";

/** `cbh compat` console progress: one line per driver × direction × case, a summary per column. */
export function compatProgressReporter(write: (s: string) => void = (s) => process.stdout.write(s), perCell = true): ConformanceReporter {
  let total = 0,
    done = 0;
  return {
    name: "compat-progress",
    onRunStart(info) {
      total = info.rules.length * info.drivers.length;
      if (perCell) write(`cbh compat: ${info.rules.length} cases × ${info.drivers.length} driver/direction column(s)\n`);
    },
    onRuleResult(r) {
      done++;
      if (!perCell) return;
      write(
        `[${String(done).padStart(String(total).length)}/${total}] ${r.outcome.padEnd(4)} ${r.driver} ${r.ruleId} (${r.durationMs.toFixed(0)} ms)${r.outcome === "PASS" ? "" : ` — ${r.reason ?? ""}`}\n`,
      );
      for (const o of r.observed ?? []) write(`      observed: ${o}\n`);
      if (r.outcome !== "FAIL") return;
      if (r.expected !== undefined) write(`      expected: ${r.expected}\n      actual:   ${r.actual ?? ""}\n`);
      write(`      replay:   ${r.replay}\n`);
    },
    onRunEnd(s) {
      for (const d of s.info.drivers) {
        const c = s.counts[d.id]!;
        write(`${d.id}: ${c.PASS} passed, ${c.FAIL} failed, ${c.NA} not applicable\n`);
      }
      write(`done in ${(s.durationMs / 1000).toFixed(1)} s\n`);
    },
  };
}
