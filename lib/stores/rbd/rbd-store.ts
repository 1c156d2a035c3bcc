import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { CephCommandError, runCeph, type CephCli } from "./ceph-cli.ts";
import {
  backupMetadataObject,
  checkRbdName,
  parseBackupImageName,
  parseBackupSnapName,
  type BackupImageName,
  type BackupSnapName,
} from "../../format/index.ts";

/** The features cinder's Ceph backup driver asks for (ceph.py:CephBackupDriver._get_rbd_support). */
export const BACKUP_IMAGE_FEATURES = ["layering", "exclusive-lock", "object-map", "fast-diff"] as const;

export interface RbdImageInfo {
  name: string;
  size: number;
  features: string[];
  snapshotCount: number;
}

export interface RbdSnapshot {
  name: string;
  size: number;
}

export class RbdImageNotFoundError extends Error {
  readonly code = "rbd-image-not-found";
  constructor(
    readonly pool: string,
    readonly image: string,
  ) {
    super(`rbd image ${pool}/${image} not found`);
    this.name = "RbdImageNotFoundError";
  }
}

export class RbdSnapshotNotFoundError extends Error {
  readonly code = "rbd-snapshot-not-found";
  constructor(
    readonly pool: string,
    readonly image: string,
    readonly snapshot: string,
  ) {
    super(`rbd snapshot ${pool}/${image}@${snapshot} not found`);
    this.name = "RbdSnapshotNotFoundError";
  }
}

/** exception.VolumeMetadataBackupExists: the metadata object is written once per backup. */
export class VolumeMetadataBackupExistsError extends Error {
  readonly code = "volume-metadata-backup-exists";
  constructor(
    readonly pool: string,
    readonly objectName: string,
  ) {
    super(`metadata backup object '${objectName}' already exists in pool ${pool}`);
    this.name = "VolumeMetadataBackupExistsError";
  }
}

/**
 * The Ceph backup layout (spec §8) on a real cluster through the `rbd` and `rados` CLIs:
 * base images `volume-<vid>.backup.<bid>` (or the legacy `.backup.base`), restore-point
 * snapshots `backup.<bid>.snap.<ts>`, diffs streamed `export-diff | import-diff`, and the
 * volume metadata object `backup.<bid>.meta` in the container pool.
 */
export class RbdStore {
  readonly kind = "rbd";
  constructor(private readonly cli: CephCli) {}

  async listImages(pool: string): Promise<string[]> {
    const out = await runCeph(this.cli, ["rbd", "ls", "--format", "json", checkRbdName("pool", pool)]);
    return (JSON.parse(out.toString() || "[]") as string[]).sort();
  }

  /** Images named like backup bases, with the volume and backup ids parsed out. */
  async listBackupImages(pool: string): Promise<(BackupImageName & { image: string })[]> {
    return (await this.listImages(pool)).flatMap((image) => {
      const parsed = parseBackupImageName(image);
      return parsed ? [{ image, ...parsed }] : [];
    });
  }

