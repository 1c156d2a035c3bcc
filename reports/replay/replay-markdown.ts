import type { WorkflowResult } from "../../sim/workflows/index.ts";
import { markdownTable } from "../common/markdown-table.ts";
import { formatEntry } from "./trace-line.ts";

/** The readable report `npm start` writes (`replay.md`): a verdict table, then each workflow with its trace. */
export function replayMarkdown(results: readonly WorkflowResult[], seed: number): string {
  const pass = results.filter((r) => r.ok).length;
  const lines = [
    `# Workflow replay (seed ${seed})`,
    "",
    `${pass} of ${results.length} workflow runs match cinder's documented outcome.`,
    "",
    ...markdownTable(
      ["workflow", "release", "guide", "checks", "verdict", "trace sha256"],
      results.map((r) => [r.id, r.release, r.guide, String(r.checks), r.ok ? "PASS" : "**FAIL**", `\`${r.traceHash.slice(0, 16)}…\``]),
    ),
    "",
  ];
  for (const r of results) {
    lines.push(
      `## ${r.id} (${r.release}) — ${r.title}`,
      "",
      `Guide ${r.guide}. Verdict: **${r.ok ? "PASS" : "FAIL"}** (${r.checks} checks).`,
      "",
    );
    for (const d of r.deviations)
      lines.push(`- deviation: ${d.check}: expected \`${JSON.stringify(d.expected)}\`, got \`${JSON.stringify(d.actual)}\``);
    if (r.error) lines.push("```", r.error, "```");
    if (!r.ok) lines.push(`- replay: \`npx cbh replay ${r.id} --seed ${r.seed} --release ${r.release}\``);
    lines.push("", "<details><summary>trace</summary>", "", "```", ...r.trace.map(formatEntry), "```", "</details>", "");
  }
  return lines.join("\n");
}
