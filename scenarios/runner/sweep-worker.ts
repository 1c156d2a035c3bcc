import { parentPort } from "node:worker_threads";
import { loadScenario, type Scenario } from "../format/index.ts";
import { runSeed } from "./run-seed.ts";
import type { SweepReply, SweepTask } from "./sweep-task.ts";

/**
 * A sweep worker thread (started through sweep-worker.mjs, which loads TypeScript with tsx as
 * bin/cbh.js does): loads each scenario file once, runs the seeds it is sent, replies with plain
 * results. The main thread orders them by plan position.
 */
const port = parentPort;
if (!port) throw new Error("sweep-worker.ts runs as a worker thread (see sweep-pool.ts)");
const scenarios = new Map<string, Promise<Scenario>>();

port.on("message", (t: SweepTask) => {
  void handle(t).then((reply) => port.postMessage(reply));
});

async function handle(t: SweepTask): Promise<SweepReply> {
  try {
    let s = scenarios.get(t.file);
    if (!s) scenarios.set(t.file, (s = loadScenario(t.file)));
    return { slot: t.slot, result: await runSeed(await s, t.seed, t.release, t.checkDeterminism, t.geometry) };
  } catch (e) {
    const err = e as Error & { code?: unknown };
    return { slot: t.slot, error: { message: err.message, ...(typeof err.code === "string" ? { code: err.code } : {}) } };
  }
}