  async createImage(pool: string, image: string, sizeBytes: number, features: readonly string[] = BACKUP_IMAGE_FEATURES): Promise<void> {
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) throw new RangeError(`image size must be a positive integer, got ${sizeBytes}`);
    await this.image(
      ["rbd", "create", "--size", `${sizeBytes}B`, "--image-feature", features.join(","), this.spec(pool, image)],
      pool,
      image,
    );
  }

  async imageInfo(pool: string, image: string): Promise<RbdImageInfo> {
    const out = await this.image(["rbd", "info", "--format", "json", this.spec(pool, image)], pool, image);
    const info = JSON.parse(out.toString()) as { name: string; size: number; features?: string[]; snapshot_count?: number };
    return { name: info.name, size: info.size, features: info.features ?? [], snapshotCount: info.snapshot_count ?? 0 };
  }

  /** Removes an image and its snapshots. */
  async removeImage(pool: string, image: string): Promise<void> {
    await this.image(["rbd", "snap", "purge", "--no-progress", this.spec(pool, image)], pool, image);
    await this.image(["rbd", "rm", "--no-progress", this.spec(pool, image)], pool, image);
  }

  async listSnapshots(pool: string, image: string): Promise<RbdSnapshot[]> {
    const out = await this.image(["rbd", "snap", "ls", "--format", "json", this.spec(pool, image)], pool, image);
    return (JSON.parse(out.toString() || "[]") as { name: string; size: number }[]).map(({ name, size }) => ({ name, size }));
  }

  /** The backup restore points on an image (ceph.py:_get_backup_snap_name's pattern). */
  async listBackupSnapshots(pool: string, image: string): Promise<(BackupSnapName & { snapshot: string })[]> {
    return (await this.listSnapshots(pool, image)).flatMap(({ name }) => {
      const parsed = parseBackupSnapName(name);
      return parsed ? [{ snapshot: name, ...parsed }] : [];
    });
  }

  async createSnapshot(pool: string, image: string, snapshot: string): Promise<void> {
    await this.image(["rbd", "snap", "create", "--no-progress", this.spec(pool, image, snapshot)], pool, image);
  }

  async removeSnapshot(pool: string, image: string, snapshot: string): Promise<void> {
    await this.image(["rbd", "snap", "rm", "--no-progress", this.spec(pool, image, snapshot)], pool, image, undefined, snapshot);
  }

  /** `rbd export-diff [--from-snap F] pool/image@snap -` as a stream (the diff format v1). */
  exportDiff(pool: string, image: string, snapshot: string, fromSnapshot?: string): { stream: Readable; done: Promise<void> } {
    const from = fromSnapshot === undefined ? [] : ["--from-snap", checkRbdName("snapshot", fromSnapshot)];
    const proc = this.cli.spawn(["rbd", "export-diff", "--no-progress", ...from, this.spec(pool, image, snapshot), "-"]);
    proc.stdin.end();
    return { stream: proc.stdout, done: proc.done };
  }

  /** `rbd import-diff - pool/image`: applies a diff and creates its end snapshot on the image. */
  async importDiff(pool: string, image: string, diff: Readable): Promise<void> {
    const proc = this.cli.spawn(["rbd", "import-diff", "--no-progress", "-", this.spec(pool, image)]);
    await Promise.all([pipeline(diff, proc.stdin), proc.done]);
  }

  /**
   * The backup transfer of ceph.py:CephBackupDriver._rbd_diff_transfer: export-diff of the
   * source piped into import-diff of the base image, streamed. Returns the diff's byte count.
   */
  async transferDiff(
    from: { pool: string; image: string; snapshot: string; fromSnapshot?: string },
    to: { pool: string; image: string },
  ): Promise<number> {
    const exported = this.exportDiff(from.pool, from.image, from.snapshot, from.fromSnapshot);
    let bytes = 0;
    exported.stream.on("data", (c: Buffer) => (bytes += c.length));
    await Promise.all([this.importDiff(to.pool, to.image, exported.stream), exported.done]);
    return bytes;
  }

  /** Full image content (at a snapshot if given) as a stream: `rbd export pool/image[@snap] -`. */
  exportImage(pool: string, image: string, snapshot?: string): { stream: Readable; done: Promise<void> } {
    const proc = this.cli.spawn(["rbd", "export", "--no-progress", this.spec(pool, image, snapshot), "-"]);
    proc.stdin.end();
    return { stream: proc.stdout, done: proc.done };
  }

  /** Writes bytes at an offset through librbd (python3-rbd in the Ceph container). */
  async writeImage(pool: string, image: string, offset: number, data: Uint8Array): Promise<void> {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new RangeError(`offset must be a non-negative integer, got ${offset}`);
    const script =
      "import rados,rbd,sys\n" +
      "p,i,o=sys.argv[1],sys.argv[2],int(sys.argv[3])\n" +
      "with rados.Rados(conffile='') as c, c.open_ioctx(p) as io, rbd.Image(io,i) as im:\n" +
      "    d=sys.stdin.buffer.read(); n=im.write(d,o); assert n==len(d), n\n";
    await this.image(
      ["python3", "-c", script, checkRbdName("pool", pool), checkRbdName("image", image), String(offset)],
      pool,
      image,
      data,
    );
  }

  /** ceph.py:VolumeMetadataBackup.set: refuses to overwrite (VolumeMetadataBackupExists). */
  async putBackupMetadata(pool: string, backupId: string, json: Uint8Array): Promise<void> {
    const name = checkRbdName("image", backupMetadataObject(backupId));
    if ((await this.getBackupMetadata(pool, backupId)) !== undefined) throw new VolumeMetadataBackupExistsError(pool, name);
    await runCeph(this.cli, ["rados", "-p", checkRbdName("pool", pool), "put", name, "-"], json);
  }

  /** ceph.py:VolumeMetadataBackup.get: undefined when there is none. */
  async getBackupMetadata(pool: string, backupId: string): Promise<Buffer | undefined> {
    const name = checkRbdName("image", backupMetadataObject(backupId));
    try {
      return await runCeph(this.cli, ["rados", "-p", checkRbdName("pool", pool), "get", name, "-"]);
    } catch (error) {
      if (error instanceof CephCommandError && error.notFound) return undefined;
      throw error;
    }
  }

  /** ceph.py:VolumeMetadataBackup.remove_if_exists. */
  async deleteBackupMetadata(pool: string, backupId: string): Promise<void> {
    const name = checkRbdName("image", backupMetadataObject(backupId));
    try {
      await runCeph(this.cli, ["rados", "-p", checkRbdName("pool", pool), "rm", name]);
    } catch (error) {
      if (!(error instanceof CephCommandError && error.notFound)) throw error;
    }
  }

  private spec(pool: string, image: string, snapshot?: string): string {
    const base = `${checkRbdName("pool", pool)}/${checkRbdName("image", image)}`;
    return snapshot === undefined ? base : `${base}@${checkRbdName("snapshot", snapshot)}`;
  }

  /** Runs an image command; ENOENT becomes RbdImageNotFoundError (or RbdSnapshotNotFoundError
   *  when the image opened but the snapshot is missing). */
  private async image(argv: string[], pool: string, image: string, input?: Uint8Array, snapshot?: string): Promise<Buffer> {
    try {
      return await runCeph(this.cli, argv, input);
    } catch (error) {
      if (error instanceof CephCommandError && error.notFound) {
        if (snapshot !== undefined && !/error opening image/.test(error.stderr)) throw new RbdSnapshotNotFoundError(pool, image, snapshot);
        throw new RbdImageNotFoundError(pool, image);
      }
      throw error;
    }
  }
}
