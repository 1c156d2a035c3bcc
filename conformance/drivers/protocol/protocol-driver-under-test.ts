import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { geometryConfig, SUITE_GEOMETRY, type DriverUnderTest } from "../../driver/driver-under-test.ts";
import { POSIX_FUSE_MOUNT_POINT, posixBinding } from "../backends/posix-binding.ts";
import type { StoreBinding } from "../backends/store-binding.ts";
import { parseDescribe } from "./describe-result.ts";
import { DriverSession } from "./driver-session.ts";
import { ProtocolDriver } from "./protocol-driver.ts";
import type { DriverCommand } from "./rpc-process.ts";
import { SharedVolumeFiles } from "./shared-volume-files.ts";
import { inContainer } from "../runtime/container-command.ts";
import { checkDriverImage, defaultDriverImage } from "../runtime/driver-image.ts";
import { prepareRun } from "../runtime/prepare-run.ts";
import { CINDER_VERSIONS, releaseOfCinderVersion, type CinderRelease } from "../runtime/cinder-release.ts";

/** A `--driver-image` without the shim: the second line of docs/third-party-driver.md's Dockerfile. */
const NO_SHIM_HINT = (image: string): string =>
  `the image ${image} has no cbh_shim in /opt/cbh: build it with a Dockerfile FROM it plus \`COPY --from=${defaultDriverImage()} /opt/cbh /opt/cbh\` (docs/third-party-driver.md)`;

export type CinderOptions = Record<string, string | number | boolean>;

export interface ProtocolDriverSpec {
  /** Id in reports (`cinder:posix`, `python:mod.Cls`, `exec:…`). */
  id: string;
  cmd: DriverCommand;
  /** `--driver-opt` / `--driver-config` options (the driver must know each). */
  options?: CinderOptions;
  /** Per-call timeout (default 60 s). */
  timeoutMs?: number;
  /** Where backups go (default posix). */
  backend?: "posix" | "nfs" | "swift" | "s3" | "gcs" | "ceph" | "radosgw-swift";
  /** `--list-page-size N`: the GCS emulator's objects.list page (default 1000, as GCS). */
  listPageSize?: number;
  /**
   * The cinder release asked for (`cinder:NAME[@RELEASE]`, zed by default; `python:…@RELEASE`):
   * the driver process must run it (its `describe` says which cinder it runs), or it does not load.
   */
  release?: CinderRelease;
  /** Run `cmd` in a container of `image` (`--driver-runtime container`); absent: on the host. */
  container?: { image: string; defaultImage: boolean; driverPaths: readonly string[] };
  /**
   * Write the stores of another protocol driver under test (its `stores`): the same backend and
   * work directory, so two drivers (e.g. two cinder releases, `cbh compat`) read what the other
   * wrote. The driver that opened them closes them.
   */
  sharing?: SharedStores;
}

/** A driver's store binding (fault proxy included) and the work directory its stores live in. */
export interface SharedStores {
  readonly binding: StoreBinding;
  readonly workDir: string;
}

/** A driver under test that owns a process: `dispose()` reaps it and removes its files. */
export interface ProcessDriverUnderTest extends DriverUnderTest {
  dispose(): Promise<void>;
  /** Its stores, for another driver to share (`ProtocolDriverSpec.sharing`). */
  readonly stores: SharedStores;
}

/**
 * A driver behind the protocol, over a posix directory store (`backup_posix_path`): starts the
 * process, asks `describe`, and gives each rule a fresh store directory and driver instances
 * that share the process. A driver that cannot start or describe itself is a DriverLoadError
 * naming it, with its stderr tail, and nothing is left running.
 */
