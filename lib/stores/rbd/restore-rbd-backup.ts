import { open } from "node:fs/promises";
import { isAllZero, type RbdBackup } from "../../format/index.ts";
import type { RbdStore } from "./rbd-store.ts";

/** The export ended at another length than the image at the restore point. */
export class RbdRestoreSizeError extends Error {
  readonly code = "rbd-restore-size";
  constructor(
    readonly backupId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`export of backup ${backupId} gave ${actual} bytes, the restore point holds ${expected}`);
    this.name = "RbdRestoreSizeError";
  }
}

const BLOCK = 1 << 20;

/**
 * The full-copy restore of ceph.py:CephBackupDriver._restore_volume / _full_restore onto a file:
 * the base image at the backup's restore point (`copy` backups: the image itself) streamed out by
 * `rbd export`, written in 1 MiB blocks into a fresh file of the image size; all-zero blocks are
 * seeked over (HEAD's volume_is_new) so holes stay holes. `overwrite` truncates an existing file.
 */
export async function restoreRbdBackup(rbd: RbdStore, backup: RbdBackup, outPath: string, overwrite: boolean): Promise<number> {
  const fh = await open(outPath, overwrite ? "w" : "wx", 0o600);
  const exported = rbd.exportImage(backup.pool, backup.baseImage, backup.snapshot ?? undefined);
  const exitedOk = exported.done.then(
    () => true,
    (e: unknown) => e,
  ); // observed below, never unhandled
  let offset = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async (): Promise<void> => {
    const block = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    if (!isAllZero(block)) {
      let done = 0;
      while (done < block.length) done += (await fh.write(block, done, block.length - done, offset + done)).bytesWritten;
    }
    offset += block.length;
    pending = [];
    pendingBytes = 0;
  };
  try {
    await fh.truncate(backup.sizeBytes);
    for await (const chunk of exported.stream as AsyncIterable<Buffer>) {
      let rest = chunk;
      while (rest.length > 0) {
        const take = Math.min(rest.length, BLOCK - pendingBytes);
        pending.push(rest.subarray(0, take));
        pendingBytes += take;
        rest = rest.subarray(take);
        if (pendingBytes === BLOCK) await flush();
      }
      if (offset + pendingBytes > backup.sizeBytes) {
        exported.stream.destroy();
        break;
      }
    }
    if (pendingBytes > 0) await flush();
    if (offset <= backup.sizeBytes) {
      const exited = await exitedOk;
      if (exited !== true) throw exited;
    }
    if (offset !== backup.sizeBytes) throw new RbdRestoreSizeError(backup.backupId, backup.sizeBytes, offset);
    await fh.datasync();
  } finally {
    await fh.close();
  }
  return offset;
}
