import { CloudBuilder, resolveConfig, type Release } from "../../sim/cloud/index.ts";
import { MemoryObjectStore } from "../../lib/stores/index.ts";
import { ByteArena, plainBytes, type ByteAllocator } from "../../lib/format/index.ts";
import { composeAsyncCheckers, composeCheckers, type Finding as CheckFinding } from "../../sim/check/index.ts";
import { cloudInvariantChecker, dataLossChecker, orphanChecker, statusChecker, traceExpectationChecker } from "../checks/index.ts";
import type { Scenario } from "../format/index.ts";
import { chaosGeometryConfig, DEFAULT_CHAOS_GEOMETRY, type ChaosGeometry } from "./chaos-geometry.ts";
import { Nemesis } from "./nemesis.ts";
import { probedChunkedDriver, TransferProbe } from "./probe-driver.ts";
import { quiesce, recover } from "./recovery.ts";
import { RunContext } from "./run-context.ts";
import { failing, replayCommand, type RunResult } from "./run-result.ts";
import { runWorkload } from "./workload.ts";

export interface ScenarioRunOptions {
  /**
   * Device and object geometry (default `real`: 1 GiB per GB, 50 MiB objects; `small` for sweeps;
   * `real-posix` for posix's 1999994880-byte objects). See chaos-geometry.ts and docs/chaos.md,
   * "Geometry".
   */
  geometry?: ChaosGeometry;
}

/**
 * This thread's run memory: the devices' content and extents and the store's objects of a run come
 * from it, and it is reset (reused) once the run is over, so the bytes of each run are not new
 * ArrayBuffers for the garbage collector (lib/format/byte-arena.ts, docs/performance.md). A run
 * started while another one in this thread still holds it allocates plainly.
 */
const threadArena = new ByteArena();

/**
 * Runs a scenario for one seed and release: build the cloud from the seed, arm the fault
 * schedule, issue the workload, recover (heal, restart, settle), then check. Same file, seed
 * and release ⇒ same trace hash.
 */
export async function runScenario(scenario: Scenario, seed: number, release: Release, opts: ScenarioRunOptions = {}): Promise<RunResult> {
  const arena = threadArena.acquire() ? threadArena : null;
  try {
    // Nothing of the run outlives it: the result holds no bytes, and the cloud and store are dropped here.
    return await runWith(scenario, seed, release, opts, arena ?? plainBytes);
  } finally {
    arena?.reset();
  }
}

async function runWith(
  scenario: Scenario,
  seed: number,
  release: Release,
  opts: ScenarioRunOptions,
  bytes: ByteAllocator,
): Promise<RunResult> {
  const wall = performance.now();
  const store = new MemoryObjectStore({ bytes });
  const probe = new TransferProbe();
  // The scenario's own config wins over the geometry (a scenario may pin its sizes).
  const geometry = opts.geometry ?? DEFAULT_CHAOS_GEOMETRY;
  const overrides = { ...chaosGeometryConfig(geometry), ...scenario.config };
  const config = resolveConfig(overrides);
  let b = new CloudBuilder()
    .withSeed(seed)
    .withRelease(release)
    .withObjectStore(store)
    .withBytes(bytes)
    .withConfig(overrides)
    .withBackupDriver((host, s) => probedChunkedDriver(host, s, config, probe));
  if (scenario.topology) b = b.withTopology(scenario.topology);
  const cloud = await b.build();
  const ctx = new RunContext(
    scenario,
    release,
    seed,
    cloud,
    store,
    probe,
    cloud.inspect.stream("chaos.schedule"),
    cloud.inspect.stream("chaos"),
  );
  const t0 = cloud.now();
  ctx.note("state", `chaos scenario ${scenario.name}, seed ${seed}, release ${release}`);
  const unwatch = cloud.inspect.onTrace(() => {
    for (const [ref, f] of ctx.backups) if (!f.everAvailable && ctx.statusOf(ref) === "available") f.everAvailable = true;
  });
  const nemesis = new Nemesis(ctx);
  nemesis.arm();
  const statuses = { underFaults: {} as Record<string, string>, final: {} as Record<string, string> };
  const snapshot = () => Object.fromEntries([...ctx.refs.keys()].map((r) => [r, ctx.statusOf(r)]));
  try {
    await runWorkload(ctx, nemesis);
    statuses.underFaults = snapshot();
    const quiet = await recover(ctx, nemesis);
    if (!quiet)
      ctx.find("stuck-state", `the cloud still had ${cloud.inspect.pendingWork()} pending event(s) after recovery (it never went quiet)`);
    if (scenario.afterRecovery.length) {
      ctx.note("state", "after recovery: operator and user steps");
      await runWorkload(ctx, null, scenario.afterRecovery);
      await quiesce(ctx);
    }
    const crashed = (f: CheckFinding) => ctx.finding("checker-crashed", f.message);
    ctx.findings.push(
      ...composeCheckers(
        "after recovery",
        [statusChecker(scenario.expect, "after recovery"), cloudInvariantChecker, orphanChecker, traceExpectationChecker],
        crashed,
      ).check(ctx),
    );
    statuses.final = snapshot();
    ctx.findings.push(...(await composeAsyncCheckers("data loss", [dataLossChecker], crashed).check(ctx)));
  } finally {
    nemesis.disarm();
    unwatch();
  }
  const findings = ctx.findings.map((f) => {
    const a = scenario.allow.find(
      (x) => x.code === f.code && x.releases.includes(release) && (x.messageContains === null || f.message.includes(x.messageContains)),
    );
    return a ? { ...f, allowedBecause: a.why } : f;
  });
  for (const a of scenario.allow) {
    if (a.mustOccur && a.releases.includes(release) && !findings.some((f) => f.code === a.code && f.allowedBecause === a.why)) {
      findings.push({
        code: "expectation-failed",
        message: `expected a ${a.code} finding (cinder's behaviour here: ${a.why.split("\n")[0]}) but there was none`,
        where: a.where,
      });
    }
  }
  const result: RunResult = {
    scenario: scenario.name,
    file: scenario.file,
    seed,
    release,
    geometry,
    verdict: "PASS",
    findings,
    traceHash: cloud.trace.hash(),
    replay: replayCommand(scenario.file, seed, release, geometry),
    statuses,
    faults: [...ctx.fired].map(([f, x]) => ({ line: f.where.line, t: x.t - t0, what: x.what })),
    virtualMs: cloud.now() - t0,
    wallMs: performance.now() - wall,
    events: cloud.inspect.eventCount(),
    trace: cloud.trace.entries(),
  };
  return { ...result, verdict: failing(result).length ? "FAIL" : "PASS" };
}