export async function openProtocolDriver(spec: ProtocolDriverSpec): Promise<ProcessDriverUnderTest> {
  // containers will run (the driver's, a backend's): sweep dead runs' leftovers, clean up ours on exit
  if (spec.container || (spec.backend ?? "posix") !== "posix") await prepareRun();
  if (spec.container) await checkDriverImage(spec.id, spec.container.image, spec.container.defaultImage, spec.release);
  const shared = spec.sharing;
  const work = shared?.workDir ?? (await mkdtemp(join(tmpdir(), "cbh-driver-")));
  // a driver sharing another's work directory keeps its volume files apart
  const files = new SharedVolumeFiles(shared ? await mkdtemp(join(work, "volumes-")) : join(work, "volumes"));
  if (!shared) await mkdir(files.hostDir);
  // A posix store in the drivers image (cinder:posix, python: drivers over --backend posix): the shim
  // mounts cbh_posix_fuse over the work directory, for the faults.* rules' ENOSPC/EIO (posix-binding.ts).
  // Only for a root harness: mount(2) makes the container root, and a driver running as root would
  // leave files in the work directory that a non-root harness cannot remove (faults.* then stay NA).
  const posixFuse =
    spec.container?.defaultImage && (spec.backend ?? "posix") === "posix" && !shared && process.getuid?.() === 0
      ? { mountPoint: POSIX_FUSE_MOUNT_POINT, planFile: join(work, "posix-faults.json") }
      : undefined;
  const cmd = spec.container
    ? inContainer(
        posixFuse
          ? { ...spec.cmd, env: { ...(spec.cmd.env ?? {}), CBH_POSIX_FUSE: `${work}:${posixFuse.mountPoint}:${posixFuse.planFile}` } }
          : spec.cmd,
        {
          image: spec.container.image,
          workDir: work,
          driverPaths: spec.container.driverPaths,
          // the NFS driver mounts its share itself (os-brick's mount -t nfs → FUSE), the shim mounts
          // cbh_posix_fuse for a posix store: /dev/fuse and mount(2)
          fuse: spec.backend === "nfs" || posixFuse !== undefined,
        },
      )
    : spec.cmd;
  let session = new DriverSession(cmd, spec.timeoutMs);
  const options = spec.options ?? {};
  let binding: StoreBinding | null = shared?.binding ?? null;
  const dispose = async (): Promise<void> => {
    await session.close();
    if (shared) return void (await rm(files.hostDir, { recursive: true, force: true }));
    await binding?.close();
    await rm(work, { recursive: true, force: true });
  };
  let described;
  try {
    const runId = basename(work).slice(-6).toLowerCase();
    // Backend bindings load testcontainers: imported only when a networked store is asked for.
    binding ??=
      spec.backend === "swift" || spec.backend === "radosgw-swift"
        ? await (await import("../backends/swift-binding.ts")).swiftBinding(spec.id, runId, spec.backend === "swift" ? "aio" : "radosgw")
        : spec.backend === "s3"
          ? await (await import("../backends/s3-binding.ts")).s3Binding(spec.id, runId)
          : spec.backend === "gcs"
            ? await (await import("../backends/gcs-binding.ts")).gcsBinding(spec.id, runId, work, spec.listPageSize)
            : spec.backend === "ceph"
              ? await (await import("../backends/ceph-binding.ts")).cephBinding(runId, work)
              : spec.backend === "nfs"
                ? await (await import("../backends/nfs-binding.ts")).nfsBinding(spec.id, runId, work)
                : posixBinding(work, posixFuse);
    const probe = await binding.createStore();
    // Swift, S3 and GCS drivers reach their store through the fault proxy (idle unless a faults.* rule sets a plan).
    if (!shared && (spec.backend === "swift" || spec.backend === "radosgw-swift" || spec.backend === "s3" || spec.backend === "gcs"))
      binding = await (
        await import("../backends/fault-proxied-binding.ts")
      ).withFaultProxy(spec.backend === "radosgw-swift" ? "swift" : spec.backend, binding, probe);
    const env = (binding as { env?: Record<string, string> }).env;
    if (env) session = new DriverSession({ ...cmd, env: { ...(cmd.env ?? {}), ...env } }, spec.timeoutMs);
    const raw = await session.call(
      "describe",
      {
        options,
        defaults: { ...geometryConfig(SUITE_GEOMETRY), ...binding.optionsFor(probe) },
        volume_backing: binding.rbdVolumesFor?.(probe) ? "rbd" : "file",
      },
      undefined,
      Math.max(spec.timeoutMs ?? 0, 120_000),
    );
    await binding.disposeStore(probe);
    described = parseDescribe(raw);
    if (typeof described === "string") throw new Error(described);
    const mismatch = releaseMismatch(spec, described.cinderVersion);
    if (mismatch) throw new DriverLoadError("release-mismatch", mismatch);
  } catch (e) {
    const tail = session.process?.stderr.tail() ?? "";
    await dispose();
    const msg = (e as Error).message;
    if ((e as { code?: string }).code === "CBH_DRIVER_LOAD") throw e;
    throw new DriverLoadError(
      "import-failed",
      `cannot load driver ${spec.id}: ${msg}${tail && !msg.includes("stderr (last lines)") ? `\n  stderr (last lines):\n${tail}` : ""}${
        spec.container && /No module named '?cbh_shim/.test(`${msg}\n${tail}`) ? `\n  ${NO_SHIM_HINT(spec.container.image)}` : ""
      }`,
    );
  }
  const d = described;
  const b = binding;
  return {
    id: spec.id,
    label: `${d.classPath} (${spec.id}) over ${b.label}, ${spec.container ? `in a container of ${spec.container.image}` : "on the host"}`,
    capabilities: d.capabilities,
    geometry: d.geometry,
    format: d.format,
    ...(d.cinderVersion ? { cinder: { release: releaseOfCinderVersion(d.cinderVersion), version: d.cinderVersion } } : {}),
    ...(b.faults ? { storeFaults: b.faults } : {}),
    createStore: () => b.createStore(),
    disposeStore: (store) => b.disposeStore(store),
    volumeBacking: (volumeId, sizeBytes) => files.backing(volumeId, sizeBytes),
    createDriver({ store, config }) {
      const counters = "bytesPut" in store && "puts" in store ? (store as unknown as { bytesPut: number; puts: number }) : null;
      return new ProtocolDriver(
        d.classPath,
        d.capabilities,
        session,
        files,
        { options, defaults: { ...config, ...b.optionsFor(store) } },
        { store, counters },
        // what a chunked driver moves between refreshes: the object size asked for (a rule may ask its own)
        typeof config["backup_file_size"] === "number" ? config["backup_file_size"] : d.geometry.objectSize,
        b.rbdVolumesFor?.(store) ?? null,
      );
    },
    dispose,
    stores: { binding: b, workDir: work },
  };
}

/**
 * A driver asked for with a release must run that release's cinder: `cinder:posix@epoxy` on the
 * host's Zed (`--driver-runtime host`), or a `--driver-image` with another cinder, is refused
 * rather than reported as the release it is not. Null when it matches or the process does not say.
 */
function releaseMismatch(spec: ProtocolDriverSpec, version: string | null): string | null {
  if (!spec.release || version === null) return null;
  const ran = releaseOfCinderVersion(version);
  if (ran === spec.release) return null;
  const where = spec.container ? `the image ${spec.container.image}` : "the host's python3";
  return `driver ${spec.id}: asks for cinder ${spec.release} (${CINDER_VERSIONS[spec.release]}), but ${where} runs cinder ${version}${
    ran ? ` (${ran})` : ""
  }${spec.container ? "" : "; run it in its release's drivers image (--driver-runtime container, the default)"}`;
}
