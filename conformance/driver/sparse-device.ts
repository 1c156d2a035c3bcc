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

  constructor(readonly sizeBytes: number) {
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes < 0) throw new RangeError(`bad device size ${sizeBytes}`);
  }

  read(offset: number, length: number): Uint8Array {
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
      i += n;
    }
  }

  /**
   * `write` of whole pages the caller hands over (`offset` page-aligned; `data` whole pages, or
   * ending at the device's end): the device keeps views of `data` instead of copying it, so
   * nobody may change `data` afterwards. All-zero pages are dropped (zeros, no memory).
   */
  adopt(offset: number, data: Uint8Array): void {
    if (offset % PAGE_SIZE !== 0 || (data.length % PAGE_SIZE !== 0 && offset + data.length !== this.sizeBytes))
      throw new RangeError(`adopt of ${data.length} bytes at ${offset}: not whole pages`);
    if (offset < 0 || offset + data.length > this.sizeBytes)
      throw new RangeError(`adopt of ${data.length} bytes at ${offset} past the end of a ${this.sizeBytes}-byte device`);
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
    const p = this.#pages.get(page);
    return p ? p.subarray(0, Math.min(PAGE_SIZE, this.sizeBytes - page * PAGE_SIZE)) : null;
  }

  /** True when the range holds only zeros. */
  isZeroRange(offset: number, length: number): boolean {
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
    return [...this.#pages.keys()].sort((a, b) => a - b);
  }

  /** This page's bytes become `other`'s: the two share its buffer (no copy) until either writes it. */
  copyPageFrom(other: SparseDevice, page: number): void {
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

/** Adjacent non-zero pages of a device (SparseDevice.pageRuns). */
export interface PageRun {
  offset: number;
  pages: Uint8Array[];
}

const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

function isZeroBytes(b: Uint8Array): boolean {
  return Buffer.compare(b, ZERO_PAGE.subarray(0, b.length)) === 0;
}
