import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { DriverLoadError } from "../driver/module-driver.ts";
import type { CinderOptions, ProtocolDriverSpec } from "./protocol/protocol-driver-under-test.ts";
import { hostPython, shimPythonPath } from "./python-runtime.ts";
import { IMAGE_SHIM_DIR } from "./runtime/container-command.ts";
import { CINDER_RELEASES, DEFAULT_CINDER_RELEASE, driverImageFor, isCinderRelease, type CinderRelease } from "./runtime/cinder-release.ts";

/** cinder's in-tree backup drivers by `cinder:NAME` (the `backup_driver` class paths). */
export const CINDER_DRIVERS: Readonly<Record<string, string>> = {
  posix: "cinder.backup.drivers.posix.PosixBackupDriver",
  nfs: "cinder.backup.drivers.nfs.NFSBackupDriver",
  swift: "cinder.backup.drivers.swift.SwiftBackupDriver",
  s3: "cinder.backup.drivers.s3.S3BackupDriver",
  gcs: "cinder.backup.drivers.gcs.GoogleBackupDriver",
  ceph: "cinder.backup.drivers.ceph.CephBackupDriver",
};

/** Backends this build can run protocol drivers against. */
export const PROTOCOL_BACKENDS = ["posix", "nfs", "swift", "s3", "gcs", "ceph", "radosgw-swift"] as const;

/** `cinder:NAME@TARGET`: a driver against a second service of its kind → that backend. */
export const CINDER_TARGETS: Readonly<Record<string, (typeof PROTOCOL_BACKENDS)[number]>> = {
  "swift@radosgw": "radosgw-swift", // Zed's SwiftBackupDriver against radosgw's Swift API (v1 auth)
};

export interface ProtocolFlags {
  /** `--driver-path DIR` (repeatable): on PYTHONPATH for `python:` classes. */
  driverPaths?: readonly string[];
  /** `--driver-opt key=value` (repeatable). */
  driverOpts?: readonly string[];
  /** `--driver-config FILE`: a cinder.conf `[DEFAULT]` section. */
  driverConfig?: string;
  /** `--backend` for `python:` and `exec:` drivers. */
  backend?: string;
  timeoutMs?: number;
  /**
   * `--driver-runtime`: `container` (the default) runs the shim in the drivers image,
   * `host` with the host's interpreter. `exec:` commands always run on the host.
   */
  runtime?: DriverRuntime;
  /** `--driver-image NAME`: a user's image with the shim in /opt/cbh (default the drivers image). */
  image?: string;
  /** `--list-page-size N`: names per objects.list page of the GCS backend (1..1000). */
  listPageSize?: number;
}

export const DRIVER_RUNTIMES = ["container", "host"] as const;
export type DriverRuntime = (typeof DRIVER_RUNTIMES)[number];

export { isProtocolDriver } from "./protocol-kind.ts";

/**
 * `cinder:NAME[@TARGET][@RELEASE]` / `python:MODULE.Class[@RELEASE]` → the spec without the
 * release, and the release (`@zed`, `@epoxy`; absent: null). `exec:` commands keep their text.
 */
export function splitRelease(spec: string): { spec: string; release: CinderRelease | null } {
  if (!/^(cinder|python):/.test(spec)) return { spec, release: null };
  const at = spec.lastIndexOf("@");
  const tail = at < 0 ? "" : spec.slice(at + 1);
  if (at < 0 || !isCinderRelease(tail)) return { spec, release: null };
  return { spec: spec.slice(0, at), release: tail };
}

