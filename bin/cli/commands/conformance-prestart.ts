import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { isProtocolDriver } from "../../../conformance/drivers/protocol-kind.ts";
import { SUITE_WORKER } from "../../../conformance/runner/suite-worker-url.ts";
import { prestartWorkers } from "../../../lib/jobs/index.ts";
import { parseJobs } from "./placement-options.ts";

/**
 * Before `cbh conformance` loads the suite: when its arguments ask for a pool of worker threads,
 * starts its workers now, so that they load the suite while this thread does (lib/jobs/prestart.ts).
 * Returns how many it started.
 */
export function prestartConformance(argv: readonly string[]): number {
  const n = conformanceWorkers(argv);
  prestartWorkers(SUITE_WORKER, n);
  return n;
}

/**
 * The worker threads `cbh conformance ARGV` will want: `--jobs N` (by default the number of CPUs)
 * minus this thread, at most PRESTART_MAX, with TypeScript drivers only (with cinder:/python:/exec: drivers `--jobs` runs
 * driver lanes in this thread), and 0 for a run of one unit (`--replay`) or none (`--list`,
 * `--help`). Only a guess from the arguments, never an error: the command parses them for real, and
 * a worker it does not use (fewer units than threads, bad usage) is ended unused.
 */
export function conformanceWorkers(argv: readonly string[]): number {
  let v;
  try {
    v = parseArgs({
      args: [...argv],
      strict: false,
      allowPositionals: true,
      options: {
        driver: { type: "string", multiple: true },
        jobs: { type: "string" },
        replay: { type: "string" },
        list: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        "python-canaries": { type: "boolean" },
      },
    }).values;
  } catch {
    return 0;
  }
  if (v.help || v.list || v.replay !== undefined || v["python-canaries"]) return 0;
  const drivers = (v.driver ?? []) as Array<string | boolean>;
  if (drivers.some((d) => typeof d !== "string" || isProtocolDriver(d))) return 0;
  try {
    const jobs = typeof v.jobs === "string" ? parseJobs(v.jobs) : v.jobs === undefined ? availableParallelism() : 1;
    return Math.min(jobs - 1, PRESTART_MAX);
  } catch {
    return 0;
  }
}

/**
 * At most this many are started early: a selection may have fewer units than a large machine has
 * CPUs (`--rules 'delete.*'` is 4 units), and each worker that loads the suite for nothing costs
 * ≈ 0.6 CPU-s and its heap. The pool starts the rest once it knows the units.
 */
export const PRESTART_MAX = 3;
