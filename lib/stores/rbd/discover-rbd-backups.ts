import { createInterface } from "node:readline";
import type { CephCli } from "./ceph-cli.ts";
import { checkRbdName, type RbdBackup, type RbdPoolCatalogue } from "../../format/index.ts";
import type { RbdStore } from "./rbd-store.ts";

const META_OBJECT = /^backup\.(.+)\.meta$/;

/** Ids of the `backup.<id>.meta` objects (ceph.py:VolumeMetadataBackup), streamed from `rados ls`. */
export async function listMetadataIds(cli: CephCli, pool: string): Promise<Set<string>> {
  const proc = cli.spawn(["rados", "-p", checkRbdName("pool", pool), "ls"]);
  proc.stdin.end();
  const ids = new Set<string>();
  const lines = createInterface({ input: proc.stdout, crlfDelay: Infinity });
  for await (const line of lines) {
    const m = META_OBJECT.exec(line.trim());
    if (m && ids.size < 1_000_000) ids.add(m[1]!);
  }
  await proc.done;
  return ids;
}

/**
 * Every backup in a pool, from the images, their snapshots and the metadata objects alone.
 * Restore points on one base are ordered by their `time.time()` stamp; each one's parent is the
 * one before (`_incremental_rbd_backup` diffs from the parent's snapshot on the same base).
 */
export async function discoverRbdBackups(rbd: RbdStore, cli: CephCli, pool: string): Promise<RbdPoolCatalogue> {
  const backups: RbdBackup[] = [];
  const unattributedImages: string[] = [];
  for (const { image, volumeId, backupId } of await rbd.listBackupImages(pool)) {
    const sizes = new Map((await rbd.listSnapshots(pool, image)).map((s) => [s.name, s.size]));
    const snaps = (await rbd.listBackupSnapshots(pool, image)).sort((a, b) => Number(a.timestamp) - Number(b.timestamp));
    const base = { volumeId, pool, baseImage: image, extraSnapshots: [] as string[], restorePointMissing: false };
    if (snaps.length === 0) {
      if (backupId === undefined) unattributedImages.push(image);
      else backups.push({ ...base, backupId, kind: "copy", snapshot: null, timestamp: null, parentId: null, sizeBytes: (await rbd.imageInfo(pool, image)).size });
      continue;
    }
    const seen = new Map<string, RbdBackup>();
    let previous: string | null = null;
    for (const s of snaps) {
      const known = seen.get(s.backupId);
      if (known) {
        known.extraSnapshots.push(s.snapshot);
        continue;
      }
      const b: RbdBackup = { ...base, extraSnapshots: [], backupId: s.backupId, kind: "diff", snapshot: s.snapshot, timestamp: s.timestamp, parentId: previous, sizeBytes: sizes.get(s.snapshot) ?? 0 };
      seen.set(s.backupId, b);
      backups.push(b);
      previous = s.backupId;
    }
    if (backupId !== undefined && !seen.has(backupId)) {
      backups.push({ ...base, backupId, kind: "diff", snapshot: null, timestamp: null, parentId: null, sizeBytes: (await rbd.imageInfo(pool, image)).size, restorePointMissing: true });
    }
  }
  return { pool, backups, unattributedImages, metadataIds: await listMetadataIds(cli, pool) };
}
