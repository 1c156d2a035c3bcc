import { throughputText, type DiffSummary, type SequenceResult } from "../../lib/diff/index.ts";
import { markdownTable } from "../common/markdown-table.ts";
import { mdCell } from "../common/escape.ts";

/** `diff.md`: agreement rate, wall time per sequence, then every divergence with both answers,
 *  the shrunk sequence and the command that replays it. */
export function diffMarkdown(s: DiffSummary, cloud: string): string {
  const rate = s.sequences ? ((100 * s.agreeing) / s.sequences).toFixed(1) : "0.0";
  const perSeq = s.results.length ? s.results.reduce((n, r) => n + r.simMs + r.targetMs, 0) / s.results.length / 1000 : 0;
  const lines = [
    `# cbh diff: simulator vs ${cloud}`,
    "",
    `- sequences: ${s.sequences} (${s.operations} operations)`,
    `- agreement: ${s.agreeing}/${s.sequences} sequences (${rate} %) with no unexplained divergence`,
    `- divergences: ${s.unexplained} unexplained, ${s.explained} explained by the allow-list`,
    `- wall time per sequence: ${perSeq.toFixed(2)} s (simulator + target)`,
    `- ${throughputText(s.throughput, cloud)}`,
    ...(s.aborted ? [`- **stopped**: ${s.aborted.aborted?.message}`] : []),
    "",
  ];
  for (const r of s.results.filter((x) => x.divergences.length || x.aborted || x.leftovers.length)) lines.push(...sequenceSection(r));
  return `${lines.join("\n")}\n`;
}

function sequenceSection(r: SequenceResult): string[] {
  const steps = r.shrunk?.confirmed ? r.shrunk.steps : r.ran;
  return [
    `## seed ${r.seed}`,
    "",
    ...(r.aborted ? [`Stopped: ${r.aborted.message}`, ""] : []),
    ...(r.leftovers.length ? [`Not cleaned up: ${r.leftovers.join("; ")}`, ""] : []),
    ...(r.divergences.length
      ? [
          ...markdownTable(
            ["step", "field", "simulator", "target", "allow-list"],
            r.divergences.map((d) => [`${d.index} ${d.label}`, d.field, d.sim, d.target, d.allowed ?? "**unexplained**"]),
          ),
          "",
        ]
      : []),
    ...(r.shrunk
      ? [
          `Shrunk on the simulator (${r.shrunk.simRuns} runs) to ${r.shrunk.steps.length} steps; ${r.shrunk.confirmed ? "confirmed on the target" : "not confirmed on the target: the full sequence is kept"}.`,
          "",
        ]
      : []),
    "Sequence:",
    "",
    ...steps.map((i) => `${i}. ${mdCell(stepText(r, i))}`),
    "",
    `Replay: \`${r.replay}\``,
    "",
  ];
}

function stepText(r: SequenceResult, i: number): string {
  const s = r.sequence.steps[i];
  if (!s) return "?";
  if (s.kind !== "api") return `${s.label} ${s.ref}`;
  return `${s.label}: ${s.as} ${s.method} ${s.path}${s.body !== undefined ? ` ${JSON.stringify(s.body).slice(0, 200)}` : ""}`;
}
