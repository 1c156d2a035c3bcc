import { createInterface } from "node:readline";
import type { CephCli } from "./ceph-cli.ts";
import { checkRbdName, restorePointsOnImage, type RbdBackup, type RbdPoolCatalogue } from "../../format/index.ts";
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
 * Every backup in a pool, from the images, their snapshots and the metadata objects alone; the
 * restore points on one base are ordered by `restorePointsOnImage` (lib/format/rbd).
 */
export async function discoverRbdBackups(rbd: RbdStore, cli: CephCli, pool: string): Promise<RbdPoolCatalogue> {
  const backups: RbdBackup[] = [];
  const unattributedImages: string[] = [];
  for (const { image, volumeId, backupId } of await rbd.listBackupImages(pool)) {
    const sizes = new Map((await rbd.listSnapshots(pool, image)).map((s) => [s.name, s.size]));
    const snaps = await rbd.listBackupSnapshots(pool, image);
    const base = { volumeId, pool, baseImage: image, extraSnapshots: [] as string[], restorePointMissing: false };
    if (snaps.length === 0) {
      if (backupId === undefined) unattributedImages.push(image);
      else
        backups.push({
          ...base,
          backupId,
          kind: "copy",
          snapshot: null,
          timestamp: null,
          parentId: null,
          sizeBytes: (await rbd.imageInfo(pool, image)).size,
        });
      continue;
    }
    const points = restorePointsOnImage({ volumeId, pool, baseImage: image }, snaps, sizes);
    backups.push(...points);
    if (backupId !== undefined && !points.some((p) => p.backupId === backupId)) {
      backups.push({
        ...base,
        backupId,
        kind: "diff",
        snapshot: null,
        timestamp: null,
        parentId: null,
        sizeBytes: (await rbd.imageInfo(pool, image)).size,
        restorePointMissing: true,
      });
    }
  }
  return { pool, backups, unattributedImages, metadataIds: await listMetadataIds(cli, pool) };
}
