import { createHash } from "node:crypto";

/** Page size of the in-memory device: untouched pages cost nothing and read as zeros. */
export const PAGE_SIZE = 64 * 1024;

/**
 * An in-memory sparse block device of a fixed size. Pages never written are zeros and hold no
 * memory, so a "1 GiB" device with a few written blocks stays small.
 */
export class SparseDevice {
  readonly #pages = new Map<number, Uint8Array>();

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
      }
      p.set(data.subarray(i, i + n), within);
      i += n;
    }
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

  /** This page's bytes become `other`'s (one copy; a page neither has written stays unallocated). */
  copyPageFrom(other: SparseDevice, page: number): void {
    const src = other.#pages.get(page),
      dst = this.#pages.get(page);
    if (dst) {
      if (src) dst.set(src);
      else dst.fill(0);
    } else if (src) this.#pages.set(page, src.slice());
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

  clone(): SparseDevice {
    const c = new SparseDevice(this.sizeBytes);
    for (const page of this.pageIndexes()) c.copyPageFrom(this, page);
    return c;
  }
}

const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

function isZeroBytes(b: Uint8Array): boolean {
  return Buffer.compare(b, ZERO_PAGE.subarray(0, b.length)) === 0;
}
