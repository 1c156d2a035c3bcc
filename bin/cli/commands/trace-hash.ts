import { createHash } from "node:crypto";
import { canonicalLine } from "../../../sim/core/trace-recorder.ts";
import { RELEASE_NAMES, isRelease } from "../../../sim/cloud/index.ts";
import { WORKFLOWS, runWorkflow } from "../../../sim/workflows/index.ts";
import { parseCliArgs } from "../cli-args.ts";
import type { Command } from "../registry.ts";

/**
 * `cbh trace-hash [--seed N] [--release R]`: sha256 of the canonical trace of the standard
 * history (every workflow, with data) for a seed. Same seed ⇒ same hash, on every machine.
 */
export const traceHash: Command = {
  summary: "print the sha256 of the standard history's canonical trace for a seed",
  usage: `usage: cbh trace-hash [--seed N] [--release zed|epoxy|master]
Prints each workflow's trace hash, then the sha256 of the whole standard history (last line):
the same seed gives the same hash on every machine.`,
  async run(argv) {
    const { values } = parseCliArgs("trace-hash", {
      args: argv,
      options: { seed: { type: "string", default: "1" }, release: { type: "string", default: "zed" } },
    });
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed)) throw Object.assign(new Error(`--seed must be an integer, got '${values.seed}'`), { code: "usage" });
    const release = values.release;
    if (!isRelease(release))
      throw Object.assign(new Error(`--release must be ${RELEASE_NAMES.join(", ")}; got '${release}'`), { code: "usage" });
    const h = createHash("sha256");
    for (const wf of WORKFLOWS) {
      const r = await runWorkflow(wf, seed, release, { geometry: "small" }); // the canonical history is recorded at small geometry
      process.stdout.write(`${r.id.padEnd(20)} ${r.traceHash}\n`);
      h.update(`# ${r.id}\n`);
      for (const e of r.trace) h.update(`${canonicalLine(e)}\n`);
    }
    process.stdout.write(`${h.digest("hex")}\n`);
    return 0;
  },
};
