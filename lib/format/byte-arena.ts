/**
 * Where a simulated cloud's long-lived bytes come from: its volumes' generated content, the fake
 * devices' extents, the memory store's objects. `plainBytes` allocates each buffer on its own (the
 * default); a `ByteArena` hands out pieces of a few large slabs, all taken back at once by `reset()`
 * at the end of a chaos run and handed out again to the next one.
 *
 * Why (docs/performance.md, "Chaos sweeps on every core"): every ArrayBuffer is V8 "external memory",
 * and external memory allocated since the last full garbage collection counts against the old
 * generation's allocation limit. A chaos run's few MB of device and object bytes, fresh in every run,
 * started a concurrent marking cycle every two or three runs, most of it on the other core. Slabs
 * allocated once and reused are counted once.
 */
export interface ByteAllocator {
  /** Zero-filled bytes, as `new Uint8Array(n)`. */
  alloc(n: number): Uint8Array;
  /** A copy of `src` (`Uint8Array.prototype.slice`: a Buffer's own `slice` is a view). */
  copy(src: Uint8Array): Uint8Array;
  /**
   * True when this allocator reuses memory: a buffer from elsewhere that will live as long as its
   * holder is better copied in (`owns` false) than kept, so that it dies young.
   */
  readonly pooled: boolean;
  /** Whether `a` lies in this allocator's memory. */
  owns(a: Uint8Array): boolean;
}

/** Each buffer allocated on its own (no reuse): what the simulator does unless told otherwise. */
export const plainBytes: ByteAllocator = {
  alloc(n) {
    return new Uint8Array(n);
  },
  copy(src) {
    return Uint8Array.prototype.slice.call(src);
  },
  pooled: false,
  owns() {
    return false;
  },
};

/** Default slab size: a `small`-geometry run's bytes fit in one or two. */
export const ARENA_SLAB_BYTES = 16 << 20;

/**
 * Bump allocation in reused slabs. Requests larger than a slab get a buffer of their own (not
 * reused). After `reset()` every piece handed out before is invalid: its memory is zeroed and handed
 * out again, so nothing may keep one past the unit of work it was allocated for.
 */
export class ByteArena implements ByteAllocator {
  readonly pooled = true;
  readonly #slabBytes: number;
  readonly #slabs = new Set<ArrayBuffer>();
  /** Slabs handed out since the last reset, with the bytes used in each. */
  readonly #used: Array<{ slab: ArrayBuffer; bytes: number }> = [];
  readonly #free: ArrayBuffer[] = [];
  #slab: ArrayBuffer | null = null;
  #offset = 0;
  #inUse = false;

  constructor(slabBytes = ARENA_SLAB_BYTES) {
    this.#slabBytes = slabBytes;
  }

  /** Bytes of slab memory held (in use or free). */
  get slabBytes(): number {
    return this.#slabs.size * this.#slabBytes;
  }

  alloc(n: number): Uint8Array {
    if (n > this.#slabBytes) return new Uint8Array(n);
    // 8-byte aligned pieces: views of them may be read 8 bytes at a time (isZero's BigUint64Array).
    const size = (n + 7) & ~7;
    if (!this.#slab || this.#offset + size > this.#slabBytes) {
      if (this.#slab) this.#used.push({ slab: this.#slab, bytes: this.#offset });
      this.#slab = this.#free.pop() ?? this.#newSlab();
      this.#offset = 0;
    }
    const piece = new Uint8Array(this.#slab, this.#offset, n);
    this.#offset += size;
    return piece;
  }

  copy(src: Uint8Array): Uint8Array {
    const c = this.alloc(src.length);
    c.set(src);
    return c;
  }

  owns(a: Uint8Array): boolean {
    return a.buffer instanceof ArrayBuffer && this.#slabs.has(a.buffer);
  }

  /**
   * Takes the arena for one unit of work: false when it is already taken (two runs overlapping in one
   * thread, which only tests do), then the caller allocates plainly instead.
   */
  acquire(): boolean {
    if (this.#inUse) return false;
    this.#inUse = true;
    return true;
  }

  /** Takes every piece back (zeroing what was used) for the next unit of work, and frees the arena. */
  reset(): void {
    if (this.#slab) this.#used.push({ slab: this.#slab, bytes: this.#offset });
    for (const { slab, bytes } of this.#used) {
      new Uint8Array(slab, 0, bytes).fill(0);
      this.#free.push(slab);
    }
    this.#used.length = 0;
    this.#slab = null;
    this.#offset = 0;
    this.#inUse = false;
  }

  #newSlab(): ArrayBuffer {
    const slab = new ArrayBuffer(this.#slabBytes);
    this.#slabs.add(slab);
    return slab;
  }
}
