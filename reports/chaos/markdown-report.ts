import { failing, type RunResult } from "../../scenarios/runner/index.ts";
import { markdownTable } from "../common/markdown-table.ts";
import { sequenceDiagramMermaid } from "../common/sequence-diagram.ts";
import { messageDiagram } from "./message-diagram.ts";
import type { ChaosReportMeta } from "./report-meta.ts";
import { traceExcerpt } from "./trace-excerpt.ts";

/**
 * The Markdown report of one `cbh chaos run`: a summary table per scenario and release, then
 * a card per failing seed (replay command, faults that fired, each finding with the trace
 * around it).
 */
export function chaosMarkdown(results: readonly RunResult[], meta: ChaosReportMeta): string {
  const shard = meta.plan?.shard;
  const out: string[] = [
    `# Chaos run`,
    "",
    `- command: \`${meta.command}\``,
    ...(shard
      ? [
          `- shard: ${shard.index}/${shard.count} (seeds with seed mod ${shard.count} = ${shard.index - 1}; \`cbh report merge\` joins the shards)`,
        ]
      : []),
    `- started: ${meta.startedAt}`,
    `- runs: ${results.length}${meta.stopped ? " (stopped at the first failing seed; --keep-going runs the rest)" : ""}`,
    "",
  ];
  const groups = new Map<string, RunResult[]>();
  for (const r of results) groups.set(`${r.scenario}\u0000${r.release}`, [...(groups.get(`${r.scenario}\u0000${r.release}`) ?? []), r]);
  out.push(
    ...markdownTable(
      ["scenario", "release", "seeds", "passed", "failed", "findings", "sim time (s)", "wall (ms)"],
      [...groups.values()].map((rs) => {
        const f = rs.filter((r) => r.verdict === "FAIL");
        const seeds = rs.map((r) => r.seed);
        const codes = [...new Set(f.flatMap((r) => failing(r).map((x) => x.code)))];
        return [
          rs[0]!.scenario,
          rs[0]!.release,
          `${Math.min(...seeds)}..${Math.max(...seeds)}`,
          String(rs.length - f.length),
          String(f.length),
          codes.join(", ") || "—",
          (rs.reduce((n, r) => n + r.virtualMs, 0) / 1000).toFixed(1),
          rs.reduce((n, r) => n + r.wallMs, 0).toFixed(0),
        ];
      }),
    ),
  );
  out.push(
    "",
    "## Outcomes over the seeds",
    "",
    "How often each ref ended in each status (under faults → after recovery): the seeds must reach every branch the scenario describes.",
    "",
  );
  for (const rs of groups.values()) out.push(`- **${rs[0]!.scenario}** (${rs[0]!.release}): ${outcomeSpread(rs)}`);
  out.push(
    "",
    "## Fault coverage",
    "",
    "In how many runs each fault (by scenario line) fired: a fault that never fires tests nothing.",
    "",
  );
  for (const rs of groups.values()) out.push(`- **${rs[0]!.scenario}** (${rs[0]!.release}): ${faultCoverage(rs)}`);
  for (const r of results.filter((x) => x.verdict === "FAIL")) out.push("", ...card(r));
  return `${out.join("\n")}\n`;
}

function card(r: RunResult): string[] {
  const out = [
    `## FAIL ${r.scenario} — ${r.release}, seed ${r.seed}`,
    "",
    `- file: \`${r.file}\``,
    `- replay: \`${r.replay}\``,
    `- trace hash: \`${r.traceHash}\``,
    "",
  ];
  if (r.faults.length) {
    out.push("Faults that fired:", "");
    for (const f of r.faults) out.push(`- +${(f.t / 1000).toFixed(3)}s ${f.what} (scenario line ${f.line})`);
    out.push("");
  }
  for (const f of r.findings) {
    out.push(`### \`${f.code}\`${f.allowedBecause ? " (allowed)" : ""}: ${f.message}`, "");
    if (f.where) out.push(`Scenario line ${f.where.line}:${f.where.col}.`, "");
    if (f.allowedBecause) out.push(`Allowed because: ${f.allowedBecause}`, "");
    const lines = traceExcerpt(r.trace, f.traceSeq);
    if (lines.length) out.push("```text", ...lines, "```", "");
  }
  const diagram = sequenceDiagramMermaid(messageDiagram(r.trace, failing(r)[0]?.traceSeq));
  if (diagram.length) out.push("Messages up to the first finding:", "", ...diagram, "");
  return out;
}

/** `b1: creating→error ×12, available→available ×18; v1: …` */
export function outcomeSpread(rs: readonly RunResult[]): string {
  const refs = [...new Set(rs.flatMap((r) => Object.keys(r.statuses.final)))];
  return refs
    .map((ref) => {
      const counts = new Map<string, number>();
      for (const r of rs) {
        const k = `${r.statuses.underFaults[ref] ?? "—"}→${r.statuses.final[ref] ?? "—"}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      return `${ref}: ${[...counts]
        .sort((a, b) => b[1] - a[1])
        .map(([k, n]) => `${k} ×${n}`)
        .join(", ")}`;
    })
    .join("; ");
}

/** `line 23 ×20/20, line 29 ×12/20` (a line counts once per run). */
export function faultCoverage(rs: readonly RunResult[]): string {
  const n = new Map<number, number>();
  for (const r of rs) for (const line of new Set(r.faults.map((f) => f.line))) n.set(line, (n.get(line) ?? 0) + 1);
  if (!n.size) return "no fault fired";
  return [...n]
    .sort((a, b) => a[0] - b[0])
    .map(([line, k]) => `line ${line} ×${k}/${rs.length}`)
    .join(", ");
}
