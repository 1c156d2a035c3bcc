import { existsSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { CHAOS_META_FILE, mergeChaosReports } from "../../../reports/chaos/index.ts";
import { combineConformanceReports, CONFORMANCE_RECORD_FILE, mergeConformanceReports } from "../../../reports/conformance/index.ts";
import { parseCliArgs } from "../cli-args.ts";
import type { Command } from "../registry.ts";

const HELP = `usage: cbh report merge DIR... --out DIR
       cbh report combine DIR... --out DIR
merge joins the reports of the N shards of one run (one DIR per shard) into the report the unsharded
run writes. 'cbh chaos run --shard I/N --report DIR': chaos.md, chaos.html, chaos.junit.xml,
chaos.jsonl and the traces of failing runs. 'cbh conformance --shard I/N --report DIR':
conformance.md, conformance.html, conformance.junit.xml, conformance.jsonl. Every shard 1..N must
be given once. combine joins 'cbh conformance --report DIR' reports of separate runs over different
drivers (each real driver, the canaries) into one drivers × rules matrix; a driver and rule with a
result in two of them is an error. Exit status as the command that wrote them: 0 when everything
passed, 1 when a run or rule failed; 2 on bad usage.`;

/** `cbh report merge DIR... --out DIR`. */
export const report: Command = {
  summary: "reports: `report merge DIR... --out DIR` joins shard reports (--shard I/N); `report combine` joins runs into one matrix",
  async run(argv) {
    const [sub, ...rest] = argv;
    if (sub === "--help" || sub === "-h") {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (sub !== "merge" && sub !== "combine") throw usage(`expected 'merge' or 'combine'\n${HELP}`);
    const { values, positionals } = parseCliArgs("report", { args: rest, allowPositionals: true, options: { out: { type: "string" } } });
    if (!values.out) throw usage(`--out DIR is required\n${HELP}`);
    if (!positionals.length) throw usage(`give the report directories\n${HELP}`);
    // Writing the result over an input would replace that shard's (or run's) own report and record.
    const same = positionals.find((d) => samePath(d, values.out!));
    if (same !== undefined)
      throw usage(
        `--out ${values.out} is one of the report directories (${same}): writing there would overwrite its report; give a new directory`,
      );
    if (sub === "combine") {
      const { summary, passed } = await combineConformanceReports(positionals, values.out);
      const failed = summary.results.filter((r) => r.outcome === "FAIL" && !r.knownFailure).length;
      process.stdout.write(
        `combined ${positionals.length} run report(s) into ${values.out}: ${summary.info.drivers.length} drivers, ${summary.results.length} rule results, ${failed} failed${summary.canaries.length ? ` (${summary.canaries.filter((c) => c.caught).length}/${summary.canaries.length} canaries caught)` : ""}\n`,
      );
      return passed ? 0 : 1;
    }
    const family = (d: string) =>
      existsSync(join(d, CHAOS_META_FILE)) ? "chaos" : existsSync(join(d, CONFORMANCE_RECORD_FILE)) ? "conformance" : "";
    const notReport = positionals.find((d) => !family(d));
    if (notReport !== undefined)
      throw usage(
        `${notReport} is not a shard report: it holds neither ${CHAOS_META_FILE} ('cbh chaos run --shard I/N --report DIR') nor ${CONFORMANCE_RECORD_FILE} ('cbh conformance --shard I/N --report DIR')`,
      );
    const families = new Set(positionals.map(family).filter(Boolean));
    if (families.size > 1) throw usage(`the directories hold reports of different commands (chaos and conformance)`);
    if (families.has("conformance")) {
      const { summary, passed } = await mergeConformanceReports(positionals, values.out);
      const failed = summary.results.filter((r) => r.outcome === "FAIL").length;
      process.stdout.write(
        `merged ${positionals.length} shard report(s) into ${values.out}: ${summary.results.length} rule results, ${failed} failed\n`,
      );
      return passed ? 0 : 1;
    }
    const { files, runs, failed } = await mergeChaosReports(positionals, values.out);
    process.stdout.write(
      `merged ${positionals.length} shard report(s) into ${values.out} (${files.length} files): ${runs - failed} passed, ${failed} failed\n`,
    );
    return failed ? 1 : 0;
  },
};

/** The same directory, through symlinks and `./` spellings; a path that does not exist yet is compared as written. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

function usage(msg: string): Error & { code: string } {
  return Object.assign(new Error(msg), { code: "usage" });
}
