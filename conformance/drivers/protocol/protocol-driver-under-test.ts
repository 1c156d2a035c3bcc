import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { DriverLoadError } from "../../driver/module-driver.ts";
import { geometryConfig, SUITE_GEOMETRY, type DriverUnderTest } from "../../driver/driver-under-test.ts";
import { posixBinding } from "../backends/posix-binding.ts";
import type { StoreBinding } from "../backends/store-binding.ts";
import { parseDescribe } from "./describe-result.ts";
import { DriverSession } from "./driver-session.ts";
import { ProtocolDriver } from "./protocol-driver.ts";
import type { DriverCommand } from "./rpc-process.ts";
import { SharedVolumeFiles } from "./shared-volume-files.ts";

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
  backend?: "posix" | "swift" | "s3" | "gcs" | "ceph" | "radosgw-swift";
  /** `--list-page-size N`: the GCS emulator's objects.list page (default 1000, as GCS). */
  listPageSize?: number;
}

/** A driver under test that owns a process: `dispose()` reaps it and removes its files. */
export interface ProcessDriverUnderTest extends DriverUnderTest {
  dispose(): Promise<void>;
}

/**
 * A driver behind the protocol, over a posix directory store (`backup_posix_path`): starts the
 * process, asks `describe`, and gives each rule a fresh store directory and driver instances
 * that share the process. A driver that cannot start or describe itself is a DriverLoadError
 * naming it, with its stderr tail, and nothing is left running.
 */
export async function openProtocolDriver(spec: ProtocolDriverSpec): Promise<ProcessDriverUnderTest> {
  const work = await mkdtemp(join(tmpdir(), "cbh-driver-"));
  const files = new SharedVolumeFiles(join(work, "volumes"));
  await mkdir(files.hostDir);
  let session = new DriverSession(spec.cmd, spec.timeoutMs);
  const options = spec.options ?? {};
  let binding: StoreBinding | null = null;
  const dispose = async (): Promise<void> => {
    await session.close();
    await binding?.close();
    await rm(work, { recursive: true, force: true });
  };
  let described;
  try {
    const runId = basename(work).slice(-6).toLowerCase();
    // Backend bindings load testcontainers: imported only when a networked store is asked for.
    binding =
      spec.backend === "swift" || spec.backend === "radosgw-swift"
        ? await (await import("../backends/swift-binding.ts")).swiftBinding(runId, spec.backend === "swift" ? "aio" : "radosgw")
        : spec.backend === "s3"
          ? await (await import("../backends/s3-binding.ts")).s3Binding(runId)
          : spec.backend === "gcs"
            ? await (await import("../backends/gcs-binding.ts")).gcsBinding(runId, work, spec.listPageSize)
            : spec.backend === "ceph"
              ? await (await import("../backends/ceph-binding.ts")).cephBinding(runId, work)
              : posixBinding(work);
    const env = (binding as { env?: Record<string, string> }).env;
    if (env) session = new DriverSession({ ...spec.cmd, env: { ...(spec.cmd.env ?? {}), ...env } }, spec.timeoutMs);
    const probe = await binding.createStore();
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
  } catch (e) {
    const tail = session.process?.stderr.tail() ?? "";
    await dispose();
    const msg = (e as Error).message;
    if ((e as { code?: string }).code === "CBH_DRIVER_LOAD") throw e;
    throw new DriverLoadError(
      "import-failed",
      `cannot load driver ${spec.id}: ${msg}${tail && !msg.includes("stderr (last lines)") ? `\n  stderr (last lines):\n${tail}` : ""}`,
    );
  }
  const d = described;
  const b = binding;
  return {
    id: spec.id,
    label: `${d.classPath} (${spec.id}) over ${b.label}`,
    capabilities: d.capabilities,
    geometry: d.geometry,
    format: d.format,
    createStore: () => b.createStore(),
    disposeStore: (store) => b.disposeStore(store),
    createDriver({ store, config }) {
      const counters = "bytesPut" in store && "puts" in store ? (store as unknown as { bytesPut: number; puts: number }) : null;
      return new ProtocolDriver(
        d.classPath,
        d.capabilities,
        session,
        files,
        { options, defaults: { ...config, ...b.optionsFor(store) } },
        { store, counters },
        d.geometry.objectSize,
        b.rbdVolumesFor?.(store) ?? null,
      );
    },
    dispose,
  };
}
