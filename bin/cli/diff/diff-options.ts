import { parseCliArgs } from "../cli-args.ts";
import { RELEASE_PROBES } from "../../../lib/diff/index.ts";
import { RELEASE_NAMES, isRelease, type Release } from "../../../sim/cloud/index.ts";

export interface DiffCliOptions {
  cloud?: string;
  adminCloud?: string;
  bundled: boolean;
  /** The target is a `cbh serve`: its volume bytes through /sim/v1 (with the admin cloud's user). */
  targetSimApi: boolean;
  seeds: number[];
  /** `--probes`: the release probes (lib/diff/release-probes.ts) instead of generated sequences. */
  probes: boolean;
  steps?: number[];
  length?: number;
  release: Release;
  report?: string;
  shrink: boolean;
  json: boolean;
  timeoutMs: number;
  settleTimeoutMs: number;
  /** Sequences at once (`--jobs`, bundled cloud only: one project per lane, lanes.ts). */
  jobs: number;
}

export const DIFF_USAGE = `usage: cbh diff [--cloud NAME [--admin-cloud NAME] | --bundled] [--seeds A..B | N | A..B,N,…] [--release zed|epoxy|master] [--probes]
                [--length OPS] [--steps I,J,…] [--report DIR] [--no-shrink] [--json] [--target-sim-api]
                [--timeout-ms MS] [--settle-timeout S] [--jobs N]

--probes runs the release probes (lib/diff/release-probes.ts: what Zed and later releases answer
differently; --seeds picks probes by number) instead of generated sequences.
Runs seeded operation sequences (volumes, writes, snapshots, full/incremental/force/snapshot
backups, restores, deletes, reset-status, force-delete, export/import, quotas, list/quota/body
edges) on a fresh simulated cloud and on the target, and compares status, error message, final
statuses, fail_reason, quota usage and restored bytes step by step (docs/diff.md).
Target: --cloud NAME (clouds.yaml), the OS_* variables without it, or --bundled (the real cloud
of --release in containers: Zed 21.3.1, or Epoxy 26.0.0 with --release epoxy). --admin-cloud adds admin steps. --target-sim-api: the target is a cbh serve
(bytes through /sim/v1 as the admin-cloud user). --jobs N (with --bundled): N sequences at once,
each in its own project of the bundled cloud.
Exit 0: no unexplained divergence; 1: an unexplained divergence; 2: bad input, or the target
failed (unreachable, credentials, catalog, version, timeout: the message names cloud and step).
`;

export class DiffUsageError extends Error {
  readonly code = "usage";
}

/** `--seeds A..B` (inclusive), `--seeds N`, or a comma list of those (`1,4,10..12`). */
export function parseSeeds(text: string): number[] {
  const seeds = new Set<number>();
  for (const part of text.split(",")) {
    const m = /^(\d{1,9})(?:\.\.(\d{1,9}))?$/.exec(part.trim());
    if (!m) throw new DiffUsageError(`--seeds must be N, A..B or a comma list of those (non-negative integers), got '${text}'`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new DiffUsageError(`--seeds ${text}: the range ${part} is empty`);
    if (to - from + seeds.size >= 100_000) throw new DiffUsageError(`--seeds ${text}: at most 100000 seeds per run`);
    for (let s = from; s <= to; s++) seeds.add(s);
  }
  return [...seeds].sort((a, b) => a - b);
}

function int(name: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{1,9}$/.test(text) || Number(text) < min || Number(text) > max)
    throw new DiffUsageError(`${name} must be an integer from ${min} to ${max}, got '${text}'`);
  return Number(text);
}

/** `--probes`: every probe, or the ones `--seeds` names (1-based). */
function probeSeeds(text: string | undefined): number[] {
  const all = RELEASE_PROBES.map((_, i) => i + 1);
  if (text === undefined) return all;
  const seeds = parseSeeds(text);
  const bad = seeds.find((s) => !all.includes(s));
  if (bad !== undefined)
    throw new DiffUsageError(`--probes --seeds ${text}: there are ${all.length} probes (1..${all.length}), not ${bad}`);
  return seeds;
}

export function parseDiffArgs(argv: string[]): DiffCliOptions {
  let values;
  try {
    ({ values } = parseCliArgs("diff", {
      args: argv,
      strict: true,
      options: {
        cloud: { type: "string" },
        "admin-cloud": { type: "string" },
        bundled: { type: "boolean", default: false },
        "target-sim-api": { type: "boolean", default: false },
        seeds: { type: "string" },
        probes: { type: "boolean", default: false },
        steps: { type: "string" },
        length: { type: "string" },
        release: { type: "string", default: "zed" },
        report: { type: "string" },
        "no-shrink": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        "timeout-ms": { type: "string" },
        "settle-timeout": { type: "string" },
        jobs: { type: "string" },
      },
    }));
  } catch (e) {
    throw new DiffUsageError((e as Error).message);
  }
  if (values.bundled && values.cloud) throw new DiffUsageError("--bundled and --cloud are exclusive");
  const release = values.release;
  if (!isRelease(release)) throw new DiffUsageError(`--release must be ${RELEASE_NAMES.join(", ")}; got '${release}'`);
  // the bundled cloud is the real one of the same release (fixtures/images/cinder/RELEASES)
  if (values.bundled && release === "master")
    throw new DiffUsageError("--bundled --release master: the bundled cloud is built for zed and epoxy only (no image of cinder master)");
  if (values["target-sim-api"] && !values["admin-cloud"])
    throw new DiffUsageError("--target-sim-api needs --admin-cloud (the simulator API takes an admin token)");
  const jobs = int("--jobs", values.jobs, 1, 8) ?? 1;
  if (jobs > 1 && !values.bundled)
    throw new DiffUsageError(
      "--jobs needs --bundled (concurrent sequences each need their own project, which cbh diff makes only on the bundled cloud)",
    );
  const steps = values.steps?.split(",").map((s) => int("--steps", s, 0, 10_000) as number);
  const length = int("--length", values.length, 1, 200);
  return {
    ...(values.cloud ? { cloud: values.cloud } : {}),
    ...(values["admin-cloud"] ? { adminCloud: values["admin-cloud"] } : {}),
    bundled: values.bundled,
    targetSimApi: values["target-sim-api"],
    probes: values.probes,
    seeds: values.probes ? probeSeeds(values.seeds) : parseSeeds(values.seeds ?? "1..10"),
    ...(steps ? { steps } : {}),
    ...(length ? { length } : {}),
    release,
    ...(values.report ? { report: values.report } : {}),
    shrink: !values["no-shrink"],
    json: values.json,
    timeoutMs: int("--timeout-ms", values["timeout-ms"], 100, 3_600_000) ?? 30_000,
    settleTimeoutMs: (int("--settle-timeout", values["settle-timeout"], 1, 3600) ?? 180) * 1000,
    jobs,
  };
}

/** The command that replays one sequence (or its shrunk steps) against the same target. */
export function replayCommand(o: DiffCliOptions, seed: number, steps?: readonly number[]): string {
  const target = o.bundled ? ["--bundled"] : o.cloud ? ["--cloud", o.cloud] : [];
  const admin = o.adminCloud ? ["--admin-cloud", o.adminCloud] : [];
  return [
    "npx cbh diff",
    ...target,
    ...admin,
    ...(o.targetSimApi ? ["--target-sim-api"] : []),
    "--release",
    o.release,
    ...(o.probes ? ["--probes"] : []),
    "--seeds",
    String(seed),
    ...(o.length ? ["--length", String(o.length)] : []),
    ...(steps ? ["--steps", steps.join(",")] : []),
  ].join(" ");
}
