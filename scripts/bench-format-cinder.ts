/**
 * The side-by-side half of `npm run bench:format`: the REAL cinder 21.3.1 posix driver
 * (fixtures/cinder-driver, Debian's python3-cinder) and ours on the same bytes, in the same run.
 * Cinder's figure is the wall time of its driver call alone (CBH_TIMING: process start and cinder's
 * import excluded); ours is timed in-process the same way (CLI start-up excluded). Both back up from
 * the same file (page cache) into a posix directory on the same disk. Each case runs ROUNDS times,
 * interleaved, and the best time of each side is compared (a shared machine only ever slows a run
 * down); every sample is in the JSON. Ratio = ours / cinder's.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { loadavg } from "node:os";
import { join } from "node:path";
import { cinderMissingReason, runCinderBatch } from "../fixtures/cinder-driver/cinder-tool.ts";
import {
  discoverBackups,
  extentOf,
  FileVolumeFile,
  indexBackups,
  posixContainer,
  resolveChain,
  restoreVerifying,
  verifyBackup,
  xorshiftBytes,
} from "../lib/format/index.ts";
import { PosixObjectStore } from "../lib/stores/index.ts";
import { ChunkedBackupDriver, MemoryDriverContext, backupRow } from "../sim/drivers/index.ts";

const MiB = 1024 * 1024;
const mbps = (bytes: number, s: number) => Math.round((bytes / 1e6 / s) * 10) / 10;
const ratio = (ours: number, theirs: number) => Math.round((ours / theirs) * 100) / 100;
const load = () => loadavg().map((x) => Math.round(x * 10) / 10);

interface Timed {
  driver_seconds: number;
  driver_cpu_seconds: number;
}
/** Seconds of one run: wall, and CPU of the whole process (every thread: ours includes the sha worker and the thread pool). */
interface Sample {
  s: number;
  cpu: number;
}
const cinderSample = (t: Timed): Sample => ({ s: t.driver_seconds, cpu: t.driver_cpu_seconds });
interface BackupOut extends Timed {
  record: Record<string, unknown>;
}

async function wall<T>(f: () => Promise<T>): Promise<[T, Sample]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const v = await f();
  const c = process.cpuUsage(c0);
  return [v, { s: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 }];
}

/** What `cbh store restore` does after start-up: metadata checks, then one pass that writes and verifies. */
async function cbhRestore(store: PosixObjectStore, id: string, out: string): Promise<void> {
  const pre = await verifyBackup(store, id, { metadataOnly: true });
  if (!pre.valid) throw new Error(`cbh restore refused: ${JSON.stringify(pre.problems)}`);
  const index = indexBackups(await discoverBackups(store));
  const chain = resolveChain(index, index.get(id)!);
  const vol = await FileVolumeFile.createFresh(out, extentOf(chain.links.at(-1)!.metadata!), true, { directWrites: true });
  try {
    const r = await restoreVerifying(store, id, vol);
    if (!r.valid) throw new Error(`cbh restore: ${JSON.stringify(r.problems)}`);
    await vol.flush();
  } finally {
    await vol.close();
  }
}

const ROUNDS = 3;
const best = (xs: Sample[], k: keyof Sample) => Math.min(...xs.map((x) => x[k]));
const round3 = (xs: Sample[]) => xs.map((x) => [Math.round(x.s * 1000) / 1000, Math.round(x.cpu * 1000) / 1000]);

/** Our posix driver backing up `vol` (read from the file, as cinder does) into `root`; seconds of its backup call. */
async function oursBackup(root: string, vol: string, id: string, compression: string): Promise<Sample> {
  const store = new PosixObjectStore({ root });
  const driver = new ChunkedBackupDriver({
    layout: "posix",
    store,
    zlibEncoder: "exact",
    config: { backup_compression_algorithm: compression },
  });
  const ctx = new MemoryDriverContext();
  const row = ctx.put(backupRow({ id, volume_id: "v", size: 1 }));
  const file = await FileVolumeFile.openForRead(vol);
  try {
    return (await wall(() => driver.backup(row, file, ctx)))[1];
  } finally {
    await file.close();
  }
}

/** The bytes of data object `-00001` of cinder's backup `id` (prefix from its record) under a posix root. */
function firstObject(root: string, id: string, prefix: string): Buffer {
  return readFileSync(join(root, posixContainer(id), `${prefix}-00001`));
}

/**
 * Backup none and zlib of the same 100 MiB by cinder and by us, ROUNDS times each, interleaved, plus
 * raw node:zlib deflate of it; then cinder's restore of its own 400 MiB backup against
 * `cbh store verify` and `cbh store restore` of that backup, ROUNDS times each.
 */
