import fc from "fast-check";
import { ByteArena, plainBytes, type ByteAllocator } from "../../lib/format/index.ts";
import { MemoryObjectStore } from "../../lib/stores/index.ts";
import { referenceDriver } from "../driver/reference-driver.ts";
import type { DriverUnderTest } from "../driver/driver-under-test.ts";
import { openCloud } from "../runner/cloud-factory.ts";
import type { CloudPair, PairModel } from "./cloud-pair.ts";
import { commandArbitraries } from "./command-arbitraries.ts";
import { CreateVolumeCommand } from "./commands/create-volume.ts";
import { lazyJumpRandom } from "./lazy-jump-random.ts";

const PRELUDE = [new CreateVolumeCommand(2, 7, 1), new CreateVolumeCommand(1, 8, 0.3)];

export interface ModelRunOptions {
  seed: number;
  /** fast-check `path` of a failure to replay (from `--replay SEED:PATH`); skips shrinking. */
  path?: string;
  /** `fc.commands` replayPath (which commands ran), part of the printed replay token. */
  replayPath?: string;
  numRuns: number;
  maxCommands: number;
  /**
   * Run only fast-check's run number `run` of `seed` (0-based), shrinking it if it fails: the
   * same values, shrinks and counterexample path as run `run` of an ordinary check, so the runs of
   * one seed can be spread over worker threads and shards (`conformance/runner/suite-plan.ts`).
   */
  run?: number;
}

export interface ModelRunResult {
  failed: boolean;
  numRuns: number;
  numShrinks: number;
  seed: number;
  path: string | null;
  /** The shrunk command list, one `toString()` per command. */
  commands: string[];
  /** `fc.commands` replayPath of the counterexample (needed with `path` to replay it). */
  replayPath: string | null;
  error: unknown;
  /**
   * The clouds of the last execution (the failing one when replayed with a path): their trace and
   * database. Their devices' bytes are gone (the run's memory is reused once it returns).
   */
  pair: CloudPair | null;
}

/** Two clouds with the same seed: the reference driver (model) and the driver under test (system). */
export async function openPair(dut: DriverUnderTest, seed: number, bytes: ByteAllocator = plainBytes): Promise<CloudPair> {
  const ref = referenceDriver();
  // The model's store is the reference driver's own kind (a memory store), its objects in `bytes` too.
  const modelStore = new MemoryObjectStore({ bytes });
  const [model, system] = [
    await openCloud(ref, seed, { trace: false, bytes, store: modelStore }),
    await openCloud(dut, seed, { trace: true, bytes }),
  ];
  return {
    model,
    system,
    modelCtx: model.context("admin"),
    systemCtx: system.context("admin"),
    compareObjectCounts:
      dut.format !== null && dut.geometry.objectSize === ref.geometry.objectSize && dut.geometry.blockSize === ref.geometry.blockSize,
  };
}

/**
 * fast-check model-based run (`fc.commands` + `fc.asyncModelRun`): random sequences of cloud
 * operations on both clouds in lock step; any divergence fails the run, which is then shrunk.
 */
export async function runModel(dut: DriverUnderTest, o: ModelRunOptions): Promise<ModelRunResult> {
  const arena = pairArena.acquire() ? pairArena : null;
  try {
    return await runModelWith(dut, o, arena);
  } finally {
    arena?.reset();
  }
}

/**
 * This thread's memory for the devices of a model run's clouds, reused from execution to execution
 * (as a chaos run's, lib/format/byte-arena.ts): fresh device bytes in every execution started a
 * garbage collection every few runs, most of it on the other core (docs/performance.md). A model
 * run started while another one in this thread holds it allocates plainly.
 */
const pairArena = new ByteArena();

async function runModelWith(dut: DriverUnderTest, o: ModelRunOptions, arena: ByteArena | null): Promise<ModelRunResult> {
  let last: CloudPair | null = null;
  const cmdArb = fc.commands(commandArbitraries(dut.capabilities), {
    maxCommands: o.maxCommands,
    size: "medium",
    ...(o.replayPath ? { replayPath: o.replayPath } : {}),
  });
  const prop = fc.asyncProperty(cmdArb, async (cmds) => {
    // The previous execution's clouds are done with (only `last` pointed at them): their bytes go back.
    if (arena) {
      arena.reset();
      arena.acquire();
    }
    const pair = await openPair(dut, o.seed, arena ?? plainBytes);
    last = pair;
    const model: PairModel = { volumes: [], snapshots: [], backups: [] };
    try {
      // Every run starts from two volumes with data (one full, one partly written), so commands apply.
      for (const c of PRELUDE) await c.run(model, pair);
      await fc.asyncModelRun(() => ({ model, real: pair }), cmds);
    } finally {
      await dut.disposeStore?.(pair.system.objectStore);
    }
  });
  // fast-check's `path` walks to run N of the seed's stream (pathWalk drops N producers, each
  // keeping its own index), so `path: "N"` without endOnFailure is run N of a plain check.
  const one = o.run !== undefined && !o.path;
  const d = await fc.check(prop, {
    seed: o.seed,
    // fast-check's own generator, with the jumps to run N done once per thread, not once per unit.
    randomType: lazyJumpRandom,
    numRuns: o.path || one ? 1 : o.numRuns,
    ...(o.path ? { path: o.path, endOnFailure: true } : {}),
    ...(one ? { path: String(o.run) } : {}),
  });
  const commands = d.failed && d.counterexample ? executed(d.counterexample[0]) : [];
  return {
    failed: d.failed,
    // runs up to the failing one (or passed) as a check from run 0 counts them
    numRuns: one && d.failed ? o.run! + d.numRuns : d.numRuns,
    numShrinks: d.numShrinks,
    seed: d.seed,
    path: d.counterexamplePath ?? null,
    commands,
    error: d.errorInstance,
    pair: last,
    replayPath: d.failed && d.counterexample ? (/replayPath="([^"]*)"/.exec(String(d.counterexample[0]))?.[1] ?? null) : null,
  };
}

/** The commands of a counterexample that actually ran (fast-check wraps each with `hasRan`). */
function executed(cmds: Iterable<unknown>): string[] {
  return [...cmds].filter((c) => (c as { hasRan?: boolean }).hasRan !== false).map((c) => String(c));
}
