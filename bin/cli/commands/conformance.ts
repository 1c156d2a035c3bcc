import { availableParallelism } from "node:os";
import { parseCliArgs } from "../cli-args.ts";
import { runConformance } from "../../../conformance/run-conformance.ts";
import { BACKENDS, type Backend } from "../../../conformance/driver/driver-registry.ts";
import { runPassed } from "../../../conformance/runner/run-suite.ts";
import { ruleMatcher } from "../../../conformance/runner/rule-filter.ts";
import { canaries } from "../../../conformance/canaries/index.ts";
import { parseReplayToken } from "../../../conformance/model/replay-token.ts";
import { allRules } from "../../../conformance/rules/index.ts";
import { progressReporter, recordedFileReporters } from "../../../reports/conformance/index.ts";
import { isProtocolDriver } from "../../../conformance/drivers/driver-specs.ts";
import { parseShard, type Shard } from "../../../lib/jobs/index.ts";
import { parseJobs, withoutPlacement } from "./placement-options.ts";
import { prepareReportDir } from "../report-dir.ts";
import type { Command } from "../registry.ts";
import { DRIVER_RUNTIMES, type DriverRuntime } from "../../../conformance/drivers/driver-specs.ts";

const USAGE = `usage: cbh conformance [--driver ref|ref-posix|path/to/module.ts#Export|cinder:posix|python:MOD.Class|exec:CMD]...
                       [--backend memory|posix|swift|s3|gcs|nfs|ceph] [--driver-path DIR]... [--driver-opt KEY=VALUE]...
                       [--driver-config FILE] [--driver-runtime container|host] [--driver-image NAME]
                       [--python-canaries] [--list-page-size N]
                       [--rules GLOB[,GLOB]] [--seed N] [--report DIR] [--canaries | --canary ID]...
                       [--runs N] [--max-commands N] [--replay SEED:PATH] [--timeout MS]
                       [--known-failures FILE] [--jobs N] [--shard I/N] [--list] [--quiet]
Runs the backup-driver conformance rules. Exit 0 only when no rule fails (and, with --canaries,
every canary is caught by a rule); 1 when a rule fails; 2 on bad usage. --timeout bounds each rule
(default 60000 ms; a rule that moves GiBs gets that much more at 16 MiB/s) and, for cinder:/python:/exec:
drivers, how long a call may stay silent (no answer, no callback); --runs/--max-commands size the model-based rule; --replay reruns one of its
failures exactly (the token a failed run prints). --known-failures FILE (YAML: rule id → reason)
lists rules the driver is known to fail: they do not fail the run, but one that passes does.
cinder:posix|nfs|swift|s3|gcs|ceph, python:MODULE.Class (found on --driver-path) and exec:CMD run a driver process
speaking the driver protocol (docs/driver-protocol.md); --driver-opt/--driver-config set its
cinder options. cinder:NAME@RELEASE (and python:MODULE.Class@RELEASE) picks the cinder release:
@zed (the default: Debian 12's 21.3.1) or @epoxy (Debian 13's 26.0.0), e.g. cinder:s3@epoxy; the
reports give each driver's release and version. The Python shim runs in a container of the
release's drivers image (local/cbh-drivers:ci, local/cbh-drivers-epoxy:ci, built by
scripts/ci/docker-up.sh) or of --driver-image NAME (your image with the shim in /opt/cbh);
--driver-runtime host runs it with the host's /usr/bin/python3 instead (debugging); exec: commands
always run on the host.
--list-page-size N makes the GCS backend return at most N names per object-listing page (GCS's
own cap is 1000): a driver that ignores nextPageToken then fails with a small backup.
--python-canaries adds the broken subclasses of cinder's PosixBackupDriver (each must be caught).
--jobs N runs the rules, and each model run, on N threads, this one and N − 1 workers (default: the number of CPUs);
with cinder:/python:/exec: drivers (each in its own process, container and backend) it runs N
drivers at once instead, each driver's rules one after another. Results, their order and the
reports are those of --jobs 1. --shard I/N runs only this shard's rules and model runs;
'cbh report merge DIR... --out DIR' joins the N shard reports into the unsharded run's report.
`;

