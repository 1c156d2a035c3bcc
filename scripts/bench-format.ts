/**
 * `npm run bench:format`: throughput of the chunked format and the reference driver over the posix
 * store, side by side with the real cinder 21.3.1 posix driver run on the same bytes in the same run
 * (bench-format-cinder.ts: backup none/zlib of 100 MiB; `cbh store verify` / `restore` of cinder's
 * 400 MiB backup vs cinder's own restore of it). Prints one JSON document. MB = 10^6 bytes.
 *
 * The 4 GiB mostly-sparse case runs in a child process so its peak RSS is its own (`--no-sparse` skips it).
 */
import { spawnSync } from "node:child_process";
import { deflateSync } from "node:zlib";
import { mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { PosixObjectStore } from "../lib/stores/index.ts";
import { ChunkedBackupDriver, MemoryDriverContext, backupRow } from "../sim/drivers/index.ts";
import { FileVolumeFile, MemoryVolumeFile, verifyStore, xorshiftBytes, type ZlibEncoder } from "../lib/format/index.ts";
import type { BackupRow } from "../sim/db/rows.ts";
import { sideBySide } from "./bench-format-cinder.ts";

const MiB = 1024 * 1024;
const mbps = (bytes: number, ms: number) => Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10;
const peakRssMiB = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** Wall time and this process's CPU time (steadier than wall time on a shared, loaded machine). */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; cpuMs: number; value: T }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, value };
}

/** `[wall MB/s, MB per CPU-second]`. */
const rate = (bytes: number, t: { ms: number; cpuMs: number }) => [mbps(bytes, t.ms), mbps(bytes, t.cpuMs)];

async function driverCase(dir: string, compression: string, zlibEncoder: ZlibEncoder, data: Uint8Array) {
  const store = new PosixObjectStore({ root: join(dir, `${compression}-${zlibEncoder}`) });
  const driver = new ChunkedBackupDriver({ layout: "posix", store, zlibEncoder, config: { backup_compression_algorithm: compression } });
  const ctx = new MemoryDriverContext();
  const row: BackupRow = ctx.put(backupRow({ id: `b0000000-0000-4000-8000-${compression.padStart(12, "0")}`, volume_id: "v" }));
  const backup = await timed(() => driver.backup(row, new MemoryVolumeFile(data), ctx));
  Object.assign(row, backup.value, { status: "restoring" });
  const target = new MemoryVolumeFile(data.length);
  const restore = await timed(() => driver.restore(row, "t", target, true, ctx));
  if (!Buffer.from(target.bytes).equals(Buffer.from(data))) throw new Error(`${compression} restore differs`);
  const verify = await timed(() => verifyStore(store));
  if (!verify.value.valid) throw new Error(`${compression} verify failed: ${JSON.stringify(verify.value.problems)}`);
  return { backup: rate(data.length, backup), restore: rate(data.length, restore), verify: rate(data.length, verify) };
}

async function sparseCase(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "cbh-bench-sparse-"));
  try {
    const size = 4 * 1024 * MiB;
    const src = join(dir, "volume.img");
    const fh = await open(src, "w");
    await fh.truncate(size);
    for (let i = 0; i < 16; i++) await fh.write(xorshiftBytes(MiB, i + 1), 0, MiB, i * 256 * MiB + 12345); // 16 MiB of data in 4 GiB
    await fh.close();
    const store = new PosixObjectStore({ root: join(dir, "backup") });
    // backup_file_size 16 MiB (a multiple of the 32 KiB sha block): one chunk (and its compressed
    // copy) is what is held in memory; the posix default (1,999,994,880 B) would hold 1.86 GiB.
    const driver = new ChunkedBackupDriver({ layout: "posix", store, config: { backup_file_size: 16 * MiB } });
    const ctx = new MemoryDriverContext();
    const row: BackupRow = ctx.put(backupRow({ id: "5a000000-0000-4000-8000-000000000001", volume_id: "v", size: 4 }));
    const vol = await FileVolumeFile.openForRead(src);
    const backup = await timed(() => driver.backup(row, vol, ctx));
    await vol.close();
    Object.assign(row, backup.value, { status: "restoring" });
    const out = await FileVolumeFile.createFresh(join(dir, "restored.img"), size, false);
    const restore = await timed(() => driver.restore(row, "t", out, true, ctx));
    await out.close();
    const cmp = spawnSync("cmp", [src, join(dir, "restored.img")]);
    return {
      volume_bytes: size,
      data_bytes: 16 * MiB,
      chunk_bytes: 16 * MiB,
      objects: row.object_count,
      backup_s: Math.round(backup.ms) / 1000,
      restore_s: Math.round(restore.ms) / 1000,
      backup: rate(size, backup),
      restore: rate(size, restore),
      identical: cmp.status === 0,
      peak_rss_MiB: peakRssMiB(),
      rss_under_256MiB: peakRssMiB() < 256,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (process.argv.includes("--sparse-child")) {
    process.stdout.write(JSON.stringify(await sparseCase()));
    return;
  }
  let sparse: Record<string, unknown> = { skipped: "--no-sparse" };
  if (!process.argv.includes("--no-sparse")) {
    const self = fileURLToPath(import.meta.url);
    const child = spawnSync(process.execPath, ["--import", "tsx", self, "--sparse-child"], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`sparse case failed: ${child.stderr}`);
    sparse = JSON.parse(child.stdout) as Record<string, unknown>;
  }

  const dir = mkdtempSync(join(tmpdir(), "cbh-bench-format-"));
  try {
    const size = 100 * MiB;
    const random = xorshiftBytes(size, 42);
    const none = await driverCase(dir, "none", "exact", random);
    const zlibExact = await driverCase(dir, "zlib", "exact", random);
    const zlibNative = await driverCase(dir, "zlib", "native", random);
    const raw = await timed(async () => deflateSync(random));
    const text = new Uint8Array(size);
    const line = Buffer.from("cinder-backup-harness compressible line 0123456789 abcdefghijklmnopqrstuvwxyz\n");
    for (let off = 0; off < size; off += line.length) text.set(line.subarray(0, Math.min(line.length, size - off)), off);
    const zlibText = await driverCase(dir, "zlib", "exact", text);
    const rawText = await timed(async () => deflateSync(text));
    const cinder = await sideBySide(dir, random);
    const rawZlib = rate(size, raw)[0] as number;
    const report = {
      machine: { cpus: 2, node: process.version },
      data: "100 MiB xorshift (incompressible) unless noted; posix store on local disk; MB = 10^6 B",
      units: "[wall MB/s, MB per CPU-second of this process]",
      posix_none: none,
      posix_zlib_exact: zlibExact,
      posix_zlib_native: zlibNative,
      raw_node_zlib_deflate: rate(size, raw),
      compressible_posix_zlib_exact: zlibText,
      compressible_raw_node_zlib_deflate: rate(size, rawText),
      load_average: loadavg().map((x) => Math.round(x * 10) / 10),
      zlib_backup_vs_raw_zlib: {
        ours_native: zlibNative.backup[0],
        ours_exact: zlibExact.backup[0],
        raw: rawZlib,
        ratio_native: Math.round(((zlibNative.backup[0] as number) / rawZlib) * 100) / 100,
        ratio_exact: Math.round(((zlibExact.backup[0] as number) / rawZlib) * 100) / 100,
      },
      side_by_side_real_cinder_21_3_1: cinder,
      peak_rss_MiB: peakRssMiB(),
      sparse_4GiB: sparse,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
