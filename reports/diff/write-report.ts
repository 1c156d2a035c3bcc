import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { DiffSummary } from "../../lib/diff/index.ts";
import { diffJunit } from "./diff-junit.ts";
import { diffMarkdown } from "./diff-markdown.ts";

/** Writes `diff.md`, `junit.xml` and `diff.jsonl` (one line per sequence: seed, steps, divergences, replay) into `dir`. */
export async function writeDiffReport(dir: string, s: DiffSummary, cloud: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files = { "diff.md": diffMarkdown(s, cloud), "junit.xml": diffJunit(s, cloud), "diff.jsonl": diffJsonl(s, cloud) };
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return Object.keys(files).map((f) => join(dir, f));
}

export function diffJsonl(s: DiffSummary, cloud: string): string {
  return s.results
    .map((r) =>
      JSON.stringify({
        cloud,
        seed: r.seed,
        steps: r.ran.length,
        divergences: r.divergences,
        unexplained: r.unexplained,
        ...(r.shrunk ? { shrunk: r.shrunk } : {}),
        ...(r.aborted ? { aborted: r.aborted } : {}),
        leftovers: r.leftovers,
        replay: r.replay,
        simMs: r.simMs,
        targetMs: r.targetMs,
      }),
    )
    .map((l) => `${l}\n`)
    .join("");
}