export async function sideBySide(dir: string, random100: Uint8Array): Promise<Record<string, unknown>> {
  const missing = cinderMissingReason();
  if (missing) return { skipped: missing };
  const v100 = join(dir, "v100.img");
  const v400 = join(dir, "v400.img");
  writeFileSync(v100, random100);
  writeFileSync(v400, xorshiftBytes(400 * MiB, 400));
  const id = (n: number) => `c0000000-0000-4000-8000-00000000000${n}`;
  const backup = (root: string, vol: string, n: number, compression: string) => [
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
    "1",
  ];
  process.env["CBH_TIMING"] = "1";
  const t = {
    cinderNone: [] as Sample[],
    cinderZlib: [] as Sample[],
    oursNone: [] as Sample[],
    oursZlib: [] as Sample[],
    raw: [] as Sample[],
  };
  const records: Record<string, BackupOut> = {};
  let none400: BackupOut | undefined;
  for (let r = 0; r < ROUNDS; r++) {
    const steps = [backup(`c-none-${r}`, v100, 1, "none"), backup(`c-zlib-${r}`, v100, 2, "zlib")];
    if (r === 0) steps.push(backup("c-400", v400, 3, "none"));
    const [none100, zlib100, b400] = runCinderBatch<BackupOut>(steps);
    t.cinderNone.push(cinderSample(none100!));
    t.cinderZlib.push(cinderSample(zlib100!));
    records[`none-${r}`] = none100!;
    records[`zlib-${r}`] = zlib100!;
    if (b400) none400 = b400;
    t.oursNone.push(await oursBackup(join(dir, `o-none-${r}`), v100, id(1), "none"));
    t.oursZlib.push(await oursBackup(join(dir, `o-zlib-${r}`), v100, id(2), "zlib"));
    t.raw.push((await wall(async () => deflateSync(random100)))[1]);
  }
  // Same stored bytes: our data object equals cinder's, uncompressed and zlib.
  const prefix = (rec: BackupOut) => String(rec.record["service_metadata"]);
  const sameBytes = await sameFirstObjects(dir, id, prefix(records["none-0"]!), prefix(records["zlib-0"]!));
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
  const restores = runCinderBatch<Timed>(Array.from({ length: ROUNDS }, (_, r) => restore("c-400", none400!, `c-400-${r}.out`)));
  const store = new PosixObjectStore({ root: join(dir, "c-400") });
  const verifyS: Sample[] = [];
  const restoreS: Sample[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [verify, s] = await wall(() => verifyBackup(store, id(3)));
    if (!verify.valid) throw new Error(`cbh verify of cinder's backup: ${JSON.stringify(verify.problems)}`);
    verifyS.push(s);
    restoreS.push((await wall(() => cbhRestore(store, id(3), join(dir, `ours-400-${r}.out`))))[1]);
  }
  const b400 = 400 * MiB;
  const b100 = 100 * MiB;
  const cinderRestoreS = restores.map(cinderSample);
  const pair = (bytes: number, ours: Sample[], theirs: Sample[]) => ({
    ours: mbps(bytes, best(ours, "s")),
    cinder: mbps(bytes, best(theirs, "s")),
    ratio: ratio(mbps(bytes, best(ours, "s")), mbps(bytes, best(theirs, "s"))),
    per_cpu_second: {
      ours: mbps(bytes, best(ours, "cpu")),
      cinder: mbps(bytes, best(theirs, "cpu")),
      ratio: ratio(mbps(bytes, best(ours, "cpu")), mbps(bytes, best(theirs, "cpu"))),
    },
    wall_and_cpu_seconds: { ours: round3(ours), cinder: round3(theirs) },
  });
  return {
    what: `real cinder 21.3.1 posix driver vs ours, same bytes, same run; MB/s (10^6 B/s) of wall time (per_cpu_second: of the process's CPU time, all threads), start-up excluded; best of ${ROUNDS} interleaved rounds per side; ratio = ours / cinder; seconds as [wall, cpu]`,
    backup_100MiB_none: pair(b100, t.oursNone, t.cinderNone),
    backup_100MiB_zlib: pair(b100, t.oursZlib, t.cinderZlib),
    backup_100MiB_zlib_vs_raw_node_zlib_deflate: {
      ours: mbps(b100, best(t.oursZlib, "s")),
      raw_deflate: mbps(b100, best(t.raw, "s")),
      ratio: ratio(mbps(b100, best(t.oursZlib, "s")), mbps(b100, best(t.raw, "s"))),
      wall_and_cpu_seconds: { ours: round3(t.oursZlib), raw_deflate: round3(t.raw) },
    },
    same_stored_bytes_as_cinder: sameBytes,
    posix_400MiB_cinder_backup: {
      cbh_store_verify: { ...pair(b400, verifyS, cinderRestoreS), goal_MBps: 550 },
      cbh_store_restore: pair(b400, restoreS, cinderRestoreS),
    },
    load_average: load(),
  };
}

/** Data object 1 of our none and zlib backups against cinder's (round 0). */
async function sameFirstObjects(dir: string, id: (n: number) => string, cinderNone: string, cinderZlib: string) {
  const ours = async (root: string, n: number) => {
    const store = new PosixObjectStore({ root: join(dir, root) });
    const names = await store.listObjects(posixContainer(id(n)));
    return readFileSync(
      join(
        dir,
        root,
        posixContainer(id(n)),
        names.find((x) => x.endsWith("-00001"))!,
      ),
    );
  };
  return {
    none: (await ours("o-none-0", 1)).equals(firstObject(join(dir, "c-none-0"), id(1), cinderNone)),
    zlib: (await ours("o-zlib-0", 2)).equals(firstObject(join(dir, "c-zlib-0"), id(2), cinderZlib)),
  };
}