/** `--driver cinder:NAME[@RELEASE] | python:MODULE.Class[@RELEASE] | exec:CMD` → how to start it. */
export function protocolDriverSpec(given: string, flags: ProtocolFlags = {}): ProtocolDriverSpec {
  const { spec, release: asked } = splitRelease(given);
  const colon = spec.indexOf(":");
  const kind = spec.slice(0, colon),
    arg = spec.slice(colon + 1);
  if (kind === "python" && arg.includes("@"))
    throw new DriverLoadError("bad-spec", `unknown release in '${given}': releases are ${CINDER_RELEASES.map((r) => `@${r}`).join(", ")}`);
  // cinder:NAME runs that release's driver (zed by default); a python: class the release's image
  // and cinder only when asked (`@epoxy`), the describe answer checks which cinder it really is.
  const release: CinderRelease | null = asked ?? (kind === "cinder" ? DEFAULT_CINDER_RELEASE : null);
  const options = { ...(flags.driverConfig ? readDriverConfig(flags.driverConfig) : {}), ...parseDriverOpts(flags.driverOpts ?? []) };
  const common = {
    id: given,
    options,
    ...(flags.timeoutMs ? { timeoutMs: flags.timeoutMs } : {}),
    ...(release ? { release } : {}),
  };
  const name = kind === "cinder" ? arg.split("@")[0]! : arg;
  if (kind === "cinder" && (!CINDER_DRIVERS[name] || (arg.includes("@") && !CINDER_TARGETS[arg])))
    throw new DriverLoadError(
      "bad-spec",
      `unknown driver '${given}': cinder drivers are ${[...Object.keys(CINDER_DRIVERS), ...Object.keys(CINDER_TARGETS)]
        .map((k) => `cinder:${k}`)
        .join(", ")}, each optionally @RELEASE (${CINDER_RELEASES.join(", ")}; default @${DEFAULT_CINDER_RELEASE})`,
    );
  const backend = kind === "cinder" ? (CINDER_TARGETS[arg] ?? arg) : (flags.backend ?? "posix");
  if (!(PROTOCOL_BACKENDS as readonly string[]).includes(backend === "memory" ? "posix" : backend)) {
    throw new DriverLoadError(
      "bad-spec",
      `driver ${given}: backend '${backend}' is not available for protocol drivers in this build (available: ${PROTOCOL_BACKENDS.join(", ")})`,
    );
  }
  const store = {
    backend: (backend === "memory" ? "posix" : backend) as (typeof PROTOCOL_BACKENDS)[number],
    // --list-page-size shapes the GCS emulator only; other backends in the same run ignore it.
    ...(flags.listPageSize !== undefined && backend === "gcs" ? { listPageSize: flags.listPageSize } : {}),
  };
  if (kind === "exec") {
    if (!arg.trim()) throw new DriverLoadError("bad-spec", "exec: needs a command (exec:CMD)");
    return { ...common, ...store, cmd: { driver: given, command: "/bin/sh", args: ["-c", `exec ${arg}`] } };
  }
  let classPath: string;
  if (kind === "cinder") {
    const known = CINDER_DRIVERS[name];
    if (!known)
      throw new DriverLoadError(
        "bad-spec",
        `unknown driver '${given}': cinder drivers are ${Object.keys(CINDER_DRIVERS)
          .map((k) => `cinder:${k}`)
          .join(", ")}`,
      );
    classPath = known;
  } else if (kind === "python") {
    if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)+$/.test(arg))
      throw new DriverLoadError("bad-spec", `bad driver '${given}': use python:package.module.ClassName`);
    classPath = arg;
  } else {
    throw new DriverLoadError("bad-spec", `unknown driver kind '${kind}:'`);
  }
  for (const p of flags.driverPaths ?? []) if (!existsSync(p)) throw new DriverLoadError("bad-spec", `--driver-path ${p} does not exist`);
  const env = { PYTHONUNBUFFERED: "1", PYTHONDONTWRITEBYTECODE: "1" };
  const shim = ["-m", "cbh_shim", classPath];
  if ((flags.runtime ?? "container") === "host" && store.backend === "nfs")
    throw new DriverLoadError(
      "bad-spec",
      `driver ${spec}: the nfs backend needs --driver-runtime container (the driver mounts its share with the drivers image's FUSE NFS client; this kernel has none)`,
    );
  if ((flags.runtime ?? "container") === "host")
    return {
      ...common,
      ...store,
      cmd: { driver: given, command: hostPython(), args: shim, env: { ...env, PYTHONPATH: shimPythonPath(flags.driverPaths) } },
    };
  const driverPaths = (flags.driverPaths ?? []).map((p) => resolve(p));
  return {
    ...common,
    ...store,
    cmd: { driver: given, command: "python3", args: shim, env: { ...env, PYTHONPATH: [...driverPaths, IMAGE_SHIM_DIR].join(":") } },
    container: {
      image: flags.image ?? driverImageFor(release ?? DEFAULT_CINDER_RELEASE),
      defaultImage: flags.image === undefined,
      driverPaths,
    },
  };
}

/** `key=value` pairs; values stay strings (oslo.config parses them by the option's type). */
export function parseDriverOpts(pairs: readonly string[]): CinderOptions {
  const out: CinderOptions = {};
  for (const p of pairs) {
    const eq = p.indexOf("=");
    if (eq <= 0) throw new DriverLoadError("bad-spec", `--driver-opt '${p}': expected key=value`);
    out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
  }
  return out;
}

/** Largest `--driver-config` read: a cinder.conf is a few KiB; more is not one. */
export const DRIVER_CONFIG_MAX_BYTES = 1024 * 1024;

/**
 * The file's text, refusing what is not a regular file or is over DRIVER_CONFIG_MAX_BYTES:
 * `/dev/zero` or a FIFO would otherwise hang the run. Opened non-blocking (a FIFO without a
 * writer would block the open itself), then checked on the open descriptor.
 */
function readConfigText(path: string): string {
  let fd: number;
  try {
    fd = openSync(resolve(path), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new DriverLoadError("bad-spec", `--driver-config ${path}: ${(e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new DriverLoadError("bad-spec", `--driver-config ${path}: not a regular file`);
    if (st.size > DRIVER_CONFIG_MAX_BYTES)
      throw new DriverLoadError(
        "bad-spec",
        `--driver-config ${path}: ${st.size} bytes, over the ${DRIVER_CONFIG_MAX_BYTES}-byte limit for a cinder.conf`,
      );
    return readFileSync(fd, "utf8");
  } catch (e) {
    if (e instanceof DriverLoadError) throw e;
    throw new DriverLoadError("bad-spec", `--driver-config ${path}: ${(e as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** The `[DEFAULT]` section of a cinder.conf-style file (other sections are refused). */
export function readDriverConfig(path: string): CinderOptions {
  const text = readConfigText(path);
  const out: CinderOptions = {};
  let section = "";
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) return;
    const s = /^\[(.+)\]$/.exec(line);
    if (s) {
      section = s[1]!.trim();
      if (section !== "DEFAULT")
        throw new DriverLoadError("bad-spec", `--driver-config ${path}:${i + 1}: only a [DEFAULT] section is read, found [${section}]`);
      return;
    }
    const eq = line.indexOf("=");
    if (section !== "DEFAULT" || eq <= 0)
      throw new DriverLoadError("bad-spec", `--driver-config ${path}:${i + 1}: expected key = value under [DEFAULT], got '${line}'`);
    out[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  });
  return out;
}
