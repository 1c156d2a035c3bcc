import { open, type FileHandle } from "node:fs/promises";
import type { VolumeFile } from "./volume-file.ts";
import { isAllZero } from "./zero-memo.ts";

/**
 * A VolumeFile over a regular file. Opened `fresh`, the file is truncated to the volume size and
 * all-zero writes are skipped (what cinder 2023.2+ does for new volumes: the holes read as zeros),
 * so a mostly-empty image stays sparse on disk.
 */
export class FileVolumeFile implements VolumeFile {
  private constructor(
    private readonly fh: FileHandle,
    readonly sizeBytes: number,
    private readonly skipZeroWrites: boolean,
  ) {}

  static async openForRead(path: string): Promise<FileVolumeFile> {
    const fh = await open(path, "r");
    return new FileVolumeFile(fh, (await fh.stat()).size, false);
  }

  /** Creates (or, with `overwrite`, truncates) `path` as a sparse file of `sizeBytes`. */
  static async createFresh(path: string, sizeBytes: number, overwrite: boolean): Promise<FileVolumeFile> {
    const fh = await open(path, overwrite ? "w+" : "wx+", 0o600);
    await fh.truncate(sizeBytes);
    return new FileVolumeFile(fh, sizeBytes, true);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const n = Math.max(0, Math.min(length, this.sizeBytes - offset));
    const buf = Buffer.allocUnsafe(n);
    let got = 0;
    while (got < n) {
      const { bytesRead } = await this.fh.read(buf, got, n - got, offset + got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got);
  }

  /**
   * Non-zero runs go out as one write each (one thread-pool call: the copy overlaps whatever this
   * thread does meanwhile, e.g. verify's hashing during `cbh store restore`); all-zero MiBs of a fresh
   * file are skipped.
   */
  async write(offset: number, data: Uint8Array): Promise<void> {
    if (offset < 0 || offset + data.length > this.sizeBytes)
      throw new RangeError(`write of ${data.length} at ${offset} outside ${this.sizeBytes}-byte volume`);
    const piece = 1 << 20;
    let run = -1;
    for (let off = 0; off < data.length; off += piece) {
      const zero = this.skipZeroWrites && isAllZero(data.subarray(off, Math.min(data.length, off + piece)));
      if (!zero && run < 0) run = off;
      if (zero && run >= 0) {
        await this.#writeAll(data.subarray(run, off), offset + run);
        run = -1;
      }
    }
    if (run >= 0) await this.#writeAll(data.subarray(run), offset + run);
  }

  async #writeAll(part: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < part.length) done += (await this.fh.write(part, done, part.length - done, position + done)).bytesWritten;
  }

  async flush(): Promise<void> {
    await this.fh.datasync();
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
