import type { CephCli } from "./ceph-cli.ts";
import { backupMetadataObject, type RbdPoolCatalogue } from "../../format/index.ts";
import { readBackupMetadata } from "./read-backup-metadata.ts";

/** Stable codes of `cbh store verify --store rbd:POOL`. */
export type RbdProblemCode =
  | "rbd-backup-not-found" // no image, snapshot or metadata object names the backup
  | "rbd-image-missing" // the metadata object remains, no image of its volume does
  | "rbd-snapshot-missing" // the volume's base image remains, the backup's restore point does not
  | "rbd-duplicate-snapshot" // more than one restore point for one backup (BackupOperationError)
  | "rbd-metadata-missing" // no backup.<id>.meta (the driver always writes one: BackupMetadataAPI.get)
  | "rbd-metadata-unparsable"; // not JSON / too large

export interface RbdProblem {
  code: RbdProblemCode;
  backupId: string;
  object: string | null;
  detail: string;
}

export interface RbdVerifyReport {
  valid: boolean;
  backups: string[];
  problems: RbdProblem[];
}

/**
 * Checks one backup (or every backup and metadata object in the pool): the base image and the
 * restore-point snapshot exist (what `_restore_volume` reads), exactly one snapshot per backup
 * (`_get_backup_snap_name`), and the metadata object parses and names the base image's volume.
 */
export async function verifyRbdBackups(cli: CephCli, catalogue: RbdPoolCatalogue, backupId?: string): Promise<RbdVerifyReport> {
  const problems: RbdProblem[] = [];
  const byId = new Map(catalogue.backups.map((b) => [b.backupId, b]));
  const ids = backupId !== undefined ? [backupId] : [...new Set([...byId.keys(), ...catalogue.metadataIds])].sort();
  const volumesWithImages = new Set(catalogue.backups.map((b) => b.volumeId));
  for (const id of ids) {
    const b = byId.get(id);
    const meta = catalogue.metadataIds.has(id) ? await readBackupMetadata(cli, catalogue.pool, id) : ({ state: "missing" } as const);
    const metaObject = backupMetadataObject(id);
    if (!b) {
      if (meta.state === "missing") {
        problems.push({
          code: "rbd-backup-not-found",
          backupId: id,
          object: null,
          detail: `no image, snapshot or ${metaObject} for backup ${id} in pool ${catalogue.pool}`,
        });
      } else if (meta.state === "ok" && meta.volumeId !== null && volumesWithImages.has(meta.volumeId)) {
        problems.push({
          code: "rbd-snapshot-missing",
          backupId: id,
          object: metaObject,
          detail: `the backup images of volume ${meta.volumeId} remain but none has a backup.${id}.snap.* restore point`,
        });
      } else {
        problems.push({
          code: "rbd-image-missing",
          backupId: id,
          object: metaObject,
          detail: `${metaObject} remains but no base image holds backup ${id}`,
        });
      }
      continue;
    }
    if (b.restorePointMissing) {
      problems.push({
        code: "rbd-snapshot-missing",
        backupId: id,
        object: b.baseImage,
        detail: `base image ${b.baseImage} is named for backup ${id} but has no backup.${id}.snap.* snapshot`,
      });
    }
    if (b.extraSnapshots.length > 0) {
      problems.push({
        code: "rbd-duplicate-snapshot",
        backupId: id,
        object: b.baseImage,
        detail: `${1 + b.extraSnapshots.length} snapshots for one backup: ${[b.snapshot, ...b.extraSnapshots].join(", ")}`,
      });
    }
    if (meta.state === "missing") {
      problems.push({
        code: "rbd-metadata-missing",
        backupId: id,
        object: metaObject,
        detail: `${metaObject} is not in pool ${catalogue.pool}`,
      });
    } else if (meta.state !== "ok") {
      problems.push({
        code: "rbd-metadata-unparsable",
        backupId: id,
        object: metaObject,
        detail: meta.state === "too-large" ? "larger than the read limit" : meta.detail,
      });
    } else if (meta.volumeId !== null && meta.volumeId !== b.volumeId) {
      problems.push({
        code: "rbd-metadata-unparsable",
        backupId: id,
        object: metaObject,
        detail: `names volume ${meta.volumeId}, the base image ${b.baseImage} another`,
      });
    }
  }
  return { valid: problems.length === 0, backups: ids.filter((id) => byId.has(id)), problems };
}
