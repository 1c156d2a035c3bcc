import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { WorkflowResult } from "../../sim/workflows/index.ts";
import { replayMarkdown } from "./replay-markdown.ts";

/** Writes `replay.md` into `dir` (`cbh replay --report DIR`) and returns its path. */
export async function writeReplayReport(dir: string, results: readonly WorkflowResult[], seed: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, "replay.md");
  await writeFile(file, replayMarkdown(results, seed));
  return file;
}
