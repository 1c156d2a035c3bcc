import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConformanceReporter, RuleResult } from "../../conformance/runner/reporter.ts";
import type { CinderIdentity } from "../../conformance/driver/driver-under-test.ts";

/**
 * One JSON line per (driver, rule), mint-style: PASS / FAIL / SKIP / NA with duration and replay;
 * `cinder_release`/`cinder_version` when the driver is a real cinder's (the release axis).
 */
export function jsonlLine(r: RuleResult, cinder?: CinderIdentity): string {
  return JSON.stringify({
    driver: r.driver,
    ...(cinder ? { cinder_release: cinder.release, cinder_version: cinder.version } : {}),
    rule: r.ruleId,
    area: r.area,
    status: r.outcome,
    duration_ms: Math.round(r.durationMs * 10) / 10,
    reason: r.reason ?? null,
    expected: r.expected ?? null,
    actual: r.actual ?? null,
    replay: r.replay,
    ...(r.driverException ? { driver_exception: r.driverException } : {}),
    ...(r.counterexample ? { counterexample: r.counterexample } : {}),
    ...(r.observed ? { observed: r.observed } : {}),
    ...(r.knownFailure ? { known_failure: r.knownFailure } : {}),
    ...(r.unexpectedPass ? { unexpected_pass: true } : {}),
  });
}

/** Streams lines as results arrive, so a killed run still leaves what it did. */
export function jsonlReporter(outDir: string, file = "conformance.jsonl"): ConformanceReporter {
  const path = join(outDir, file);
  const cinder = new Map<string, CinderIdentity>();
  return {
    name: "jsonl",
    onRunStart(info) {
      for (const d of info.drivers) if (d.cinder) cinder.set(d.id, d.cinder);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path, "");
    },
    onRuleResult(r) {
      appendFileSync(path, `${jsonlLine(r, cinder.get(r.driver))}\n`);
    },
  };
}
