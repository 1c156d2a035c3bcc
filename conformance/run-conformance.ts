import { canarySuiteDrivers, findCanary, canaryDriver } from "./canaries/index.ts";
import { referenceDriver } from "./driver/reference-driver.ts";
import { resolveDriver, type Backend } from "./driver/driver-registry.ts";
import type { ConformanceReporter } from "./runner/reporter.ts";
import type { RunSummary } from "./runner/result.ts";
import { runSuite, type SuiteDriver } from "./runner/run-suite.ts";
import { DEFAULT_PROPERTY } from "./runner/run-rule.ts";
import { parseReplayToken } from "./model/replay-token.ts";
import { loadKnownFailures, type KnownFailures } from "./runner/known-failures.ts";
import { checkKnownFailureIds } from "./runner/known-failure-ids.ts";
import { allRules } from "./rules/index.ts";
import type { Rule } from "./rules/rule.ts";
import type { ProtocolFlags } from "./drivers/driver-specs.ts";
import { PYTHON_CANARIES, PYTHON_CANARY_DIR } from "./drivers/python-canaries.ts";
import { relative } from "node:path";
import type { Shard } from "../lib/jobs/index.ts";

export interface ConformanceOptions {
  /** `ref`, `ref-posix` or `path/to/module.ts#Export`; several allowed. Default `ref` (unless only canaries run). */
  drivers?: string[];
  backend?: Backend;
  /** `--rules GLOB`. */
  rules?: string;
  seed?: number;
  /** Also run every canary driver (the report says which rule caught each). */
  canaries?: boolean;
  /** Run just these canaries (ids). */
  canaryIds?: string[];
  /** Fed as results arrive; the CLI chooses them (console progress, the file reporters of `reports/conformance/`). */
  reporters?: ConformanceReporter[];
  timeoutMs?: number;
  extraRules?: readonly Rule[];
  /** `--known-failures FILE`: rules the drivers under test are known to fail (YAML: rule id → reason). */
  knownFailuresFile?: string;
  /** Per driver spec (`cinder:gcs` → FILE), instead of `knownFailuresFile`: one matrix of drivers with different known failures. */
  knownFailuresByDriver?: Readonly<Record<string, string>>;
  /** Model-based rule: runs, commands per run, or a `--replay SEED:PATH` token to rerun one failure. */
  property?: { numRuns?: number; maxCommands?: number; replay?: string };
  /** `--python-canaries`: the broken subclasses of cinder's PosixBackupDriver, each expected to be caught. */
  pythonCanaries?: boolean;
  /** `--driver-path`, `--driver-opt`, `--driver-config`, `--driver-runtime`, `--driver-image` for `cinder:`/`python:`/`exec:` drivers. */
  protocol?: ProtocolFlags;
  /** `--jobs N`: worker threads (default 1); results and reports equal one thread's. */
  jobs?: number;
  /** `--shard I/N`: only this shard's units (rules, model runs); `cbh report merge` joins the shards. */
  shard?: Shard | null;
  /** Drivers whose rules run at once in this thread (`--jobs N` with cinder:/python:/exec: drivers; default 1); reports equal one lane's. */
  driverLanes?: number;
}

