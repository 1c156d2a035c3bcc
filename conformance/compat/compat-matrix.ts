import type { DriverCapabilities } from "../../sim/driver/backup-driver.ts";
import { emptyCounts, type DriverInfo, type RuleResult, type RunInfo, type RunSummary } from "../runner/result.ts";
import type { CompatCase } from "./compat-cases.ts";
import type { CompatRelease } from "./release-image.ts";

/** upgrade: the older release writes, the newer reads; downgrade: the reverse. */
export const DIRECTIONS = ["upgrade", "downgrade"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** One column of the matrix: a driver in one direction between two releases. */
export interface CompatColumn {
  /** `cinder:posix upgrade zed→epoxy` (the report's "driver"). */
  id: string;
  driver: string;
  direction: Direction;
  writer: CompatRelease;
  reader: CompatRelease;
}

export function compatColumn(driver: string, direction: Direction, from: CompatRelease, to: CompatRelease): CompatColumn {
  const [writer, reader] = direction === "upgrade" ? [from, to] : [to, from];
  return { id: `cinder:${driver} ${direction} ${writer}→${reader}`, driver, direction, writer, reader };
}

/** The command that reruns exactly one cell. */
export function replayCommand(col: CompatColumn, from: CompatRelease, to: CompatRelease, c: CompatCase): string {
  return `npx cbh compat --from ${from} --to ${to} --driver ${col.driver} --direction ${col.direction} --case ${c.id}`;
}

/** A cell of the matrix as the conformance report family's result (area `compat`). */
export function cellResult(
  col: CompatColumn,
  c: CompatCase,
  replay: string,
  outcome: RuleResult["outcome"],
  durationMs: number,
  more: Partial<RuleResult> = {},
): RuleResult {
  return { driver: col.id, ruleId: c.id, area: "compat", title: c.title, source: c.source, outcome, durationMs, replay, ...more };
}

/** The run's header: columns (filled with labels and capabilities as drivers open) and cases. */
export function compatRunInfo(columns: readonly CompatColumn[], cases: readonly CompatCase[], seed: number, startedAt: string): RunInfo {
  const none: DriverCapabilities = {
    incremental: false,
    forceDelete: false,
    restoreCancel: false,
    compression: [],
    exportImport: false,
    sparseAware: false,
    encryption: false,
  };
  const drivers: DriverInfo[] = columns.map((c) => ({
    id: c.id,
    label: `${c.driver}: ${c.writer} writes, ${c.reader} reads`,
    capabilities: none,
  }));
  return { startedAt, seed, drivers, rules: cases.map((c) => ({ id: c.id, area: "compat", title: c.title })) };
}

/** Counts per column, as every report of the family shows them. */
export function compatSummary(info: RunInfo, results: RuleResult[], durationMs: number): RunSummary {
  const counts: RunSummary["counts"] = {};
  for (const d of info.drivers) counts[d.id] = emptyCounts();
  for (const r of results) counts[r.driver]![r.outcome]++;
  return { info, results, counts, durationMs, canaries: [] };
}

/** A compat run passes when no cell failed (NA cells are reported, never passed). */
export function compatPassed(s: RunSummary): boolean {
  return s.results.every((r) => r.outcome !== "FAIL");
}
