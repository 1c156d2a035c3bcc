import { harnessIdentity } from "../runner/harness-identity.ts";
import type { ConformanceReporter, RuleResult, RunSummary } from "../runner/reporter.ts";
import type { CompatCase } from "./compat-cases.ts";
import { runCompatCell } from "./compat-cell.ts";
import { compatColumn, compatRunInfo, compatSummary, replayCommand, type Direction } from "./compat-matrix.ts";
import { openReleaseDrivers, type ReleaseImages } from "./release-drivers.ts";
import type { CompatRelease } from "./release-image.ts";

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
        for (const c of o.cases) await emit(await runCompatCell(col, c, writer, reader, seed, replayCommand(col, o.from, o.to, c)));
      }
    } finally {
      await pair.dispose();
    }
  }
  const summary = compatSummary(info, results, performance.now() - started);
  if (runStarted) for (const rep of o.reporters ?? []) await rep.onRunEnd?.(summary);
  return summary;
}
