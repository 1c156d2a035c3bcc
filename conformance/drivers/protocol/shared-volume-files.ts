import { open, rm } from "node:fs/promises";
import { join } from "node:path";
import type { VolumeFile } from "../../../lib/format/index.ts";

/** Copy unit between a VolumeFile and its shared file (zero ranges are holes, never written). */
const STEP = 64 * 1024;

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

  /** Writes the device's content into a new sparse file; returns both paths. */
  async export(volumeId: string, file: VolumeFile): Promise<{ hostPath: string; driverPath: string }> {
    const name = `volume-${volumeId}-${++this.#n}`;
    const hostPath = join(this.hostDir, name);
    const fh = await open(hostPath, "w");
    try {
      await fh.truncate(file.sizeBytes);
      for (let off = 0; off < file.sizeBytes; off += STEP) {
        const len = Math.min(STEP, file.sizeBytes - off);
        if (file.isZeroRange?.(off, len)) continue;
        const data = await file.read(off, len);
        if (data.some((b) => b !== 0)) await fh.write(data, 0, data.length, off);
      }
    } finally {
      await fh.close();
    }
    return { hostPath, driverPath: join(this.driverDir, name) };
  }

  /** Copies into `file` every range whose bytes differ from the device's; flushes when the driver did. */
  async importChanges(hostPath: string, file: VolumeFile, flushed: boolean): Promise<void> {
    const fh = await open(hostPath, "r");
    try {
      const size = (await fh.stat()).size;
      if (size !== file.sizeBytes) throw new Error(`restore changed the size of the volume file from ${file.sizeBytes} to ${size} bytes`);
      const buf = new Uint8Array(STEP);
      for (let off = 0; off < size; off += STEP) {
        const len = Math.min(STEP, size - off);
        const { bytesRead } = await fh.read(buf, 0, len, off);
        const now = buf.subarray(0, bytesRead);
        const before = await file.read(off, len);
        if (!sameBytes(before, now)) await file.write(off, now.slice());
      }
    } finally {
      await fh.close();
    }
    if (flushed) await file.flush();
  }

  async remove(hostPath: string): Promise<void> {
    await rm(hostPath, { force: true });
  }
}

/** Native comparison: a 4 GiB+ volume is 65,536 steps, a JavaScript byte loop would take seconds. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
