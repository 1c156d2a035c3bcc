import { createHash } from "node:crypto";

/** Page size of the in-memory device: untouched pages cost nothing and read as zeros. */
export const PAGE_SIZE = 64 * 1024;

/**
 * An in-memory sparse block device of a fixed size. Pages never written are zeros and hold no
 * memory, so a "1 GiB" device with a few written blocks stays small.
 *
 * Pages are copy-on-write between devices: `clone()` and `copyPageFrom` share page buffers, and
 * a device writes into a page only while it owns it (`#owned`), copying it first otherwise. A
 * clone per backup and restore (FakeVolumeFile) then costs no copy of the volume's bytes, and
 * neither device ever sees the other's later writes.
 */
export class SparseDevice {
  readonly #pages = new Map<number, Uint8Array>();
  /** Pages whose buffer no other device holds: written in place; any other page is copied first. */
  readonly #owned = new Set<number>();
  /** Bumped by every change of the device's bytes (or of which pages it holds). */
  #version = 0;
  /** The file `write` keeps equal to this device (`backWith`); null once it no longer is. */
  #backing: DeviceBacking | null = null;
  /** Bytes still in a driver's file, read in before anything looks at this device (`defer`). */
  #pending: (() => void) | null = null;

  constructor(readonly sizeBytes: number) {
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError(`bad device size ${sizeBytes}`);
  }

  /**
   * `load` runs before anything next reads or changes this device (any method): what a driver
   * wrote into its volume file, read in at the first look instead of at the end of the driver
   * call (FakeVolumeFile.deferLoad), as a real device is read only when somebody reads it.
   */
  defer(load: () => void): void {
    this.settle();
    this.#pending = load;
  }

  /** Runs a deferred load now (see `defer`). */
  settle(): void {
    const load = this.#pending;
    if (!load) return;
    this.#pending = null;
    load();
  }

  /** Changes so far: equal versions of one device mean equal bytes. */
  get version(): number {
    this.settle();
    return this.#version;
  }

  /**
   * From now on `write` also writes its bytes to `backing` (a protocol driver's volume file, so the
   * volume's first backup reads it where it already is, as cinder's driver reads the attached
   * device, instead of a copy written just before the call). Only a device never written can be backed (an
   * empty file holds its zeros). Any other change (`adopt`, `copyPageFrom`) or a refused write
   * ends the backing: the file is then stale and `backing` null.
   */
  backWith(backing: DeviceBacking): void {
    this.settle();
    if (this.#version !== 0 || this.#pages.size) throw new Error("only a device never written can be backed by a file");
    this.#backing = backing;
  }

  /** The file that holds exactly this device's bytes, if any (see `backWith`). */
  get backing(): DeviceBacking | null {
    this.settle();
    if (this.#backing?.closed) this.#backing = null;
    return this.#backing;
  }

  #unback(): void {
    this.#version++;
    this.#backing = null;
  }

  read(offset: number, length: number): Uint8Array {
    this.settle();
    const end = Math.min(this.sizeBytes, offset + Math.max(0, length));
    const out = new Uint8Array(Math.max(0, end - offset));
    for (let pos = offset; pos < end;) {
      const page = Math.floor(pos / PAGE_SIZE),
        within = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - within, end - pos);
      const p = this.#pages.get(page);
      if (p) out.set(p.subarray(within, within + n), pos - offset);
      pos += n;
    }
    return out;
  }

