/** `cbh diff`: differential testing of the simulator against a real cloud (docs/diff.md). */
import { CloudError } from "../../../lib/openstack/index.ts";
import { runDiff, throughputText, type DiffSummary, type SequenceResult } from "../../../lib/diff/index.ts";
import { writeDiffReport } from "../../../reports/diff/index.ts";
import { DIFF_USAGE, parseDiffArgs, replayCommand, type DiffCliOptions } from "../diff/diff-options.ts";
import { openTarget } from "../diff/open-target.ts";
import { simulatorFactory } from "../diff/simulator-factory.ts";
import type { Command } from "../registry.ts";
import { prepareReportDir } from "../report-dir.ts";

export interface DiffIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** A unique id for this run (every resource name on the target carries it). */
  runId?: string;
}

const stdio: DiffIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

export async function runDiffCommand(argv: string[], io: DiffIo = stdio): Promise<number> {
  const o = parseDiffArgs(argv);
  // a report dir that cannot be written fails now, before any cloud starts (exit 2)
  if (o.report) prepareReportDir("diff", o.report);
  const runId = io.runId ?? `cbh-diff-${Date.now().toString(36)}`;
  let opened;
  try {
    opened = await openTarget(o, io.err, runId);
  } catch (e) {
    if (!(e instanceof CloudError)) throw e;
    io.err(`cbh diff: ${e.message} (step: connect to the target, before any sequence; nothing was created)\n`);
    return 2;
  }
  let summary: DiffSummary;
  try {
    summary = await runDiff(simulatorFactory(o.release), opened.target, {
      seeds: o.seeds,
      release: o.release,
      runId,
      ...(o.length ? { length: o.length } : {}),
      ...(o.steps ? { steps: o.steps } : {}),
      shrink: o.shrink,
      probes: o.probes,
      lanes: opened.lanes,
      replay: (seed, steps) => replayCommand(o, seed, steps),
      onSequence: (r) => io.out(o.json ? `${JSON.stringify(jsonLine(r))}\n` : line(r)),
    });
  } finally {
    await opened.stop();
  }
  const cloud = opened.target.name;
  if (o.report) for (const f of await writeDiffReport(o.report, summary, cloud)) io.err(`cbh diff: wrote ${f}\n`);
  const rate = summary.sequences ? ((100 * summary.agreeing) / summary.sequences).toFixed(1) : "0.0";
  if (o.json) {
    const { results: _r, aborted: _a, ...totals } = summary;
    io.out(`${JSON.stringify({ summary: { cloud, runId, ...totals } })}\n`);
  } else
    io.out(
      `${summary.sequences} sequences, ${summary.operations} operations against cloud ${cloud} (run ${runId}): ${summary.agreeing} agree (${rate} %), ${summary.unexplained} unexplained and ${summary.explained} explained divergences\n${throughputText(summary.throughput, cloud)}\n`,
    );
  if (summary.aborted?.aborted) {
    io.err(`cbh diff: ${summary.aborted.aborted.message} (seed ${summary.aborted.seed}); cleanup: ${cleanupText(summary.aborted)}\n`);
    return 2;
  }
  return summary.unexplained ? 1 : 0;
}

function line(r: SequenceResult): string {
  const secs = ((r.simMs + r.targetMs) / 1000).toFixed(2);
  if (r.aborted) return `seed ${r.seed}: STOPPED at step ${r.aborted.index} (${r.aborted.label})\n`;
  const head = `seed ${r.seed}: ${r.ran.length} steps, ${r.unexplained ? `DIVERGED (${r.unexplained})` : "agree"}${r.divergences.length - r.unexplained ? `, ${r.divergences.length - r.unexplained} explained` : ""}, ${secs} s\n`;
  const details = r.divergences.map(
    (d) =>
      `  ${d.allowed ? `explained (${d.allowed})` : "DIVERGENCE"} step ${d.index} ${d.label} ${d.field}: simulator ${d.sim} | target ${d.target}\n`,
  );
  const shrunk = r.shrunk
    ? [`  shrunk to ${r.shrunk.steps.length} steps (${r.shrunk.confirmed ? "confirmed on the target" : "not confirmed"})\n`]
    : [];
  const replay = r.unexplained ? [`  replay: ${r.replay}\n`] : [];
  const left = r.leftovers.map((l) => `  LEFTOVER ${l}\n`);
  return [head, ...details, ...shrunk, ...replay, ...left].join("");
}

function jsonLine(r: SequenceResult): Record<string, unknown> {
  const { sequence: _s, ...rest } = r;
  return rest;
}

function cleanupText(r: SequenceResult): string {
  return r.leftovers.length ? `could not delete ${r.leftovers.join("; ")}` : "every resource the run created was deleted";
}

export const diff: Command = {
  summary: "differential testing: seeded operation sequences on the simulator and on a real cloud, compared step by step",
  usage: DIFF_USAGE,
  run: (argv) => runDiffCommand(argv),
};

export type { DiffCliOptions };
