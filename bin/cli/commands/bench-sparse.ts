import { performance } from "node:perf_hooks";
import { CloudBuilder } from "../../../sim/cloud/cloud-builder.ts";

/**
 * `cbh bench sparse [--size-gb N]`: wall time of backups of a mostly-empty N GB volume (default
 * 10) in a cloud at `cbh serve`'s default real geometry (1 GiB per GB, 1999994880-byte posix
 * objects, native zlib, in-memory store). `emptyColdMs` is the first one of the process: the md5
 * of a zero chunk comes from a precomputed table (`lib/format/zero-md5.ts`), its native zlib form
 * is built once from one 16 MiB segment; `dataMs` is a full backup after 1 MiB was written at 3 GiB (its object,
 * a whole 1999994880-byte chunk, is read, hashed and compressed); `incrementalMs` follows a
 * 4 KiB change. One process, one core.
 */
export async function benchSparse(sizeGb: number, seed: number): Promise<Record<string, unknown>> {
  const cloud = await new CloudBuilder()
    .withSeed(seed)
    .withTrace(false)
    .withGeometry("real")
    .withConfig({ quota_backups: -1, quota_backup_gigabytes: -1, quota_volumes: -1, quota_gigabytes: -1 })
    .build();
  const ctx = cloud.context("demo");
  const vol = await cloud.ops.volumes.create(ctx, { size: sizeGb });
  await cloud.settle();
  const backup = async (incremental: boolean): Promise<number> => {
    const t0 = performance.now();
    const b = await cloud.ops.backups.create(ctx, { volume_id: vol.id, incremental });
    await cloud.settle();
    const row = cloud.db.backup(b.id);
    if (row?.status !== "available") throw new Error(`backup ${b.id} ended ${row?.status}`);
    return Math.round(performance.now() - t0);
  };
  const emptyColdMs = await backup(false);
  const emptyWarmMs = await backup(false);
  cloud.devices.write(vol.id, 3 * 2 ** 30, new Uint8Array(2 ** 20).fill(7));
  const dataMs = await backup(false);
  cloud.devices.write(vol.id, 3 * 2 ** 30 + 8192, new Uint8Array(4096).fill(9));
  const incrementalMs = await backup(true);
  return {
    bench: "sparse",
    node: process.version,
    seed,
    volumeGb: sizeGb,
    deviceBytes: sizeGb * 2 ** 30,
    objectBytes: cloud.inspect.config.backup_file_size,
    emptyColdMs,
    emptyWarmMs,
    dataMs,
    incrementalMs,
    peakRssMiB: Math.round(process.memoryUsage().rss / 1048576),
  };
}
