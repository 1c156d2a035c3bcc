import type { ConformanceReporter } from "../../conformance/runner/reporter.ts";

/** Console progress: one line per rule result (unless `perRule` is false), a summary per driver at the end. */
export function progressReporter(write: (s: string) => void = (s) => process.stdout.write(s), perRule = true): ConformanceReporter {
  let total = 0,
    done = 0;
  return {
    name: "progress",
    onRunStart(info) {
      total = info.ruleResults ?? info.rules.length * info.drivers.length;
      if (!perRule) return;
      write(
        `cbh conformance: ${info.rules.length} rules × ${info.drivers.length} driver(s), seed ${info.seed}${info.shard ? `, shard ${info.shard.index}/${info.shard.count}: ${total} of them` : ""}\n`,
      );
    },
    onRuleResult(r) {
      done++;
      if (!perRule) return;
      const why =
        r.outcome === "PASS" && !r.unexpectedPass
          ? ""
          : ` — ${r.reason ?? ""}${r.knownFailure ? ` [known failure: ${r.knownFailure}]` : ""}`;
      write(
        `[${String(done).padStart(String(total).length)}/${total}] ${r.outcome.padEnd(4)} ${r.driver} ${r.ruleId} (${r.durationMs.toFixed(0)} ms)${why}\n`,
      );
      for (const o of r.observed ?? []) write(`      observed: ${o}\n`);
      if (r.outcome === "FAIL") {
        write(`      expected: ${r.expected ?? ""}\n      actual:   ${r.actual ?? ""}\n`);
        if (r.driverException)
          write(
            `      driver:   ${r.driverException.name} in ${r.driverException.method}(): ${r.driverException.message}\n${(
              r.driverException.stack ?? ""
            )
              .split("\n")
              .slice(1, 4)
              .map((l) => `        ${l.trim()}\n`)
              .join("")}`,
          );
        if (r.counterexample) write(`      shrunk commands:\n${r.counterexample.map((c) => `        ${c}\n`).join("")}`);
        write(`      replay:   ${r.replay}\n`);
      }
    },
    onRunEnd(s) {
      for (const d of s.info.drivers) {
        const c = s.counts[d.id]!;
        const known = s.results.filter((r) => r.driver === d.id && r.outcome === "FAIL" && r.knownFailure).length;
        const unexpected = s.results.filter((r) => r.driver === d.id && r.unexpectedPass).length;
        write(
          `${d.id}: ${c.PASS} passed${unexpected ? ` (${unexpected} listed as known failures)` : ""}, ${c.FAIL} failed${known ? ` (${known} known, ${c.FAIL - known} new)` : ""}, ${c.SKIP} skipped, ${c.NA} not applicable\n`,
        );
      }
      for (const c of s.canaries) {
        write(
          `canary ${c.canary}: ${c.caught ? `caught by ${c.caughtBy.join(", ")}` : "NOT CAUGHT by any rule"} (named rule ${c.expectedToBreak}: ${c.caughtByExpected ? "caught it" : "did not run or did not catch it"})\n`,
        );
      }
      write(`done in ${(s.durationMs / 1000).toFixed(1)} s\n`);
    },
  };
}
