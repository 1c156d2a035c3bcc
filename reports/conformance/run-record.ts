import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConformanceReporter, RunInfo, RunSummary } from "../../conformance/runner/reporter.ts";

/**
 * What a conformance report records about its run besides the four reports: the command (without
 * --jobs, --shard, --report), the whole plan of units and each unit's own result, so `cbh report
 * merge` can join the reports of the shards of one run (`--shard I/N`) into the unsharded one.
 */
export interface ConformanceRunRecord {
  readonly command: string;
  readonly info: RunInfo;
  readonly durationMs: number;
  readonly units: NonNullable<RunSummary["units"]>;
}

export const CONFORMANCE_RECORD_FILE = "conformance-run.json";

/** Writes `conformance-run.json` when the run ends. */
export function runRecordReporter(outDir: string, command: string): ConformanceReporter {
  return {
    name: "run-record",
    onRunEnd(s) {
      if (!s.units) return;
      const record: ConformanceRunRecord = { command, info: s.info, durationMs: s.durationMs, units: s.units };
      mkdirSync(outDir, { recursive: true });
      writeFileSync(join(outDir, CONFORMANCE_RECORD_FILE), `${JSON.stringify(record)}\n`);
    },
  };
}
