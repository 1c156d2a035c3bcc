import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { harnessIdentity } from "../runner/harness-identity.ts";
import type { ConformanceReporter, RuleResult, RunSummary } from "../runner/reporter.ts";
import { isRuleViolation } from "../rules/rule-violation.ts";
import { missingNeeds, type CompatCase } from "./compat-cases.ts";
import { CompatStepError } from "./compat-checks.ts";
import {
  cellResult,
  compatColumn,
  compatRunInfo,
  compatSummary,
  replayCommand,
  type CompatColumn,
  type Direction,
} from "./compat-matrix.ts";
import { readPhase } from "./reader-phase.ts";
import { openReleaseDrivers, type ReleaseImages } from "./release-drivers.ts";
import type { CompatRelease } from "./release-image.ts";
import { writePhase } from "./writer-phase.ts";

export interface CompatOptions {
  /** cinder driver names (`posix`, `s3`, …). */
  drivers: readonly string[];
  from: CompatRelease;
  to: CompatRelease;
  cases: readonly CompatCase[];
  directions: readonly Direction[];
  seed?: number;
  /** Per driver call (default 60 s). */
  timeoutMs?: number;
  images?: ReleaseImages;
  reporters?: readonly ConformanceReporter[];
}

/**
 * `cbh compat`: for each driver, the two releases' real drivers over one backend; for each
 * direction and case, the writing release backs up (writePhase), the reading release restores
 * byte-exact, imports records and deletes until the store is empty (readPhase). One result per
 * driver × direction × case, in the conformance report family. A driver that cannot load throws
 * its DriverLoadError (exit 2), after the reporters saw nothing.
 */
export async function runCompat(o: CompatOptions): Promise<RunSummary> {
  const seed = o.seed ?? 1;
  const columns = o.drivers.flatMap((d) => o.directions.map((dir) => compatColumn(d, dir, o.from, o.to)));
  const info = { ...compatRunInfo(columns, o.cases, seed, new Date().toISOString()), harness: harnessIdentity() };
  const results: RuleResult[] = [];
  const started = performance.now();
  const emit = async (r: RuleResult) => {
    results.push(r);
    for (const rep of o.reporters ?? []) await rep.onRuleResult?.(r);
  };
  let runStarted = false;
  for (const driver of o.drivers) {
    const pair = await openReleaseDrivers(driver, o.from, o.to, o.images, o.timeoutMs);
    try {
      if (!runStarted) for (const rep of o.reporters ?? []) await rep.onRunStart?.(info);
      runStarted = true;
      for (const col of columns.filter((c) => c.driver === driver)) {
        const [writer, reader] = col.direction === "upgrade" ? [pair.from, pair.to] : [pair.to, pair.from];
        const d = info.drivers.find((x) => x.id === col.id)!;
        d.label = `${col.driver}, ${col.direction}: ${col.writer} (${writer.label}) writes; ${col.reader} (${reader.label}) reads, restores, deletes`;
        d.capabilities = writer.capabilities;
        for (const c of o.cases) await emit(await runCell(col, c, writer, reader, seed, replayCommand(col, o.from, o.to, c)));
      }
    } finally {
      await pair.dispose();
    }
  }
  const summary = compatSummary(info, results, performance.now() - started);
  if (runStarted) for (const rep of o.reporters ?? []) await rep.onRunEnd?.(summary);
  return summary;
}

/** One cell: NA when a release cannot take part, else write then read, PASS or FAIL with the step. */
async function runCell(
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