  write(offset: number, data: Uint8Array): void {
    this.settle();
    if (offset < 0 || offset + data.length > this.sizeBytes) {
      throw new RangeError(`write of ${data.length} bytes at ${offset} past the end of a ${this.sizeBytes}-byte device`);
    }
    for (let i = 0; i < data.length;) {
      const pos = offset + i,
        page = Math.floor(pos / PAGE_SIZE),
        within = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - within, data.length - i);
      let p = this.#pages.get(page);
      // A zero write to an untouched page changes nothing: keep it unallocated (a restore of a
      // mostly-empty multi-GiB volume writes its zeros too).
      if (!p && isZeroBytes(data.subarray(i, i + n))) {
        i += n;
        continue;
      }
      if (!p) {
        p = new Uint8Array(PAGE_SIZE);
        this.#pages.set(page, p);
        this.#owned.add(page);
      } else if (!this.#owned.has(page)) {
        p = p.slice(); // shared with another device: copy before writing
        this.#pages.set(page, p);
        this.#owned.add(page);
      }
      p.set(data.subarray(i, i + n), within);
      this.#version++;
      if (this.#backing && !this.#backing.write(pos, data.subarray(i, i + n))) this.#backing = null;
      i += n;
    }
  }

  /**
   * `write` of whole pages the caller hands over (`offset` page-aligned; `data` whole pages, or
   * ending at the device's end): the device keeps views of `data` instead of copying it, so
   * nobody may change `data` afterwards. All-zero pages are dropped (zeros, no memory).
   */
  adopt(offset: number, data: Uint8Array): void {
    this.settle();
    if (offset % PAGE_SIZE !== 0 || (data.length % PAGE_SIZE !== 0 && offset + data.length !== this.sizeBytes))
      throw new RangeError(`adopt of ${data.length} bytes at ${offset}: not whole pages`);
    if (offset < 0 || offset + data.length > this.sizeBytes)
      throw new RangeError(`adopt of ${data.length} bytes at ${offset} past the end of a ${this.sizeBytes}-byte device`);
    this.#unback();
    for (let i = 0; i < data.length; i += PAGE_SIZE) {
      const page = (offset + i) / PAGE_SIZE;
      const bytes = data.subarray(i, i + PAGE_SIZE);
      if (isZeroBytes(bytes)) {
        if (!this.#pages.has(page)) continue; // zeros where zeros were: no change
        this.#pages.delete(page);
        this.#owned.delete(page);
      } else {
        let own = bytes;
        if (own.length < PAGE_SIZE) {
          own = new Uint8Array(PAGE_SIZE); // a short last page gets a whole page of its own, as `write` gives it
          own.set(bytes);
        }
        this.#pages.set(page, own);
        this.#owned.add(page);
      }
    }
  }

  /**
   * A page's bytes (cut at the device's end), or null for zeros: a view of the device's own
   * buffer, to write out without a copy. Take it from a `clone()` (see `pageRuns`).
   */
  pageView(page: number): Uint8Array | null {
    this.settle();
    const p = this.#pages.get(page);
    return p ? p.subarray(0, Math.min(PAGE_SIZE, this.sizeBytes - page * PAGE_SIZE)) : null;
  }

  /** True when the range holds only zeros. */
  isZeroRange(offset: number, length: number): boolean {
    this.settle();
    const end = Math.min(this.sizeBytes, offset + length);
    for (let pos = offset; pos < end;) {
      const page = Math.floor(pos / PAGE_SIZE),
        within = pos % PAGE_SIZE;
      const n = Math.min(PAGE_SIZE - within, end - pos);
      const p = this.#pages.get(page);
      if (p && !isZeroBytes(p.subarray(within, within + n))) return false;
      pos += n;
    }
    return true;
  }

  /** Pages written so far (page index → bytes); used to copy dirty pages on flush. */
  pageIndexes(): number[] {
    this.settle();
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** This page's bytes become `other`'s: the two share its buffer (no copy) until either writes it. */
  copyPageFrom(other: SparseDevice, page: number): void {
    this.settle();
    other.settle();
    this.#unback();
    const src = other.#pages.get(page);
    if (src) {
      this.#pages.set(page, src);
      this.#owned.delete(page);
      other.#owned.delete(page);
    } else {
      this.#pages.delete(page); // a page neither has written stays unallocated
      this.#owned.delete(page);
    }
  }

  /** sha256 (hex) of the whole device content. */
  sha256(): string {
    this.settle();
    const h = createHash("sha256");
    const zero = new Uint8Array(PAGE_SIZE);
    const pages = Math.ceil(this.sizeBytes / PAGE_SIZE);
    for (let i = 0; i < pages; i++) {
      const len = Math.min(PAGE_SIZE, this.sizeBytes - i * PAGE_SIZE);
      const p = this.#pages.get(i);
      h.update((p ?? zero).subarray(0, len));
    }
    return h.digest("hex");
  }

  /** First differing byte offset against another device, or -1 when equal (visits only pages either side wrote). */
  firstDifference(other: SparseDevice): number {
    this.settle();
    other.settle();
    if (other.sizeBytes !== this.sizeBytes) return Math.min(other.sizeBytes, this.sizeBytes);
    const pages = [...new Set([...this.#pages.keys(), ...other.pageIndexes()])].sort((a, b) => a - b);
    for (const page of pages) {
      const off = page * PAGE_SIZE;
      const a = this.read(off, PAGE_SIZE),
        b = other.read(off, PAGE_SIZE);
      if (Buffer.compare(a, b) === 0) continue;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return off + i;
    }
    return -1;
  }

  /** A device with this one's bytes, sharing its pages copy-on-write (no bytes copied). */
  clone(): SparseDevice {
    this.settle();
    const c = new SparseDevice(this.sizeBytes);
    for (const [page, bytes] of this.#pages) c.#pages.set(page, bytes);
    this.#owned.clear();
    return c;
  }

  /**
   * The pages holding a non-zero byte, as runs of adjacent pages (`offset`: the first page's byte
   * offset, `pages`: their buffers, the last one cut at the device's end). Views of the device's
   * own buffers, for writing them out without a copy: take them from a `clone()`, whose shared
   * pages nobody writes in place (SharedVolumeFiles.export via FakeVolumeFile.pageRuns).
   */
  *pageRuns(): Generator<PageRun> {
    this.settle();
    let run: PageRun | null = null;
    let next = -1;
    for (const page of this.pageIndexes()) {
      const bytes = this.#pages.get(page)!.subarray(0, Math.min(PAGE_SIZE, this.sizeBytes - page * PAGE_SIZE));
      if (isZeroBytes(bytes)) continue; // a hole in the file, as before
      if (run && page === next) run.pages.push(bytes);
      else {
        if (run) yield run;
        run = { offset: page * PAGE_SIZE, pages: [bytes] };
      }
      next = page + 1;
    }
    if (run) yield run;
  }
}

/**
 * A file kept equal to a device (SparseDevice.backWith): the protocol's shared volume file
 * (conformance/drivers/protocol/volume-file-backing.ts).
 */
export interface DeviceBacking {
  /** Writes `data` at `offset`; false when it cannot (in use by a driver, closed, an I/O error): the device then drops it. */
  write(offset: number, data: Uint8Array): boolean;
  /**
   * The file, handed to one driver call that reads it, or null (never written, lent, closed).
   * Writes are refused while it is lent; `release()` ends the backing (the file is removed).
   */
  lease(): BackingLease | null;
  /** True once the file is gone (released, closed, an I/O error). */
  readonly closed: boolean;
}

/** A backing file lent to one driver call: `release()` when the call ended (the file then goes). */
export interface BackingLease {
  /** The file as the harness sees it, and as the driver process does (a container's mount). */
  readonly hostPath: string;
  readonly driverPath: string;
  release(): void;
}

/** Adjacent non-zero pages of a device (SparseDevice.pageRuns). */
export interface PageRun {
  offset: number;
  pages: Uint8Array[];
}

const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

function isZeroBytes(b: Uint8Array): boolean {
  return Buffer.compare(b, ZERO_PAGE.subarray(0, b.length)) === 0;
}
