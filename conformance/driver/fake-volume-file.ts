import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { VolumeFile } from "../../lib/format/index.ts";
import { type BackingLease, type PageRun, type SparseDevice, PAGE_SIZE } from "./sparse-device.ts";

/**
 * The device a driver reads (backup) or writes (restore), with a page cache: writes land in the
 * volatile view and reach the durable view only on `flush()` (cinder's `os.fsync` after restore).
 * Rules judge the durable view, i.e. what survives a host crash right after the driver returned.
 * Every read and write yields to the event loop, so concurrent driver calls interleave.
 */
export class FakeVolumeFile implements VolumeFile {
  readonly volatile: SparseDevice;
  readonly durable: SparseDevice;
  readonly #dirty = new Set<number>();
  /** The device's version when this file was opened: its backing file holds these bytes while it is unchanged. */
  readonly #openedAt: number;
  reads = 0;
  bytesRead = 0;
  writes = 0;
  flushes = 0;

  constructor(
    readonly volumeId: string,
    device: SparseDevice,
  ) {
    this.durable = device;
    this.#openedAt = device.version;
    this.volatile = device.clone();
  }

  get sizeBytes(): number {
    return this.durable.sizeBytes;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    if (offset < 0 || length < 0) throw new RangeError(`bad read (${offset}, ${length})`);
    this.reads++;
    await yieldToLoop();
    const data = this.volatile.read(offset, length);
    this.bytesRead += data.length;
    return data;
  }

  async write(offset: number, data: Uint8Array): Promise<void> {
    this.writes++;
    await yieldToLoop();
    this.volatile.write(offset, data);
    this.#markDirty(offset, data.length);
  }

  #markDirty(offset: number, length: number): void {
    const first = Math.floor(offset / PAGE_SIZE),
      last = Math.floor((offset + Math.max(0, length - 1)) / PAGE_SIZE);
    for (let p = first; p <= last; p++) this.#dirty.add(p);
  }

  /**
   * A write of whole pages read for this file alone (SharedVolumeFiles reading back a restore):
   * the volatile view keeps them as given, no copy (`SparseDevice.adopt`); other ranges are copied.
   */
  async adoptPages(offset: number, data: Uint8Array): Promise<void> {
    await yieldToLoop();
    this.adoptPagesNow(offset, data);
  }

  /** `adoptPages` without yielding (a deferred load, `deferLoad`). */
  adoptPagesNow(offset: number, data: Uint8Array): void {
    this.writes++;
    const whole = offset % PAGE_SIZE === 0 && (data.length % PAGE_SIZE === 0 || offset + data.length === this.sizeBytes);
    if (whole && data.length > 0) this.volatile.adopt(offset, data);
    else this.volatile.write(offset, data);
    this.#markDirty(offset, data.length);
  }

  /** The current bytes, without yielding (a deferred load). */
  readNow(offset: number, length: number): Uint8Array {
    return this.volatile.read(offset, length);
  }

  /**
   * What the driver wrote last is still only in its file: `load` (SharedVolumeFiles.loadNow) reads
   * it into this file, and flushes it when the driver flushed, at the first look at either device
   * or at this file's pages (SparseDevice.defer).
   */
  deferLoad(load: () => void): void {
    let done = false;
    const once = () => {
      if (done) return;
      done = true;
      load();
    };
    this.volatile.defer(once);
    this.durable.defer(once);
  }

  isZeroRange(offset: number, length: number): boolean {
    return this.volatile.isZeroRange(offset, length);
  }

  /** The current bytes as runs of non-zero pages, frozen (a copy-on-write clone: no bytes copied). */
  pageRuns(): Iterable<PageRun> {
    return this.volatile.clone().pageRuns();
  }

  /**
   * The device's own backing file (SparseDevice.backWith), lent to a driver that reads this file,
   * while it holds exactly this file's bytes: nothing written here, the device unchanged since.
   */
  leaseBacking(): BackingLease | null {
    if (this.writes || this.durable.version !== this.#openedAt) return null;
    return this.durable.backing?.lease() ?? null;
  }

  async flush(): Promise<void> {
    this.flushNow();
  }

  /** `flush` without yielding (a deferred load). */
  flushNow(): void {
    this.volatile.settle();
    this.flushes++;
    for (const page of this.#dirty) this.durable.copyPageFrom(this.volatile, page);
    this.#dirty.clear();
  }

  /** Bytes written but not yet flushed (non-zero means the driver returned before durability). */
  get unflushedPages(): number {
    this.volatile.settle();
    return this.#dirty.size;
  }
}
