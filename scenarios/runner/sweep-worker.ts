import { serveTasks } from "../../lib/jobs/index.ts";
import { sharedOutputMemo, type RawEntry } from "../../lib/format/index.ts";
import { loadScenario, type Scenario } from "../format/index.ts";
import { runSeed } from "./run-seed.ts";
import type { RunResult } from "./run-result.ts";
import type { SweepInit, SweepTask } from "./sweep-task.ts";

/**
 * A sweep worker thread (started by lib/jobs' ordered pool from this module precompiled into one
 * file, lib/jobs/worker-bundle.ts, or through tsx as bin/cbh.js loads it): runs the seeds it is
 * sent, replies with plain results. The main thread orders
 * them by plan position. The scenarios come with the pool's init (parsed once, in the main thread);
 * a file not among them is loaded here, once. The workers tell each other which chunks they found
 * incompressible (the memo's raw entries): a seed's runs mostly stay on one worker (the pool's
 * affinity), and when one moves, its new worker need not deflate those chunks again.
 */
let scenarios: Map<string, Promise<Scenario>> | null = null;

sharedOutputMemo.recordRawEntries();

serveTasks<SweepTask, RunResult, SweepInit, RawEntry[]>(
  async (t, init) => {
    scenarios ??= new Map(init.scenarios.map((s) => [s.file, Promise.resolve(s)]));
    let s = scenarios.get(t.file);
    if (!s) scenarios.set(t.file, (s = loadScenario(t.file)));
    return runSeed(await s, t.seed, t.release, t.checkDeterminism, t.geometry);
  },
  {
    take() {
      const found = sharedOutputMemo.takeRawEntries();
      return found.length ? found : undefined;
    },
    give(found) {
      sharedOutputMemo.addRawEntries(found);
    },
  },
);
