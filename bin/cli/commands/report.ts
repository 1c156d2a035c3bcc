import { parseArgs } from "node:util";
import { mergeChaosReports } from "../../../reports/chaos/index.ts";
import type { Command } from "../registry.ts";

const HELP = `usage: cbh report merge DIR... --out DIR
Joins the reports of the N shards of one sweep ('cbh chaos run --shard I/N --report DIR', one
DIR per shard) into the report the unsharded run writes: chaos.md, chaos.html, chaos.junit.xml,
chaos.jsonl and the traces of failing runs. Every shard 1..N must be given once.
Exit 0 when every run passed, 1 when one failed (as 'cbh chaos run'), 2 on bad usage.`;

/** `cbh report merge DIR... --out DIR`. */
export const report: Command = {
  summary: "reports: `report merge DIR... --out DIR` joins shard reports (--shard I/N) into one",
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "--help" || sub === "-h") {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (sub !== "merge") throw usage(`expected 'merge'\n${HELP}`);
    const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { out: { type: "string" } } });
    if (!values.out) throw usage(`--out DIR is required\n${HELP}`);
    if (!positionals.length) throw usage(`give the shard report directories\n${HELP}`);
    const { files, runs, failed } = await mergeChaosReports(positionals, values.out);
    process.stdout.write(
      `merged ${positionals.length} shard report(s) into ${values.out} (${files.length} files): ${runs - failed} passed, ${failed} failed\n`,
    );
    return failed ? 1 : 0;
  },
};

function usage(msg: string): Error & { code: string } {
  return Object.assign(new Error(msg), { code: "usage" });
}
