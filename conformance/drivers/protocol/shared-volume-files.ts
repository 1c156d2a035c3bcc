import { closeSync, fstatSync, openSync, readSync, rmSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import type { VolumeFile } from "../../../lib/format/index.ts";
import { PAGE_SIZE, type BackingLease, type PageRun } from "../../driver/sparse-device.ts";
import { VolumeFileBacking } from "./volume-file-backing.ts";

/** Copy unit between a VolumeFile and its shared file (zero ranges are holes, never written). */
const STEP = 1024 * 1024;
const ZERO = Buffer.alloc(STEP);

/** memcmp against zeros (a byte loop in JS costs more than the driver's own I/O). */
function isZero(b: Uint8Array): boolean {
  return Buffer.compare(Buffer.from(b.buffer, b.byteOffset, b.byteLength), ZERO.subarray(0, b.byteLength)) === 0;
}

/** Whether a step of the file (`now`) differs from the device's bytes there (`before`; null: zeros). */
function differs(now: Uint8Array, before: Uint8Array | null): boolean {
  return before === null ? !isZero(now) : Buffer.compare(now, Buffer.from(before.buffer, before.byteOffset, before.byteLength)) !== 0;
}

/** A restore must not change the volume file's size (`size`: the file's, as the driver left it). */
export function checkSize(file: VolumeFile, size: number): void {
  if (size !== file.sizeBytes) throw new Error(`restore changed the size of the volume file from ${file.sizeBytes} to ${size} bytes`);
}

/** Pages per writev (Linux's IOV_MAX is 1024). */
const WRITEV_PAGES = 256;

/** A VolumeFile that hands out its non-zero pages (FakeVolumeFile): exported without a read copy. */
export interface PagedVolumeFile extends VolumeFile {
  pageRuns(): Iterable<PageRun>;
}

/**
 * A VolumeFile that can keep whole pages it is handed instead of copying them (FakeVolumeFile):
 * what a restore wrote is read back into buffers of its own and kept as they are.
 */
export interface AdoptingVolumeFile extends VolumeFile {
  adoptPages(offset: number, data: Uint8Array): Promise<void>;
}

/**
 * A VolumeFile whose bytes are a backing file's as they stand (FakeVolumeFile over a device backed
 * by its own file, SparseDevice.backWith): a backup lends the driver that file instead of an export.
 */
export interface LeasingVolumeFile extends VolumeFile {
  leaseBacking(): BackingLease | null;
}

/**
 * A VolumeFile that can take what a restore wrote later, at the first look at it (FakeVolumeFile:
 * SparseDevice.defer), synchronously.
 */
export interface DeferringVolumeFile extends VolumeFile {
  deferLoad(load: () => void): void;
  readNow(offset: number, length: number): Uint8Array;
  adoptPagesNow(offset: number, data: Uint8Array): void;
  flushNow(): void;
  isZeroRange(offset: number, length: number): boolean;
}

/** A byte range of the volume file the driver wrote (`[offset, length]`, from the shim). */
export type WrittenRange = readonly [offset: number, length: number];

/**
 * Volume data crosses the protocol as files in a directory shared with the driver process:
 * the harness writes the device into a sparse file before `backup`/`restore`, and after
 * `restore` copies back every range the driver changed. `hostDir` is the directory as the
 * harness sees it, `driverDir` as the driver sees it (the same unless it runs in a container).
 */
export class SharedVolumeFiles {
  #n = 0;
  constructor(
    readonly hostDir: string,
    readonly driverDir = hostDir,
  ) {}

  /** A new file to back a volume's device with (volume-file-backing.ts); made at its first write. */
  backing(volumeId: string, sizeBytes: number): VolumeFileBacking {
    const name = `volume-${volumeId}-${++this.#n}`;
    return new VolumeFileBacking(join(this.hostDir, name), join(this.driverDir, name), sizeBytes);
  }

  /** Writes the device's content into a new sparse file; returns both paths. */
  async export(volumeId: string, file: VolumeFile | PagedVolumeFile): Promise<{ hostPath: string; driverPath: string }> {
    const name = `volume-${volumeId}-${++this.#n}`;
    const hostPath = join(this.hostDir, name);
    const fh = await open(hostPath, "w");
    try {
      await fh.truncate(file.sizeBytes);
      if ("pageRuns" in file) {
        // the device's own page buffers, straight into the file (no read into a copy first)
        for (const run of file.pageRuns()) {
          for (let i = 0; i < run.pages.length; i += WRITEV_PAGES) {
            const part = run.pages.slice(i, i + WRITEV_PAGES);
            const at = run.offset + i * PAGE_SIZE;
            const want = part.reduce((n, p) => n + p.length, 0);
            const { bytesWritten } = await fh.writev(part, at);
            if (bytesWritten !== want)
              await fh.write(Buffer.concat(part).subarray(bytesWritten), 0, want - bytesWritten, at + bytesWritten);
          }
        }
        return { hostPath, driverPath: join(this.driverDir, name) };
      }
      for (let off = 0; off < file.sizeBytes; off += STEP) {
        const len = Math.min(STEP, file.sizeBytes - off);
        if (file.isZeroRange?.(off, len)) continue;
        const data = await file.read(off, len);
        if (!isZero(data)) await fh.write(data, 0, data.length, off);
      }
    } finally {
      await fh.close();
    }
    return { hostPath, driverPath: join(this.driverDir, name) };
  }

  /**
   * Copies into `file` every range whose bytes differ from the device's; flushes when the driver
   * did. `only` limits the comparison to ranges the shim saw the driver write (mid-restore syncs);
   * without it the whole file is compared (the final, exact import).
   */
  async importChanges(hostPath: string, file: VolumeFile, flushed: boolean, only?: readonly WrittenRange[]): Promise<void> {
    const fh = await open(hostPath, "r");
    // A buffer of its own per step, read for `file` alone: an adopting file keeps its whole pages as
    // they are (one copy of what the driver wrote, from the page cache, instead of two).
    const put =
      "adoptPages" in file
        ? (off: number, b: Uint8Array) => (file as AdoptingVolumeFile).adoptPages(off, b)
        : (off: number, b: Uint8Array) => file.write(off, b);
    try {
      const size = (await fh.stat()).size;
      checkSize(file, size);
      const ranges = only ?? [[0, size] as const];
      // The step's buffer is handed to `file` when its bytes go there; otherwise (zeros on zeros,
      // unchanged bytes: most of a sparse volume) it serves the next step, not a new one each MiB.
      let spare: Buffer | null = null;
      for (const [start, length] of ranges) {
        const end = Math.min(size, start + length);
        for (let off = Math.max(0, start); off < end; off += STEP) {
          const len = Math.min(STEP, end - off);
          const buf: Buffer = spare ?? Buffer.allocUnsafeSlow(STEP);
          spare = null;
          const { bytesRead } = await fh.read(buf, 0, len, off);
          const now = new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
          // where the device holds zeros there is nothing to read: only the file's bytes to test
          if (differs(now, file.isZeroRange?.(off, len) ? null : await file.read(off, len))) await put(off, now);
          else spare = buf;
        }
      }
    } finally {
      await fh.close();
    }
    if (flushed) await file.flush();
  }

  /**
   * `importChanges` of the whole file, synchronously (a restore's deferred load: the first look at
   * its target), then removes the file. What the driver wrote is read once, into buffers the target
   * keeps; ranges equal to the target's bytes are not copied.
   */
  loadNow(hostPath: string, file: DeferringVolumeFile, flushed: boolean): void {
    const fd = openSync(hostPath, "r");
    try {
      const size = fstatSync(fd).size;
      checkSize(file, size);
      let spare: Buffer | null = null;
      for (let off = 0; off < size; off += STEP) {
        const len = Math.min(STEP, size - off);
        const buf: Buffer = spare ?? Buffer.allocUnsafeSlow(STEP);
        spare = null;
        const now = new Uint8Array(buf.buffer, buf.byteOffset, readSync(fd, buf, 0, len, off));
        if (differs(now, file.isZeroRange(off, len) ? null : file.readNow(off, len))) file.adoptPagesNow(off, now);
        else spare = buf;
      }
    } finally {
      closeSync(fd);
    }
    if (flushed) file.flushNow();
    rmSync(hostPath, { force: true });
  }

  async remove(hostPath: string): Promise<void> {
    await rm(hostPath, { force: true });
  }
}
