import { createHash } from "node:crypto";
import { plainBytes, type ByteAllocator, type VolumeFile } from "../../lib/format/index.ts";

/** Extent granularity of the sparse map (bytes). */
export const EXTENT = 65536;
const ZERO_EXTENT = new Uint8Array(EXTENT);

/**
 * A fake block device: sparse extents (absent = zeros), copy-on-write snapshots (extents are
 * shared and copied on first write), and an attach state for the volume service.
 */
export class BlockDevice {
  #extents: Map<number, Uint8Array>;
  /**
   * Extents only this device refers to (allocated by its own writes since it was last cloned, and
   * never handed out: `read` copies): written in place instead of copied (fewer 64 KiB ArrayBuffers
   * per run, so fewer garbage collections triggered by external memory; docs/performance.md).
   */
  #owned = new Set<Uint8Array>();
  attachedTo: string | null = null;
  /** `sha256()` since the last write (writes and writeZeros clear it): a model run compares every volume after each step. */
  #sha256: string | null = null;
  /** Bumped by every write and writeZeros: what `sameBytes` remembers its last answer by. */
  #generation = 0;
  /** The last `sameBytes` answer, with both devices' generations when it was given. */
  #compared: { other: BlockDevice; mine: number; theirs: number; same: boolean } | null = null;

  /** Where extents this device allocates come from (a chaos run's `ByteArena`; default: one buffer each). */
  readonly #bytes: ByteAllocator;

  constructor(
    readonly id: string,
    readonly sizeBytes: number,
    extents?: Map<number, Uint8Array>,
    bytes: ByteAllocator = plainBytes,
  ) {
    this.#extents = extents ?? new Map();
    this.#bytes = bytes;
  }

