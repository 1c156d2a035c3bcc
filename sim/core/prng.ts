/** Whether this machine stores a 32-bit word least significant byte first (x86-64 and arm64 do). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Seeded pseudo-random numbers with independent named streams: adding a draw in one service
 * never reshuffles another's. Each stream is an sfc32 generator seeded from (seed, name).
 */
export class PrngStream {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(
    readonly name: string,
    seed: readonly [number, number, number, number],
  ) {
    [this.#a, this.#b, this.#c, this.#d] = seed;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next 32-bit unsigned integer (sfc32). */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`empty range [${min}, ${max}]`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError(`stream ${this.name}: pick from an empty list`);
    return items[this.int(0, items.length - 1)] as T;
  }

  /**
   * Fills a buffer with pseudo-random bytes: each 32-bit draw gives the next four bytes, least
   * significant first (so a buffer filled in pieces of multiples of four bytes holds what one fill gives).
   */
  fill(bytes: Uint8Array): Uint8Array {
    let i = 0;
    if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0 && bytes.length >= 64) {
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
      [this.#a, this.#b, this.#c, this.#d] = sfc32Words(words, this.#a, this.#b, this.#c, this.#d);
      i = words.length << 2;
    }
    for (; i + 4 <= bytes.length; i += 4) {
      const v = this.nextUint32();
      bytes[i] = v & 0xff;
      bytes[i + 1] = (v >>> 8) & 0xff;
      bytes[i + 2] = (v >>> 16) & 0xff;
      bytes[i + 3] = v >>> 24;
    }
    if (i < bytes.length) {
      let v = this.nextUint32();
      for (; i < bytes.length; i++, v >>>= 8) bytes[i] = v & 0xff;
    }
    return bytes;
  }
}

/**
 * Fills `words` with successive sfc32 draws from state (a, b, c, d) and returns the state after
 * them: nextUint32's step with the state in int32 locals, about 6× faster than a byte at a time
 * (2.6 GB/s). A little-endian store of each word lays its bytes out as `fill` does. A function of
 * its own with nothing after its loop but a return, so that code optimised while the loop runs
 * (on-stack replacement) never meets a statement without type feedback: inside `fill`, the stores to
 * the private state deoptimised it after every large fill (`--trace-deopt`), though that cost little.
 */
function sfc32Words(words: Uint32Array, a: number, b: number, c: number, d: number): [number, number, number, number] {
  // Int32 from here on (a seed word above 2^31 would otherwise make the loop's variables doubles).
  a |= 0;
  b |= 0;
  c |= 0;
  d |= 0;
  for (let w = 0; w < words.length; w++) {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    words[w] = t;
  }
  return [a, b, c, d];
}

/** cyrb128: a 128-bit string hash, used to derive stream seeds. */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** The seed's family of named streams. `prng.stream("scheduler")` is stable for a seed. */
export class Prng {
  readonly #streams = new Map<string, PrngStream>();

  constructor(readonly seed: number) {}

  stream(name: string): PrngStream {
    let s = this.#streams.get(name);
    if (!s) {
      s = new PrngStream(name, cyrb128(`${this.seed}/${name}`));
      this.#streams.set(name, s);
    }
    return s;
  }
}
