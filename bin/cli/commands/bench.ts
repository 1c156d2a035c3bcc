import { parseCliArgs } from "../cli-args.ts";
import type { Command } from "../registry.ts";
import { benchSim } from "./bench-sim.ts";
import { benchSparse } from "./bench-sparse.ts";

/**
 * `cbh bench sim [--cycles N] [--data-cycles N] [--warmup N]`: JSON with `cyclesPerSec`
 * (control-plane-only backup + restore cycles), `dataCyclesPerSec` (1 MiB volumes through the
 * reference driver), `eventsPerSec`, `simSecondsPerWallSecond` and the load average
 * (bench-sim.ts). One process, one core.
 */
export const bench: Command = {
  summary: "benchmarks: `bench sim` (simulator throughput), `bench sparse` (mostly-empty volume backups at real geometry); JSON",
  usage: `usage: cbh bench sim [--cycles N] [--data-cycles N] [--warmup N] [--seed N] | cbh bench sparse [--size-gb N]
bench sim prints JSON: cyclesPerSec (control-plane backup + restore cycles, default 5000, timed after
--warmup untimed cycles, default 1000; --warmup 0 is a cold figure), dataCyclesPerSec (1 MiB volumes
through the reference driver; 0 skips them), eventsPerSec, simSecondsPerWallSecond, the same per CPU-second, and
load1 (the 1-minute load average before and after). bench sparse times backups of mostly-empty
volumes at the real geometry.`,
  async run(argv) {
    const { values, positionals } = parseCliArgs("bench", {
      args: argv,
      allowPositionals: true,
      options: {
        cycles: { type: "string", default: "5000" },
        warmup: { type: "string", default: "1000" },
        "data-cycles": { type: "string", default: "300" },
        seed: { type: "string", default: "1" },
        "size-gb": { type: "string", default: "10" },
      },
    });
    const seed = Number(values.seed);
    if (positionals.length > 1)
      throw Object.assign(new Error(`unexpected argument '${positionals[1]}' (see cbh bench --help)`), { code: "usage" });
    if (positionals[0] === "sparse") {
      const gb = Number(values["size-gb"]);
      if (!Number.isSafeInteger(gb) || gb < 1 || gb > 1000)
        throw Object.assign(new Error(`--size-gb must be an integer from 1 to 1000, got '${values["size-gb"]}'`), { code: "usage" });
      process.stdout.write(`${JSON.stringify(await benchSparse(gb, seed), null, 2)}\n`);
      return 0;
    }
    if (positionals[0] !== "sim")
      throw Object.assign(new Error("usage: cbh bench sim [--cycles N] [--data-cycles N] | cbh bench sparse [--size-gb N]"), {
        code: "usage",
      });
    const count = (name: "cycles" | "data-cycles" | "warmup", min: number): number => {
      const v = Number(values[name]);
      if (!Number.isSafeInteger(v) || v < min || v > 10_000_000)
        throw Object.assign(new Error(`--${name} must be an integer from ${min} to 10000000, got '${values[name]}'`), { code: "usage" });
      return v;
    };
    const out = await benchSim({ seed, cycles: count("cycles", 1), dataCycles: count("data-cycles", 0), warmup: count("warmup", 0) });
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return 0;
  },
};