  /** A copy-on-write snapshot or clone (shares extents until either side writes). */
  cloneAs(id: string, sizeBytes = this.sizeBytes): BlockDevice {
    const extents = new Map<number, Uint8Array>();
    for (const [i, e] of this.#extents) if (i * EXTENT < sizeBytes) extents.set(i, e);
    this.#owned.clear(); // shared with the clone from now on: the next write copies
    return new BlockDevice(id, sizeBytes, extents, this.#bytes);
  }

  /** Allocated extents (the sparse map's size). */
  get allocatedExtents(): number {
    return this.#extents.size;
  }

  read(offset: number, length: number): Uint8Array {
    const end = Math.min(this.sizeBytes, offset + Math.max(0, length));
    const out = new Uint8Array(Math.max(0, end - offset));
    for (let pos = offset; pos < end;) {
      const i = Math.floor(pos / EXTENT);
      const within = pos - i * EXTENT;
      const n = Math.min(EXTENT - within, end - pos);
      const e = this.#extents.get(i);
      if (e) out.set(e.subarray(within, within + n), pos - offset);
      pos += n;
    }
    return out;
  }

  /**
   * `read` for a caller that never changes the result: when the range lies in extents this device
   * never writes in place (adopted or shared, not owned) that are consecutive pieces of one buffer
   * (content adopted by `fillVolume`, an object a restore handed over), a view of them instead of a
   * copy. Same bytes as `read`.
   */
  readView(offset: number, length: number): Uint8Array {
    const end = Math.min(this.sizeBytes, offset + Math.max(0, length));
    const first = Math.floor(offset / EXTENT);
    const e0 = end > offset ? this.#extents.get(first) : undefined;
    if (!e0 || this.#owned.has(e0)) return this.read(offset, length);
    const last = Math.floor((end - 1) / EXTENT);
    for (let i = first + 1; i <= last; i++) {
      const e = this.#extents.get(i);
      if (!e || e.buffer !== e0.buffer || e.byteOffset !== e0.byteOffset + (i - first) * EXTENT || this.#owned.has(e))
        return this.read(offset, length);
    }
    return new Uint8Array(e0.buffer, e0.byteOffset + (offset - first * EXTENT), end - offset);
  }

  write(offset: number, data: Uint8Array): void {
    this.#write(offset, data, false);
  }

  /**
   * `write` of a buffer the caller hands over (freshly generated content it never touches again):
   * whole extents of it become the device's extents without a copy. Same bytes as `write`. With a
   * pooled allocator (ByteArena) only a buffer in its memory is kept; any other is copied in, so that
   * it dies young (a restore's inflated object).
   */
  adopt(offset: number, data: Uint8Array): void {
    this.#write(offset, data, true);
  }

  #write(offset: number, data: Uint8Array, adopt: boolean): void {
    this.#sha256 = null;
    this.#generation++;
    if (offset < 0 || offset + data.length > this.sizeBytes) {
      throw new RangeError(`write of ${data.length} bytes at ${offset} is outside device ${this.id} (${this.sizeBytes} bytes)`);
    }
    for (let pos = offset, src = 0; src < data.length;) {
      const i = Math.floor(pos / EXTENT);
      const within = pos - i * EXTENT;
      const n = Math.min(EXTENT - within, data.length - src);
      const chunk = data.subarray(src, src + n);
      const existing = this.#extents.get(i);
      pos += n;
      src += n;
      if (!existing && isZero(chunk)) continue;
      let e: Uint8Array;
      if (n === EXTENT && adopt && (!this.#bytes.pooled || this.#bytes.owns(chunk)))
        e = chunk; // nothing else refers to it: never mutated (not owned)
      else if (existing && this.#owned.has(existing))
        e = existing; // only this device sees it
      else {
        e = this.#bytes.alloc(EXTENT);
        if (existing && n < EXTENT) e.set(existing);
        this.#owned.add(e);
      }
      if (e !== chunk) e.set(chunk, within);
      if (existing && existing !== e) this.#owned.delete(existing);
      if (isZero(e)) {
        this.#extents.delete(i);
        this.#owned.delete(e);
      } else this.#extents.set(i, e);
    }
  }

  /**
   * `write(offset, zeros(length))` without the buffer: extents inside the range are dropped, the
   * ones it cuts are zeroed in part. Costs the allocated extents (or the range's extent slots, if
   * fewer), not the length.
   */
  writeZeros(offset: number, length: number): void {
    this.#sha256 = null;
    this.#generation++;
    if (offset < 0 || length < 0 || offset + length > this.sizeBytes) {
      throw new RangeError(`write of ${length} bytes at ${offset} is outside device ${this.id} (${this.sizeBytes} bytes)`);
    }
    const end = offset + length;
    const first = Math.floor(offset / EXTENT);
    const last = Math.ceil(end / EXTENT);
    // Whichever is fewer: the allocated extents, or the extent slots the range covers.
    const slots =
      last - first <= this.#extents.size ? Array.from({ length: last - first }, (_, k) => first + k) : [...this.#extents.keys()];
    for (const i of slots) {
      if (!this.#extents.has(i)) continue;
      const from = Math.max(offset, i * EXTENT);
      const to = Math.min(end, (i + 1) * EXTENT);
      if (from >= to) continue;
      const existing = this.#extents.get(i)!;
      if (to - from === EXTENT) {
        this.#extents.delete(i);
        this.#owned.delete(existing);
        continue;
      }
      const e = this.#owned.has(existing) ? existing : this.#bytes.copy(existing);
      e.fill(0, from - i * EXTENT, to - i * EXTENT);
      this.#owned.add(e);
      if (isZero(e)) {
        this.#extents.delete(i);
        this.#owned.delete(e);
      } else this.#extents.set(i, e);
    }
  }

  /** True when the range has no allocated extent with data. */
  isZeroRange(offset: number, length: number): boolean {
    const first = Math.floor(offset / EXTENT);
    const last = Math.floor((offset + length - 1) / EXTENT);
    for (let i = first; i <= last; i++) {
      const e = this.#extents.get(i);
      if (!e) continue;
      // The part of the extent inside the range, looked at in place (no copy).
      const from = Math.max(offset, i * EXTENT) - i * EXTENT;
      const to = Math.min(offset + length, this.sizeBytes, (i + 1) * EXTENT) - i * EXTENT;
      if (!isZero(e.subarray(from, to))) return false;
    }
    return true;
  }

  /**
   * A digest of the content that costs the allocated extents, not the size: sha256 over the size
   * and every extent holding a non-zero byte (index and bytes, within the device). Two devices
   * have the same digest exactly when they have the same size and bytes (absent = zeros), so
   * comparisons at real geometry (GiB devices holding a few extents) stay cheap. Not `sha256()`.
   * `length` digests only the first `length` bytes (a larger restore target against its source).
   */
  contentDigest(length = this.sizeBytes): string {
    const size = Math.min(length, this.sizeBytes);
    const h = createHash("sha256").update(`sparse-v1 ${size}\n`);
    const idx = new Uint8Array(4);
    for (const i of [...this.#extents.keys()].sort((a, b) => a - b)) {
      if (i * EXTENT >= size) continue;
      const e = this.#extents.get(i)!.subarray(0, Math.min(EXTENT, size - i * EXTENT));
      if (isZero(e)) continue;
      new DataView(idx.buffer).setUint32(0, i, true);
      h.update(idx).update(e);
    }
    return h.digest("hex");
  }

  /**
   * Whether `other` has the same size and bytes (absent extents are zeros): what comparing the two
   * `sha256()`s tells, at the cost of a compare of the allocated extents (none for extents the two
   * share since a clone). Remembered until either device is written: a model run compares each of its
   * volumes with its twin in the other cloud after every step (conformance/model/observe.ts).
   */
  sameBytes(other: BlockDevice): boolean {
    const c = this.#compared;
    if (c && c.other === other && c.mine === this.#generation && c.theirs === other.#generation) return c.same;
    const same = this.#compareBytes(other);
    this.#compared = { other, mine: this.#generation, theirs: other.#generation, same };
    return same;
  }

  #compareBytes(other: BlockDevice): boolean {
    if (other.sizeBytes !== this.sizeBytes) return false;
    const within = (i: number) => Math.min(EXTENT, this.sizeBytes - i * EXTENT);
    for (const [i, e] of this.#extents) {
      if (i * EXTENT >= this.sizeBytes) continue;
      const o = other.#extents.get(i);
      if (o === e) continue;
      const n = within(i);
      if (o ? Buffer.compare(e.subarray(0, n), o.subarray(0, n)) !== 0 : !isZero(e.subarray(0, n))) return false;
    }
    for (const [i, o] of other.#extents) {
      if (i * EXTENT >= this.sizeBytes || this.#extents.has(i)) continue;
      if (!isZero(o.subarray(0, within(i)))) return false;
    }
    return true;
  }

  sha256(): string {
    return (this.#sha256 ??= this.#fullSha256());
  }

  #fullSha256(): string {
    const h = createHash("sha256");
    for (let i = 0; i * EXTENT < this.sizeBytes; i++) {
      const n = Math.min(EXTENT, this.sizeBytes - i * EXTENT);
      const e = this.#extents.get(i);
      h.update(e ? e.subarray(0, n) : ZERO_EXTENT.subarray(0, n));
    }
    return h.digest("hex");
  }

  /** The device as a VolumeFile for a backup driver (what `connect_volume` + `open` give the manager). */
  asVolumeFile(): VolumeFile {
    // Method shorthand, not arrow properties: tsx (esbuild `keepNames`) wraps every arrow
    // property in a `__name` defineProperty call, per call of this function (docs/performance.md).
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the methods below are not arrows
    const dev = this;
    return {
      sizeBytes: this.sizeBytes,
      async read(offset, length) {
        return dev.read(offset, length);
      },
      async readView(offset, length) {
        return dev.readView(offset, length);
      },
      async write(offset, data) {
        dev.write(offset, data);
      },
      async writeHandedOver(offset, data) {
        dev.adopt(offset, data);
      },
      async writeZeros(offset, length) {
        dev.writeZeros(offset, length);
      },
      isZeroRange(offset, length) {
        return dev.isZeroRange(offset, length);
      },
      async flush() {},
    };
  }
}

export function isZero(b: Uint8Array): boolean {
  // Whole extents (the restore path writes GiB-sized objects extent by extent): one native compare.
  if (b.length <= EXTENT) return Buffer.compare(b, ZERO_EXTENT.subarray(0, b.length)) === 0;
  // Compare 8 bytes at a time where aligned.
  const n8 = b.byteOffset % 8 === 0 ? b.length >> 3 : 0;
  if (n8) {
    const w = new BigUint64Array(b.buffer, b.byteOffset, n8);
    for (let i = 0; i < n8; i++) if (w[i] !== 0n) return false;
  }
  for (let i = n8 << 3; i < b.length; i++) if (b[i] !== 0) return false;
  return true;
}
