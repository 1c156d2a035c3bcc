/** Sub-commands of `cbh`. Each lives in its own module; add new ones here. */
import { conformance } from "./commands/conformance.ts";
import { serve } from "./commands/serve.ts";
import { replay } from "./commands/replay.ts";
import { traceHash } from "./commands/trace-hash.ts";
import { bench } from "./commands/bench.ts";
import { store } from "./commands/store.ts";
import { chaos } from "./commands/chaos.ts";
export interface Command {
  summary: string;
  run(argv: string[]): Promise<number>;
}

export const commands: Record<string, Command> = {
  store,
  replay,
  "trace-hash": traceHash,
  bench,
  conformance,
  serve,
  chaos,
};
