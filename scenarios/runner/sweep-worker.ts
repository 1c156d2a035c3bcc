import { serveTasks } from "../../lib/jobs/index.ts";
import { loadScenario, type Scenario } from "../format/index.ts";
import { runSeed } from "./run-seed.ts";
import type { RunResult } from "./run-result.ts";
import type { SweepTask } from "./sweep-task.ts";

/**
 * A sweep worker thread (started by lib/jobs' ordered pool, which loads TypeScript with tsx as
 * bin/cbh.js does): loads each scenario file once, runs the seeds it is sent, replies with plain
 * results. The main thread orders them by plan position.
 */
const scenarios = new Map<string, Promise<Scenario>>();

serveTasks<SweepTask, RunResult>(async (t) => {
  let s = scenarios.get(t.file);
  if (!s) scenarios.set(t.file, (s = loadScenario(t.file)));
  return runSeed(await s, t.seed, t.release, t.checkDeterminism, t.geometry);
});