export const conformance: Command = {
  summary: "run the backup-driver conformance suite (rules, canaries, reports)",
  async run(argv) {
    let v;
    try {
      v = parseCliArgs("conformance", {
        args: argv,
        allowPositionals: false,
        strict: true,
        options: {
          driver: { type: "string", multiple: true },
          backend: { type: "string", default: "memory" },
          rules: { type: "string" },
          seed: { type: "string", default: "1" },
          report: { type: "string" },
          canaries: { type: "boolean", default: false },
          canary: { type: "string", multiple: true },
          replay: { type: "string" },
          runs: { type: "string" },
          timeout: { type: "string" },
          "known-failures": { type: "string" },
          "max-commands": { type: "string" },
          list: { type: "boolean", default: false },
          "driver-path": { type: "string", multiple: true },
          "driver-opt": { type: "string", multiple: true },
          "driver-config": { type: "string" },
          "driver-runtime": { type: "string", default: "container" },
          "driver-image": { type: "string" },
          "python-canaries": { type: "boolean", default: false },
          "list-page-size": { type: "string" },
          quiet: { type: "boolean", default: false },
          jobs: { type: "string" },
          shard: { type: "string" },
          help: { type: "boolean", short: "h", default: false },
        },
      }).values;
    } catch (e) {
      process.stderr.write(`cbh conformance: ${(e as Error).message}\n`);
      return 2;
    }
    if (v.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (v.list) {
      for (const r of allRules)
        process.stdout.write(`${r.id.padEnd(56)} ${r.requires.length ? `[${r.requires.join(",")}] ` : ""}${r.title}\n`);
      for (const c of canaries) process.stdout.write(`canary ${c.id.padEnd(49)} caught by ${c.breaks}\n`);
      return 0;
    }
    const seed = Number(v.seed);
    if (!Number.isSafeInteger(seed) || seed < 0) return usage(`--seed must be a non-negative integer, got '${v.seed}'`);
    // Before any driver starts or report is written: a --rules typo is bad usage, not an empty run.
    const matches = ruleMatcher(v.rules);
    if (v.rules !== undefined && !allRules.some((r) => matches(r.id)))
      return usage(`no rule matches --rules '${v.rules}' (cbh conformance --list shows every rule)`);
    if (!(BACKENDS as readonly string[]).includes(v.backend))
      return usage(
        `--backend must be ${BACKENDS.slice(0, -1).join(", ")} or ${BACKENDS.at(-1)!} (${BACKENDS.slice(2).join(", ")}: python:/exec: drivers only), got '${v.backend}'`,
      );
    const runtime = v["driver-runtime"] as DriverRuntime;
    if (!DRIVER_RUNTIMES.includes(runtime)) return usage(`--driver-runtime must be ${DRIVER_RUNTIMES.join(" or ")}, got '${runtime}'`);
    if (v["driver-image"] !== undefined && (runtime === "host" || !v["driver-image"].trim()))
      return usage(
        runtime === "host"
          ? "--driver-image runs the driver in a container: it cannot go with --driver-runtime host"
          : "--driver-image needs an image name",
      );
    const listPageSize = v["list-page-size"] === undefined ? undefined : Number(v["list-page-size"]);
    if (listPageSize !== undefined && !(Number.isInteger(listPageSize) && listPageSize >= 1 && listPageSize <= 1000))
      return usage(`--list-page-size must be an integer 1..1000, got '${v["list-page-size"]}'`);
    if (listPageSize !== undefined && v.backend !== "gcs" && !(v.driver ?? []).includes("cinder:gcs"))
      return usage("--list-page-size applies to the gcs backend only (--backend gcs or --driver cinder:gcs)");
    const runs = v.runs === undefined ? undefined : Number(v.runs);
    const maxCommands = v["max-commands"] === undefined ? undefined : Number(v["max-commands"]);
    if (runs !== undefined && !(Number.isSafeInteger(runs) && runs > 0)) return usage(`--runs must be a positive integer, got '${v.runs}'`);
    if (maxCommands !== undefined && !(Number.isSafeInteger(maxCommands) && maxCommands > 0))
      return usage(`--max-commands must be a positive integer, got '${v["max-commands"]}'`);
    const timeoutMs = v.timeout === undefined ? undefined : Number(v.timeout);
    if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && timeoutMs > 0))
      return usage(`--timeout must be a positive number of ms, got '${v.timeout}'`);
    let jobs: number;
    let driverLanes = 1;
    let shard: Shard | null;
    try {
      const protocol = (v.driver ?? []).some(isProtocolDriver) || v["python-canaries"];
      jobs = v.jobs === undefined ? availableParallelism() : parseJobs(v.jobs);
      // Drivers in their own processes and containers run side by side in this thread, one lane per driver.
      if (protocol) [driverLanes, jobs] = [jobs, 1];
      shard = v.shard === undefined ? null : parseShard(v.shard);
    } catch (e) {
      return usage((e as Error).message);
    }
    if (v.replay !== undefined) {
      try {
        parseReplayToken(v.replay);
      } catch (e) {
        return usage((e as Error).message);
      }
    }
    if (v.report) prepareReportDir("conformance", v.report);
    let summary;
    try {
      summary = await runConformance({
        drivers: v.driver,
        backend: v.backend as Backend,
        rules: v.rules,
        seed,
        canaries: v.canaries,
        canaryIds: v.canary,
        ...(timeoutMs ? { timeoutMs } : {}),
        ...(v["known-failures"] ? { knownFailuresFile: v["known-failures"] } : {}),
        property: {
          ...(runs ? { numRuns: runs } : {}),
          ...(maxCommands ? { maxCommands } : {}),
          ...(v.replay ? { replay: v.replay } : {}),
        },
        reporters: [
          progressReporter(undefined, !v.quiet),
          ...(v.report ? recordedFileReporters(v.report, `cbh conformance ${withoutPlacement(argv, ["--quiet"]).join(" ")}`) : []),
        ],
        jobs,
        driverLanes,
        shard,
        pythonCanaries: v["python-canaries"],
        protocol: {
          ...(v["driver-path"] ? { driverPaths: v["driver-path"] } : {}),
          ...(v["driver-opt"] ? { driverOpts: v["driver-opt"] } : {}),
          ...(v["driver-config"] ? { driverConfig: v["driver-config"] } : {}),
          runtime,
          ...(v["driver-image"] ? { image: v["driver-image"] } : {}),
          ...(listPageSize !== undefined ? { listPageSize } : {}),
        },
      });
    } catch (e) {
      if ((e as { code?: string }).code !== "CBH_DRIVER_LOAD") throw e;
      process.stderr.write(`cbh conformance: [CBH_DRIVER_LOAD] ${(e as Error).message}\n`);
      return 2;
    }
    // A shard may get no unit of a small selection: that shard passed, and `report merge` joins it.
    if (summary.results.length === 0 && !shard) return usage(`no rule matches --rules '${v.rules ?? ""}'`);
    if (v.report) process.stdout.write(`reports written to ${v.report}/conformance.{junit.xml,jsonl,md,html}\n`);
    return runPassed(summary) ? 0 : 1;
  },
};

function usage(msg: string): number {
  process.stderr.write(`cbh conformance: ${msg}\n${USAGE}`);
  return 2;
}
