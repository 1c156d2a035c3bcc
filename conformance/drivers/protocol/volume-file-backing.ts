import { closeSync, ftruncateSync, openSync, rmSync, writeSync } from "node:fs";
import type { BackingLease, DeviceBacking } from "../../driver/sparse-device.ts";

/**
 * A harness volume's own file in the directory shared with the driver process, written as the
 * rules write the volume's device (SparseDevice.backWith), so that the volume's first backup hands
 * the driver a file that already holds the volume, as cinder's manager hands it the attached
 * device, instead of writing the volume into a new file before the call (SharedVolumeFiles.export,
 * still the path for every later backup, for a restore and for any device the file no longer follows).
 *
 * Made at the first write (a volume never written needs none). Lent to one backup and removed when
 * that call ends: a kept file would hold a second copy of every volume in the page cache for the
 * rest of the rule, memory the next calls then have to take anew (on a VM that reclaims freed
 * memory, the dearest part of a call: README, bench:drivers). While it is lent a write is refused,
 * so the device drops the file and the call keeps reading the bytes it started with.
 */
export class VolumeFileBacking implements DeviceBacking {
  #fd: number | null = null;
  #lent = false;
  #closed = false;

  constructor(
    readonly hostPath: string,
    readonly driverPath: string,
    readonly sizeBytes: number,
  ) {}

  write(offset: number, data: Uint8Array): boolean {
    if (this.#closed || this.#lent) return false;
    try {
      if (this.#fd === null) {
        this.#fd = openSync(this.hostPath, "wx");
        ftruncateSync(this.#fd, this.sizeBytes);
      }
      for (let done = 0; done < data.length;) done += writeSync(this.#fd, data, done, data.length - done, offset + done);
      return true;
    } catch {
      this.close();
      return false;
    }
  }

  lease(): BackingLease | null {
    if (this.#closed || this.#lent || this.#fd === null) return null;
    this.#lent = true;
    return { hostPath: this.hostPath, driverPath: this.driverPath, release: () => this.close() };
  }

  /** Closes and removes the file; the device it backed drops it at its next write. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#fd !== null) closeSync(this.#fd);
    rmSync(this.hostPath, { force: true });
  }

  get closed(): boolean {
    return this.#closed;
  }
}
