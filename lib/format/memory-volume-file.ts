import type { VolumeFile } from "./volume-file.ts";
import { isAllZero } from "./zero-memo.ts";

/** A VolumeFile over a byte array (tests, the CLI's in-memory restores, the simulator's small volumes). */
export class MemoryVolumeFile implements VolumeFile {
  readonly bytes: Uint8Array;
  flushes = 0;

  constructor(sizeOrBytes: number | Uint8Array) {
    this.bytes = typeof sizeOrBytes === "number" ? new Uint8Array(sizeOrBytes) : sizeOrBytes;
  }

  get sizeBytes(): number {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.slice(offset, Math.min(this.bytes.length, offset + length));
  }

  async write(offset: number, data: Uint8Array): Promise<void> {
    if (offset < 0 || offset + data.length > this.bytes.length)
      throw new RangeError(`write of ${data.length} at ${offset} outside ${this.bytes.length}-byte volume`);
    this.bytes.set(data, offset);
  }

  isZeroRange(offset: number, length: number): boolean {
    return isAllZero(this.bytes.subarray(offset, Math.min(this.bytes.length, offset + length)));
  }

  async flush(): Promise<void> {
    this.flushes++;
  }
}
