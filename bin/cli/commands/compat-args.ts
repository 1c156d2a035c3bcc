import { parseCliArgs } from "../cli-args.ts";
import { selectCases, type CompatCase } from "../../../conformance/compat/compat-cases.ts";
import { DIRECTIONS, type Direction } from "../../../conformance/compat/compat-matrix.ts";
import { COMPAT_RELEASES, isCompatRelease, type CompatRelease } from "../../../conformance/compat/release-image.ts";
import { protocolDriverSpec } from "../../../conformance/drivers/driver-specs.ts";

export const COMPAT_USAGE = `usage: cbh compat --from RELEASE --to RELEASE [--driver posix|swift|s3|gcs|ceph|nfs]...
                  [--direction upgrade|downgrade|both] [--case ID]... [--from-image NAME] [--to-image NAME]
                  [--seed N] [--timeout MS] [--report DIR] [--quiet] [--list]
Backup compatibility across a cinder upgrade, with each release's real driver (releases: ${COMPAT_RELEASES.join(", ")};
--from the older one). upgrade: --from writes (full, incremental chain, each compression, sparse,
volume metadata, exported records), --to restores byte-exact, imports the records and deletes until the
store is empty; downgrade: the reverse. Default: --driver posix, --direction both, every case.
Each release's driver runs in a container of its drivers image (built by scripts/ci/docker-up.sh);
--from-image/--to-image run an image of yours instead (not checked against this checkout's shim).
--report DIR writes the matrix (driver × direction × case) to DIR/compat.{junit.xml,jsonl,md,html}.
Exit 0 when no case fails, 1 when one does, 2 on bad usage or a driver/image that cannot load.
`;

export interface CompatArgs {
  from: CompatRelease;
  to: CompatRelease;
  drivers: string[];
  directions: Direction[];
  cases: CompatCase[];
  seed: number;
  timeoutMs?: number;
  images: { from?: string; to?: string };
  report?: string;
  quiet: boolean;
}

export type ParsedCompatArgs =
  { kind: "help" } | { kind: "list" } | { kind: "run"; args: CompatArgs } | { kind: "error"; message: string; brief?: true };

/** `cbh compat` arguments → what to run; every bad input is an error message (exit 2), never a throw. */
export function parseCompatArgs(argv: string[]): ParsedCompatArgs {
  let v;
  try {
    v = parseCliArgs("compat", {
      args: argv,
      allowPositionals: false,
      strict: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        driver: { type: "string", multiple: true },
        direction: { type: "string", default: "both" },
        case: { type: "string", multiple: true },
        "from-image": { type: "string" },
        "to-image": { type: "string" },
        seed: { type: "string", default: "1" },
        timeout: { type: "string" },
        report: { type: "string" },
        quiet: { type: "boolean", default: false },
        list: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    // An unknown option or a missing value: one line that already points to --help.
    return { kind: "error", message: (e as Error).message, brief: true };
  }
  if (v.help) return { kind: "help" };
  if (v.list) return { kind: "list" };
  const err = (message: string): ParsedCompatArgs => ({ kind: "error", message });
  if (v.from === undefined || v.to === undefined) return err("--from and --to are required (e.g. --from zed --to epoxy)");
  for (const [flag, r] of [
    ["--from", v.from],
    ["--to", v.to],
  ] as const)
    if (!isCompatRelease(r)) return err(`${flag}: unknown cinder release '${r}' (known: ${COMPAT_RELEASES.join(", ")})`);
  const from = v.from as CompatRelease,
    to = v.to as CompatRelease;
  if (COMPAT_RELEASES.indexOf(from) > COMPAT_RELEASES.indexOf(to))
    return err(
      `--from ${from} is newer than --to ${to}: give the older release as --from (${from} → ${to} is the downgrade direction of --from ${to} --to ${from})`,
    );
  const drivers = (v.driver?.length ? v.driver : ["posix"]).map((d) => d.replace(/^cinder:/, ""));
  for (const d of drivers) {
    try {
      protocolDriverSpec(`cinder:${d}`);
    } catch (e) {
      return err(`--driver ${d}: ${(e as Error).message.replace(/^bad-spec: /, "")}`);
    }
  }
  if (new Set(drivers).size !== drivers.length) return err("--driver: each driver once");
  const directions: Direction[] =
    v.direction === "both" ? [...DIRECTIONS] : (DIRECTIONS as readonly string[]).includes(v.direction) ? [v.direction as Direction] : [];
  if (!directions.length) return err(`--direction must be upgrade, downgrade or both, got '${v.direction}'`);
  let cases: CompatCase[];
  try {
    cases = selectCases(v.case);
  } catch (e) {
    return err(`--case: ${(e as Error).message}`);
  }
  const seed = Number(v.seed);
  if (!Number.isSafeInteger(seed) || seed < 0) return err(`--seed must be a non-negative integer, got '${v.seed}'`);
  const timeoutMs = v.timeout === undefined ? undefined : Number(v.timeout);
  if (timeoutMs !== undefined && !(Number.isSafeInteger(timeoutMs) && timeoutMs > 0))
    return err(`--timeout must be a positive number of ms, got '${v.timeout}'`);
  for (const flag of ["from-image", "to-image"] as const)
    if (v[flag] !== undefined && !v[flag].trim()) return err(`--${flag} needs an image name`);
  return {
    kind: "run",
    args: {
      from,
      to,
      drivers,
      directions,
      cases,
      seed,
      ...(timeoutMs ? { timeoutMs } : {}),
      images: { ...(v["from-image"] ? { from: v["from-image"] } : {}), ...(v["to-image"] ? { to: v["to-image"] } : {}) },
      ...(v.report ? { report: v.report } : {}),
      quiet: v.quiet,
    },
  };
}
