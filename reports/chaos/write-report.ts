import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalFields } from "../../sim/core/trace-recorder.ts";
import type { RunResult } from "../../scenarios/runner/index.ts";
import { chaosHtml } from "./html-report.ts";
import { chaosJsonl } from "./jsonl-report.ts";
import { chaosJunit } from "./junit-report.ts";
import { chaosMarkdown } from "./markdown-report.ts";
import { CHAOS_META_FILE, type ChaosReportMeta } from "./report-meta.ts";

/**
 * Writes `chaos.md`, `chaos.html`, `chaos.junit.xml`, `chaos.jsonl`, `chaos-run.json` (the plan,
 * for `cbh report merge`) and one `trace-<scenario>-<release>-<seed>.jsonl` per failing run (the
 * canonical fields plus the typed `event`, so a merged report draws the same diagrams).
 */
export async function writeChaosReport(dir: string, results: readonly RunResult[], meta: ChaosReportMeta): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: Array<[string, string]> = [
    ["chaos.md", chaosMarkdown(results, meta)],
    ["chaos.html", chaosHtml(results, meta)],
    ["chaos.junit.xml", chaosJunit(results)],
    ["chaos.jsonl", chaosJsonl(results)],
    [CHAOS_META_FILE, `${JSON.stringify(meta, null, 2)}\n`],
  ];
  for (const r of results) {
    if (r.verdict !== "FAIL" || !r.trace.length) continue;
    files.push([traceFileName(r), r.trace.map((e) => `${JSON.stringify({ ...canonicalFields(e), event: e.event })}\n`).join("")]);
  }
  for (const [name, text] of files) await writeFile(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

export function traceFileName(r: Pick<RunResult, "scenario" | "release" | "seed">): string {
  return `trace-${r.scenario}-${r.release}-${r.seed}.jsonl`;
}
