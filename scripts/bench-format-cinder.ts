/**
 * The side-by-side half of `npm run bench:format`: the REAL cinder 21.3.1 posix driver
 * (fixtures/cinder-driver, Debian's python3-cinder) and ours on the same bytes, in the same run.
 * Cinder's figure is the wall time of its driver call alone (CBH_TIMING: process start and cinder's
 * import excluded); ours is timed in-process the same way (CLI start-up excluded). Ratio = ours / cinder's.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { cinderMissingReason, runCinderBatch } from "../fixtures/cinder-driver/cinder-tool.ts";
import {
  discoverBackups,
  extentOf,
  FileVolumeFile,
  indexBackups,
  resolveChain,
  restoreVerifying,
  verifyBackup,
  xorshiftBytes,
} from "../lib/format/index.ts";
import { PosixObjectStore } from "../lib/stores/index.ts";

const MiB = 1024 * 1024;
const mbps = (bytes: number, s: number) => Math.round((bytes / 1e6 / s) * 10) / 10;
const ratio = (ours: number, theirs: number) => Math.round((ours / theirs) * 100) / 100;
const load = () => loadavg().map((x) => Math.round(x * 10) / 10);

interface Timed {
  driver_seconds: number;
}
interface BackupOut extends Timed {
  record: Record<string, unknown>;
}

async function wall<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, (performance.now() - t0) / 1000];
}

/** What `cbh store restore` does after start-up: metadata checks, then one pass that writes and verifies. */
async function cbhRestore(store: PosixObjectStore, id: string, out: string): Promise<void> {
  const pre = await verifyBackup(store, id, { metadataOnly: true });
  if (!pre.valid) throw new Error(`cbh restore refused: ${JSON.stringify(pre.problems)}`);
  const index = indexBackups(await discoverBackups(store));
  const chain = resolveChain(index, index.get(id)!);
  const vol = await FileVolumeFile.createFresh(out, extentOf(chain.links.at(-1)!.metadata!), true);
  try {
    const r = await restoreVerifying(store, id, vol);
    if (!r.valid) throw new Error(`cbh restore: ${JSON.stringify(r.problems)}`);
    await vol.flush();
  } finally {
    await vol.close();
  }
}

/**
 * Backups with cinder (none and zlib on 100 MiB, none on 400 MiB), then restores with cinder; ours
 * backs up the same 100 MiB (`oursBackup`, given by the caller's driver case) and verifies/restores
 * cinder's 400 MiB backup.
 */
export async function sideBySide(
  dir: string,
  random100: Uint8Array,
  oursBackupMBps: { none: number; zlib: number },
): Promise<Record<string, unknown>> {
  const missing = cinderMissingReason();
  if (missing) return { skipped: missing };
  const v100 = join(dir, "v100.img");
  const v400 = join(dir, "v400.img");
  writeFileSync(v100, random100);
  writeFileSync(v400, xorshiftBytes(400 * MiB, 400));
  const id = (n: number) => `c0000000-0000-4000-8000-00000000000${n}`;
  const backup = (root: string, vol: string, n: number, compression: string, gb: number) => [
    "backup",
    "--driver",
    "posix",
    "--root",
    join(dir, root),
    "--volume",
    vol,
    "--backup-id",
    id(n),
    "--volume-id",
    `d0000000-0000-4000-8000-00000000000${n}`,
    "--compression",
    compression,
    "--volume-size-gb",
    String(gb),
  ];
  process.env["CBH_TIMING"] = "1";
  const [none100, zlib100, none400] = runCinderBatch<BackupOut>([
    backup("c-none", v100, 1, "none", 1),
    backup("c-zlib", v100, 2, "zlib", 1),
    backup("c-400", v400, 3, "none", 1),
  ]);
  const restore = (root: string, rec: BackupOut, out: string) => [
    "restore",
    "--driver",
    "posix",
    "--root",
    join(dir, root),
    "--record",
    JSON.stringify(rec.record),
    "--out",
    join(dir, out),
  ];
  const [rNone100, r400] = runCinderBatch<Timed>([restore("c-none", none100!, "c-none.out"), restore("c-400", none400!, "c-400.out")]);
  const store = new PosixObjectStore({ root: join(dir, "c-400") });
  const [verify, verifyS] = await wall(() => verifyBackup(store, id(3)));
  if (!verify.valid) throw new Error(`cbh verify of cinder's backup: ${JSON.stringify(verify.problems)}`);
  const [, restoreS] = await wall(() => cbhRestore(store, id(3), join(dir, "ours-400.out")));
  const b400 = 400 * MiB;
  const b100 = 100 * MiB;
  const cinderRestore400 = mbps(b400, r400!.driver_seconds);
  return {
    what: "real cinder 21.3.1 posix driver vs ours, same bytes, same run; MB/s (10^6 B/s) of wall time, start-up excluded; ratio = ours / cinder",
    backup_100MiB_none: {
      ours: oursBackupMBps.none,
      cinder: mbps(b100, none100!.driver_seconds),
      ratio: ratio(oursBackupMBps.none, mbps(b100, none100!.driver_seconds)),
    },
    backup_100MiB_zlib: {
      ours: oursBackupMBps.zlib,
      cinder: mbps(b100, zlib100!.driver_seconds),
      ratio: ratio(oursBackupMBps.zlib, mbps(b100, zlib100!.driver_seconds)),
    },
    cinder_restore_100MiB_none: mbps(b100, rNone100!.driver_seconds),
    posix_400MiB_cinder_backup: {
      cbh_store_verify: {
        ours: mbps(b400, verifyS),
        cinder_restore: cinderRestore400,
        ratio_to_cinder_restore: ratio(mbps(b400, verifyS), cinderRestore400),
      },
      cbh_store_restore: {
        ours: mbps(b400, restoreS),
        cinder_restore: cinderRestore400,
        ratio: ratio(mbps(b400, restoreS), cinderRestore400),
      },
    },
    load_average: load(),
  };
}