/** One call for `npm start` and the CLI: resolve drivers, run the rules (feeding the given reporters), return the results. */
export async function runConformance(opts: ConformanceOptions = {}): Promise<RunSummary> {
  const backend = opts.backend ?? "memory";
  const seed = opts.seed ?? 1;
  const drivers: SuiteDriver[] = [];
  const specs = opts.drivers ?? (opts.canaryIds?.length || opts.pythonCanaries ? [] : ["ref"]);
  const ruleIds = [...allRules, ...(opts.extraRules ?? [])].map((r) => r.id);
  const knownFor = (spec: string): { file: string; known: KnownFailures } | undefined => {
    const file = opts.knownFailuresByDriver?.[spec] ?? opts.knownFailuresFile;
    if (!file) return undefined;
    const known = loadKnownFailures(file);
    checkKnownFailureIds(known, ruleIds, file);
    return { file, known };
  };
  // a bad file fails the run before any driver starts
  for (const spec of specs.length ? specs : [""]) knownFor(spec);
  // --timeout is also a protocol driver's per-call timeout (the silence that makes a call hung)
  const protocolFlags: ProtocolFlags | undefined =
    opts.timeoutMs && opts.protocol && !opts.protocol.timeoutMs ? { ...opts.protocol, timeoutMs: opts.timeoutMs } : opts.protocol;
  try {
    for (const spec of specs) {
      const dut = await resolveDriver(spec, backend, protocolFlags);
      const known = knownFor(spec);
      const flags = `${backend !== "memory" ? ` --backend ${backend}` : ""}${protocolFlagWords(opts.protocol)}${known ? ` --known-failures ${known.file}` : ""}`;
      drivers.push({
        dut,
        replayPrefix: `npx cbh conformance --driver ${spec}${flags}`,
        recipe: { kind: "spec", spec, backend, ...(protocolFlags ? { protocol: protocolFlags } : {}) },
        ...(known ? { knownFailures: known.known } : {}),
      });
    }
    if (opts.pythonCanaries) {
      for (const c of PYTHON_CANARIES) {
        const spec = `python:${c.classPath}`;
        const { runtime, image } = opts.protocol ?? {};
        const protocol = { driverPaths: [PYTHON_CANARY_DIR], ...(runtime ? { runtime } : {}), ...(image ? { image } : {}) };
        const dut = await resolveDriver(spec, "posix", protocol);
        drivers.push({
          dut,
          recipe: { kind: "spec", spec, backend: "posix", protocol },
          replayPrefix: `npx cbh conformance --driver ${spec} --driver-path ${relative(process.cwd(), PYTHON_CANARY_DIR)} --backend posix${protocolFlagWords({ ...(runtime ? { runtime } : {}), ...(image ? { image } : {}) })}`,
          expectedToBreak: c.breaks,
        });
      }
    }
    return await runResolved(opts, drivers, seed);
  } finally {
    // Driver processes are reaped whatever happened (a later driver failing to load included).
    for (const d of drivers) await d.dut.dispose?.();
  }
}

function protocolFlagWords(p: ProtocolFlags | undefined): string {
  if (!p) return "";
  return [
    ...(p.driverPaths ?? []).map((x) => ` --driver-path ${x}`),
    ...(p.driverOpts ?? []).map((x) => ` --driver-opt ${x}`),
    ...(p.driverConfig ? [` --driver-config ${p.driverConfig}`] : []),
    ...(p.runtime === "host" ? [" --driver-runtime host"] : []),
    ...(p.image ? [` --driver-image ${p.image}`] : []),
    ...(p.listPageSize !== undefined ? [` --list-page-size ${p.listPageSize}`] : []),
  ].join("");
}

async function runResolved(opts: ConformanceOptions, drivers: SuiteDriver[], seed: number): Promise<RunSummary> {
  if (opts.canaries)
    drivers.push(...canarySuiteDrivers(referenceDriver()).map((d) => ({ ...d, recipe: { kind: "canary" as const, id: d.dut.id } })));
  for (const id of opts.canaryIds ?? []) {
    const c = findCanary(id);
    if (!c) throw new Error(`unknown canary '${id}'`);
    drivers.push({
      dut: canaryDriver(c, referenceDriver()),
      replayPrefix: `npx cbh conformance --canary ${c.id}`,
      expectedToBreak: c.breaks,
      recipe: { kind: "canary", id: c.id },
    });
  }
  const replay = opts.property?.replay ? parseReplayToken(opts.property.replay) : undefined;
  const property = {
    numRuns: opts.property?.numRuns ?? DEFAULT_PROPERTY.numRuns,
    maxCommands: opts.property?.maxCommands ?? DEFAULT_PROPERTY.maxCommands,
    ...(replay ? { replay } : {}),
  };
  // A replay reruns the model-based rule only.
  const rules = replay ? "model.*" : opts.rules;
  return runSuite({
    drivers,
    rules,
    seed: replay?.seed ?? seed,
    reporters: opts.reporters,
    timeoutMs: opts.timeoutMs,
    extraRules: opts.extraRules,
    property,
    ...(opts.jobs ? { jobs: opts.jobs } : {}),
    ...(opts.shard ? { shard: opts.shard } : {}),
    ...(opts.driverLanes ? { driverLanes: opts.driverLanes } : {}),
  });
}
