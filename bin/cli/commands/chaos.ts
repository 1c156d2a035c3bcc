import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { isAbsolute, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { RELEASE_NAMES, isRelease, type Release } from "../../../sim/cloud/index.ts";
import { loadScenarios, type Scenario } from "../../../scenarios/format/index.ts";
import { runJson, traceExcerpt, writeChaosReport } from "../../../reports/chaos/index.ts";
import {
  CHAOS_GEOMETRIES,
  DEFAULT_CHAOS_GEOMETRY,
  describePlan,
  failing,
  isChaosGeometry,
  parseSeedRange,
  parseShard,
  sweepSeeds,
  type RunResult,
} from "../../../scenarios/runner/index.ts";
import { parseJobs, withoutPlacement } from "./placement-options.ts";
import { parseCliArgs } from "../cli-args.ts";
import { prepareReportDir } from "../report-dir.ts";
import type { Command } from "../registry.ts";

/** The scenario library of this checkout, wherever cbh runs from (`cbh chaos list` without DIR). */
const LIBRARY = fileURLToPath(new URL("../../../scenarios/library", import.meta.url));

/** `scenarios/library` when cbh runs inside the checkout (as the replay commands name it), else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path;
}

/** A path that does not exist is a usage error that says where the library is (a new user's first typo). */
function scenarioPath(path: string): string {
  if (!existsSync(path)) throw usage(`${path}: no such file or directory (the scenario library is ${LIBRARY})`);
  return path;
}

/**
 * `cbh chaos run FILE|DIR [--seed N | --seeds A..B] [--release zed|epoxy|master|zed,master,…] [--json]
 * [--report DIR] [--keep-going] [--check-determinism] [--geometry real|small|real-posix] [--jobs N] [--shard I/N]` and `cbh chaos list [DIR]`.
 */
export const chaos: Command = {
  summary: "chaos scenarios for edge/DCN sites: run FILE|DIR with seeds (VOPR-style sweeps), list the library",
  get usage() {
    return HELP;
  },
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "run") return run(rest);
    if (sub === "list") return list(rest);
    throw usage(`expected 'run' or 'list'\n${HELP}`);
  },
};

const HELP = `usage: cbh chaos run FILE|DIR [--seed N | --seeds A..B] [--release zed|epoxy|master|zed,master,…] [--json] [--report DIR] [--keep-going] [--check-determinism]
                     [--geometry real|small|real-posix] [--jobs N] [--shard I/N]
       cbh chaos list [DIR]
--geometry: real (default) is cinder's scale, 1 GiB of sparse device per GB, backed up in the
object-store drivers' 50 MiB objects (swift/s3/gcs); small is 1 MiB per GB and 256 KiB objects,
for long sweeps; real-posix is 1 GiB per GB with posix's 1999994880-byte objects (slow).
--jobs N runs the seeds on N worker threads (default: the number of CPUs); results, order, trace
hashes and reports are those of --jobs 1. --shard I/N runs only the seeds with seed mod N = I-1;
'cbh report merge DIR... --out DIR' joins the N shard reports into the unsharded run's report.`;

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs("chaos", {
    args: argv,
    allowPositionals: true,
    options: {
      seed: { type: "string" },
      seeds: { type: "string" },
      release: { type: "string" },
      json: { type: "boolean", default: false },
      report: { type: "string" },
      "keep-going": { type: "boolean", default: false },
      "check-determinism": { type: "boolean", default: false },
      geometry: { type: "string", default: DEFAULT_CHAOS_GEOMETRY },
      jobs: { type: "string" },
      shard: { type: "string" },
    },
  });
  if (positionals.length !== 1) throw usage(`give exactly one scenario file or directory\n${HELP}`);
  if (values.seed !== undefined && values.seeds !== undefined) throw usage("--seed and --seeds are exclusive");
  const seeds = parseSeedRange(values.seeds ?? values.seed ?? "1");
  if (values.seed !== undefined && seeds.from !== seeds.to) throw usage("--seed takes one seed; use --seeds A..B for a sweep");
  const releases = (values.release ?? "zed,master").split(",").map((r) => r.trim());
  for (const r of releases)
    if (!isRelease(r)) throw usage(`--release must be ${RELEASE_NAMES.join(", ")} or a comma list of them; got '${r}'`);
  if (!isChaosGeometry(values.geometry))
    throw usage(`--geometry must be ${Object.keys(CHAOS_GEOMETRIES).join(", ")}; got '${values.geometry}'`);
  const geometry = values.geometry;
  const jobs = values.jobs === undefined ? availableParallelism() : parseJobs(values.jobs);
  const shard = values.shard === undefined ? null : parseShard(values.shard);
  const scenarios = await loadScenarios(scenarioPath(positionals[0]!));
  if (!scenarios.some((s) => s.releases.some((r) => releases.includes(r))))
    throw usage(`no run: the scenario(s) cover only ${[...new Set(scenarios.flatMap((s) => s.releases))].join(", ")}`);
  if (values.report) prepareReportDir("chaos", values.report);
  const startedAt = new Date().toISOString();
  const out = process.stdout;
  const { results, stopped } = await sweepSeeds(scenarios, {
    seeds,
    releases: releases as Release[],
    geometry,
    keepGoing: values["keep-going"],
    checkDeterminism: values["check-determinism"],
    jobs,
    shard,
    onResult: (r, done, total) => out.write(values.json ? `${runJson(r)}\n` : progress(r, done, total)),
  });
  const failed = results.filter((r) => r.verdict === "FAIL");
  if (!values.json) {
    for (const r of failed) out.write(failure(r));
    out.write(
      `\n${results.length - failed.length} passed, ${failed.length} failed${stopped ? " (stopped at the first failing seed; --keep-going runs the rest)" : ""}\n`,
    );
  }
  if (values.report) {
    const plan = describePlan(scenarios, releases as Release[], seeds, values["keep-going"], shard);
    const files = await writeChaosReport(values.report, results, {
      command: `cbh chaos run ${withoutPlacement(argv).join(" ")}`,
      startedAt,
      stopped,
      plan,
    });
    process.stderr.write(`report: ${files.join(", ")}\n`);
  }
  return failed.length ? 1 : 0;
}

