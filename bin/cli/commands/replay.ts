import { RELEASE_NAMES, isRelease } from "../../../sim/cloud/index.ts";
import { canonicalFields } from "../../../sim/core/trace-recorder.ts";
import { WORKFLOWS, runWorkflow, type WorkflowResult } from "../../../sim/workflows/index.ts";
import { parseCliArgs } from "../cli-args.ts";
import { prepareReportDir } from "../report-dir.ts";
import type { Command } from "../registry.ts";
import { formatEntry, writeReplayReport } from "../../../reports/replay/index.ts";

/**
 * `cbh replay [WORKFLOW|all] [--seed N] [--release zed|epoxy|master|zed,epoxy,…] [--geometry small|real] [--json] [--report DIR]`.
 * Geometry `real` (default, as `cbh serve`): 1 GiB-per-GB sparse devices holding a few extents of
 * data and 1999994880-byte posix objects, a few seconds per workflow; `small` (1 MiB per GB, 256 KiB
 * objects, whole devices filled) is the explicit fast option `npm start` uses.
 * `cbh replay [WORKFLOW|all] --cloud NAME|envvars [--admin-cloud NAME] | --bundled` (real cloud, replay-remote.ts).
 */
export const replay: Command = {
  summary: "replay the guide's documented workflows on the simulated cloud, step by step",
  usage: `usage: cbh replay [WORKFLOW|all] [--seed N] [--release zed|epoxy|master|zed,epoxy,master] [--geometry real|small] [--json] [--report DIR] [--quiet]
Replays the guide's documented workflows on a fresh simulated cloud each and prints every step,
then a verdict; exit 1 when a workflow deviates from cinder's documented outcome.
       cbh replay [WORKFLOW|all] --cloud NAME|envvars [--admin-cloud NAME] [--data-path direct|image] [--seed N] [--json]
       cbh replay [WORKFLOW|all] --bundled [--data-path direct|image]
The same workflows over REST against a cloud (clouds.yaml NAME, or the OS_* variables), or the
bundled real Zed cloud; a workflow the target cannot run is NOT APPLICABLE with the reason.
--report, --geometry and --quiet belong to the simulated replay: refused (exit 2) with --cloud or --bundled.
Exit 0: every run workflow passed; 1: a failure; 3: nothing ran.
Workflows: ${WORKFLOWS.map((w) => w.id).join(", ")}`,
  async run(argv) {
    const { values, positionals } = parseCliArgs("replay", {
      args: argv,
      allowPositionals: true,
      options: {
        cloud: { type: "string" },
        "admin-cloud": { type: "string" },
        bundled: { type: "boolean", default: false },
        "data-path": { type: "string" },
        seed: { type: "string", default: "1" },
        release: { type: "string", default: "zed" },
        json: { type: "boolean", default: false },
        report: { type: "string" },
        quiet: { type: "boolean", default: false },
        geometry: { type: "string" },
      },
    });
    if (positionals.length > 1) throw usage(`give one workflow (or all), got ${positionals.length}: ${positionals.join(" ")}`);
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed)) throw usage(`--seed must be an integer, got '${values.seed}'`);
    if (values.cloud !== undefined || values.bundled) {
      // options of the simulated replay only: refused rather than silently ignored
      const simOnly = [values.report !== undefined && "--report", values.geometry !== undefined && "--geometry", values.quiet && "--quiet"];
      const given = simOnly.filter((f): f is string => typeof f === "string");
      if (given.length)
        throw usage(
          `${given.join(", ")} ${given.length > 1 ? "apply" : "applies"} to the simulated replay only, not with ${values.bundled ? "--bundled" : "--cloud"} (the real cloud's geometry is its own; use --json for a machine-readable record)`,
        );
      const dataPath = values["data-path"];
      if (dataPath !== undefined && dataPath !== "direct" && dataPath !== "image")
        throw usage(`--data-path must be direct or image, got '${dataPath}'`);
      const { replayRemote } = await import("./replay-remote.ts");
      const { parseCloudRelease } = await import("../../../lib/backends/index.ts");
      if (values.cloud !== undefined && values.release !== "zed")
        throw usage("--release picks the bundled cloud's release; a --cloud target is whatever release it runs");
      return replayRemote({
        which: positionals[0] ?? "all",
        seed,
        json: values.json,
        cloud: values.cloud,
        adminCloud: values["admin-cloud"],
        bundled: values.bundled,
        release: parseCloudRelease(values.release),
        ...(dataPath ? { dataPath } : {}),
      });
    }
    const releases = values.release.split(",").map((r) => r.trim());
    for (const r of releases)
      if (!isRelease(r)) throw usage(`--release must be ${RELEASE_NAMES.join(", ")} or a comma list of them; got '${r}'`);
    const geometry = values.geometry ?? "real";
    if (geometry !== "small" && geometry !== "real") throw usage(`--geometry must be small or real, got '${geometry}'`);
    const which = positionals[0] ?? "all";
    const selected = which === "all" ? WORKFLOWS : WORKFLOWS.filter((w) => w.id === which);
    if (!selected.length) throw usage(`unknown workflow '${which}'; one of: all, ${WORKFLOWS.map((w) => w.id).join(", ")}`);
    if (values.report) prepareReportDir("replay", values.report);
    const results: WorkflowResult[] = [];
    for (const release of releases.filter(isRelease)) {
      for (const wf of selected) {
        const r = await runWorkflow(wf, seed, release, { geometry });
        results.push(r);
        if (values.json) {
          for (const e of r.trace) process.stdout.write(`${JSON.stringify({ workflow: r.id, release, ...canonicalFields(e) })}\n`);
          process.stdout.write(
            `${JSON.stringify({ workflow: r.id, release, seed, geometry, verdict: r.ok ? "PASS" : "FAIL", checks: r.checks, deviations: r.deviations, traceHash: r.traceHash, ...(r.error ? { error: r.error } : {}) })}\n`,
          );
        } else {
          process.stdout.write(`\n== ${r.id} (${release}, seed ${seed}) — ${r.title} [guide ${r.guide}]\n`);
          if (!values.quiet) for (const e of r.trace) process.stdout.write(`${formatEntry(e)}\n`);
          for (const d of r.deviations)
            process.stdout.write(`  DEVIATION ${d.check}: expected ${JSON.stringify(d.expected)}, got ${JSON.stringify(d.actual)}\n`);
          if (r.error) process.stdout.write(`  ERROR ${r.error}\n`);
          process.stdout.write(
            `  verdict: ${r.ok ? "PASS" : "FAIL"} (${r.checks} checks)${r.ok ? "" : `  replay: npx cbh replay ${r.id} --seed ${seed} --release ${release} --geometry ${geometry}`}\n`,
          );
        }
      }
    }
    const failed = results.filter((r) => !r.ok);
    if (values.report) {
      const file = await writeReplayReport(values.report, results, seed);
      process.stderr.write(`report: ${file}\n`);
    }
    if (!values.json) process.stdout.write(`\n${results.length - failed.length} passed, ${failed.length} failed\n`);
    return failed.length ? 1 : 0;
  },
};

function usage(msg: string): Error & { code: string } {
  return Object.assign(new Error(msg), { code: "usage" });
}
