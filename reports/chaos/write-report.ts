import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { canonicalLine } from "../../sim/core/trace-recorder.ts";
import type { RunResult } from "../../scenarios/runner/index.ts";
import { chaosJsonl } from "./jsonl-report.ts";
import { chaosMarkdown } from "./markdown-report.ts";

/** Writes `chaos.md`, `chaos.jsonl` and one `trace-<scenario>-<release>-<seed>.jsonl` per failing run. */
export async function writeChaosReport(dir: string, results: readonly RunResult[], meta: { command: string; startedAt: string; stopped: boolean }): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = [join(dir, "chaos.md"), join(dir, "chaos.jsonl")];
  await writeFile(files[0]!, chaosMarkdown(results, meta));
  await writeFile(files[1]!, chaosJsonl(results));
  for (const r of results) {
    if (r.verdict !== "FAIL" || !r.trace.length) continue;
    const f = join(dir, `trace-${r.scenario}-${r.release}-${r.seed}.jsonl`);
    await writeFile(f, r.trace.map((e) => `${canonicalLine(e)}\n`).join(""));
    files.push(f);
  }
  return files;
}