function progress(r: RunResult, done: number, total: number): string {
  const f = failing(r);
  return `[${done}/${total}] ${r.verdict} ${r.scenario} ${r.release} seed ${r.seed} — ${r.faults.length} fault(s), ${(r.virtualMs / 1000).toFixed(1)} s simulated in ${r.wallMs.toFixed(0)} ms${f.length ? `, ${f.length} finding(s)` : ""}\n`;
}

function failure(r: RunResult): string {
  const lines = [`\nFAIL ${r.scenario} (${r.release}, seed ${r.seed})  trace ${r.traceHash.slice(0, 16)}`];
  for (const f of failing(r)) {
    lines.push(`  [${f.code}] ${f.message}${f.where ? ` (${r.file}:${f.where.line})` : ""}`);
    for (const l of traceExcerpt(r.trace, f.traceSeq, 3)) lines.push(`      ${l}`);
  }
  lines.push(`  replay: ${r.replay}`);
  return `${lines.join("\n")}\n`;
}

async function list(argv: string[]): Promise<number> {
  const { positionals } = parseCliArgs("chaos", { args: argv, allowPositionals: true, options: {} });
  if (positionals.length > 1) throw usage(`chaos list takes one directory, got ${positionals.length}`);
  const scenarios: Scenario[] = await loadScenarios(positionals[0] === undefined ? shown(LIBRARY) : scenarioPath(positionals[0]));
  for (const s of scenarios) {
    const faults = [...new Set(s.faults.map((f) => f.action.kind))].join(", ") || "none";
    process.stdout.write(
      `${s.name}\n  file: ${s.file}\n  releases: ${s.releases.join(", ")}; faults: ${faults}; steps: ${s.workload.length + s.afterRecovery.length}\n  ${firstSentence(s.description)}\n`,
    );
    for (const ref of s.references) process.stdout.write(`  ref: ${ref}\n`);
  }
  process.stdout.write(`\n${scenarios.length} scenario(s)\n`);
  return 0;
}

function usage(msg: string): Error & { code: string } {
  return Object.assign(new Error(msg), { code: "usage" });
}

function firstSentence(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const end = flat.search(/\.\s/);
  const s = end > 0 ? flat.slice(0, end + 1) : flat;
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
