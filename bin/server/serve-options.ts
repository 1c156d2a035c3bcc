import type { Geometry } from "../../sim/cloud/geometry.ts";
import { RELEASE_NAMES, isRelease, type Release } from "../../sim/cloud/index.ts";

/** Options of `cbh serve`, parsed from argv (`--name value` or `--name=value`). */
export interface ServeOptions {
  host: string;
  port: number;
  seed: number;
  release: Release;
  topologyFile?: string;
  /** `--users FILE`: accounts replacing the fixed admin/admin and demo/demo. */
  usersFile?: string;
  /** Absent: settle after each request. */
  timeScale?: number;
  tokenTtlSeconds: number;
  /** Where cinder 21.3.1 itself crashes on bad input: `safe` answers 400, `faithful` its 500. */
  cinderCrashes: "safe" | "faithful";
  /** Print one line per request to stderr. */
  verbose: boolean;
  /** `real` (default): a 1 GB volume is 1 GiB of sparse device; `small`: 1 MiB, for speed. */
  geometry: Geometry;
  /** Store URL (as `cbh store` takes) the backup service writes into; absent: in memory. */
  backupStore?: string;
}

export class ServeUsageError extends Error {
  readonly code = "CBH_SERVE_USAGE";
  constructor(message: string) {
    super(message);
    this.name = "ServeUsageError";
  }
}

export const SERVE_USAGE = `usage: cbh serve [--port P] [--host 127.0.0.1] [--seed N] [--release zed|epoxy|master]
                 [--topology FILE] [--time-scale X] [--token-ttl S]
                 [--users FILE] [--cinder-crashes safe|faithful] [--geometry real|small]
                 [--backup-store URL] [--verbose]

  --port P         TCP port (default 8776; 0 picks a free one and prints it)
  --host H         address to bind (default 127.0.0.1; any other address warns about the credentials)
  --users FILE     accounts replacing admin/admin and demo/demo, one a line:
                   USER PASSWORD PROJECT ROLE (role admin, member or reader)
  --seed N         seed of the simulated cloud (default 1)
  --release R      cinder release profile: zed (21.x, default), epoxy (26.0.0) or master
  --topology FILE  YAML or JSON topology (zones, volume backends, backup hosts)
  --time-scale X   run virtual time at X × wall time instead of settling after each request
  --token-ttl S    Keystone token lifetime in seconds (default 3600)
  --cinder-crashes safe (default: 400 where cinder 21.3.1 answers a 500 on bad input) or faithful
  --geometry G     real (default): a 1 GB volume is 1 GiB of sparse fake device and the posix
                   driver writes 1999994880-byte objects, as cinder's; small: 1 MiB per GB and
                   256 KiB objects (faster when whole volumes are filled with data)
  --backup-store URL  where the backup service writes its objects, through the reference posix
                   driver: posix:DIR (cinder's posix layout, readable by cbh store and cinder's
                   posix driver), memory:, swift+http(s)://…, s3+http(s)://…, gcs+http(s)://…?project=P
                   (credentials from the URL or CBH_STORE_USER / CBH_STORE_KEY); default: in memory
  --verbose        log each request to stderr
`;

const VALUED = new Set([
  "--port",
  "--host",
  "--seed",
  "--release",
  "--topology",
  "--users",
  "--time-scale",
  "--token-ttl",
  "--cinder-crashes",
  "--geometry",
  "--backup-store",
]);

function integer(flag: string, text: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text) || Number(text) < min || Number(text) > max)
    throw new ServeUsageError(`${flag} must be an integer from ${min} to ${max}, got '${text}'`);
  return Number(text);
}

export function parseServeArgs(argv: string[]): ServeOptions {
  const opts: ServeOptions = {
    host: "127.0.0.1",
    port: 8776,
    seed: 1,
    release: "zed",
    tokenTtlSeconds: 3600,
    cinderCrashes: "safe",
    verbose: false,
    geometry: "real",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const eq = arg.indexOf("=");
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === "--verbose" && eq < 0) {
      opts.verbose = true;
      continue;
    }
    if (flag === "--verbose") throw new ServeUsageError("--verbose takes no value");
    if (!VALUED.has(flag))
      throw new ServeUsageError(
        flag.startsWith("-") ? `unknown option ${flag} (see cbh serve --help)` : `unexpected argument '${arg}' (see cbh serve --help)`,
      );
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    // `--port --seed 3`: the value is missing, not '--seed'.
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new ServeUsageError(`${flag} needs a value`);
    switch (flag) {
      case "--port":
        opts.port = integer(flag, value, 0, 65535);
        break;
      case "--host":
        if (!/^[A-Za-z0-9.:-]{1,253}$/.test(value)) throw new ServeUsageError(`--host must be an address or host name, got '${value}'`);
        opts.host = value;
        break;
      case "--seed":
        opts.seed = integer(flag, value, 0, 2 ** 32 - 1);
        break;
      case "--release":
        if (!isRelease(value)) throw new ServeUsageError(`--release must be ${RELEASE_NAMES.join(", ")}; got '${value}'`);
        opts.release = value;
        break;
      case "--topology":
        opts.topologyFile = value;
        break;
      case "--users":
        opts.usersFile = value;
        break;
      case "--time-scale": {
        const x = Number(value);
        if (value.trim() === "" || !Number.isFinite(x) || x <= 0 || x > 1_000_000)
          throw new ServeUsageError(`--time-scale must be a number above 0 and at most 1000000, got '${value}'`);
        opts.timeScale = x;
        break;
      }
      case "--token-ttl":
        opts.tokenTtlSeconds = integer(flag, value, 1, 30 * 24 * 3600);
        break;
      case "--cinder-crashes":
        if (value !== "safe" && value !== "faithful")
          throw new ServeUsageError(`--cinder-crashes must be safe or faithful, got '${value}'`);
        opts.cinderCrashes = value;
        break;
      case "--geometry":
        if (value !== "real" && value !== "small") throw new ServeUsageError(`--geometry must be real or small, got '${value}'`);
        opts.geometry = value;
        break;
      case "--backup-store":
        if (value.startsWith("rbd:"))
          throw new ServeUsageError(
            "--backup-store takes a chunked object store (posix:DIR, memory:, swift+…, s3+…, gcs+…); rbd: is the Ceph driver's layout",
          );
        if (!/^(posix:|memory:|(swift|s3|gcs)\+https?:\/\/)/.test(value))
          throw new ServeUsageError(
            `--backup-store must be a store URL (posix:DIR, memory:, swift+http(s)://…, s3+http(s)://…, gcs+http(s)://…), got '${value.replace(/\/\/[^/@]*@/, "//***@")}'`,
          );
        opts.backupStore = value;
        break;
    }
  }
  return opts;
}
