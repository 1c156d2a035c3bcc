import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import type { RuleResult } from "../runner/result.ts";
import { isRuleViolation } from "../rules/rule-violation.ts";
import { missingNeeds, type CompatCase } from "./compat-cases.ts";
import { CompatStepError } from "./compat-checks.ts";
import { cellResult, type CompatColumn } from "./compat-matrix.ts";
import { readPhase } from "./reader-phase.ts";
import { writePhase } from "./writer-phase.ts";

/** One cell: NA when a release cannot take part, else write then read, PASS or FAIL with the step. */
export async function runCompatCell(
  col: CompatColumn,
  c: CompatCase,
  writer: DriverUnderTest,
  reader: DriverUnderTest,
  seed: number,
  replay: string,
): Promise<RuleResult> {
  const t0 = performance.now();
  const cannotWrite = missingNeeds(c, writer.capabilities);
  if (cannotWrite.length)
    return cellResult(col, c, replay, "NA", 0, { reason: `${col.writer}'s driver cannot write it: no ${cannotWrite.join(", no ")}` });
  const cannotRead = missingNeeds(c, reader.capabilities);
  if (cannotRead.length) {
    const why = `${col.reader}'s driver declares no ${cannotRead.join(", no ")}`;
    // An upgrade must read what the older release wrote; a downgrade is only claimed for what both know.
    return col.direction === "upgrade"
      ? cellResult(col, c, replay, "FAIL", 0, { reason: `the newer release cannot read what ${col.writer} wrote: ${why}` })
      : cellResult(col, c, replay, "NA", 0, { reason: `downgrade not claimed: ${why}` });
  }
  try {
    const written = await writePhase(writer, col.writer, c, seed);
    try {
      const observed = await readPhase(reader, col.reader, c, written, seed);
      return cellResult(col, c, replay, "PASS", performance.now() - t0, { observed });
    } finally {
      await written.harness.close();
    }
  } catch (e) {
    return cellResult(col, c, replay, "FAIL", performance.now() - t0, failure(e));
  }
}

function failure(e: unknown): Partial<RuleResult> {
  if (isRuleViolation(e)) return { reason: e.message, expected: e.expected, actual: e.actual };
  if (e instanceof CompatStepError) {
    const cause = e.cause instanceof Error ? e.cause : null;
    return {
      reason: e.message,
      driverException: {
        method: e.step,
        name: cause?.name ?? "Error",
        message: cause?.message ?? String(e.cause),
        ...(cause?.stack ? { stack: cause.stack } : {}),
      },
    };
  }
  return { reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}
