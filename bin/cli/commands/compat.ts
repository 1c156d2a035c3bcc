import { COMPAT_CASES } from "../../../conformance/compat/compat-cases.ts";
import { compatPassed } from "../../../conformance/compat/compat-matrix.ts";
import { runCompat } from "../../../conformance/compat/run-compat.ts";
import { compatFileReporters, compatProgressReporter } from "../../../reports/compat/index.ts";
import { prepareReportDir } from "../report-dir.ts";
import type { Command } from "../registry.ts";
import { COMPAT_USAGE, parseCompatArgs } from "./compat-args.ts";

export const compat: Command = {
  summary: "backup compatibility across a cinder upgrade: one release's real driver writes, the other's restores and deletes",
  async run(argv) {
    const p = parseCompatArgs(argv);
    if (p.kind === "help") {
      process.stdout.write(COMPAT_USAGE);
      return 0;
    }
    if (p.kind === "list") {
      for (const c of COMPAT_CASES) process.stdout.write(`${c.id.padEnd(20)} ${c.title}\n`);
      return 0;
    }
    if (p.kind === "error") {
      process.stderr.write(`cbh compat: ${p.message}\n${p.brief ? "" : COMPAT_USAGE}`);
      return 2;
    }
    const a = p.args;
    if (a.report) prepareReportDir("compat", a.report);
    let summary;
    try {
      summary = await runCompat({
        drivers: a.drivers,
        from: a.from,
        to: a.to,
        cases: a.cases,
        directions: a.directions,
        seed: a.seed,
        ...(a.timeoutMs ? { timeoutMs: a.timeoutMs } : {}),
        images: a.images,
        reporters: [compatProgressReporter(undefined, !a.quiet), ...(a.report ? compatFileReporters(a.report) : [])],
      });
    } catch (e) {
      if ((e as { code?: string }).code !== "CBH_DRIVER_LOAD") throw e;
      process.stderr.write(`cbh compat: [CBH_DRIVER_LOAD] ${(e as Error).message}\n`);
      return 2;
    }
    if (a.report) process.stdout.write(`reports written to ${a.report}/compat.{junit.xml,jsonl,md,html}\n`);
    return compatPassed(summary) ? 0 : 1;
  },
};
