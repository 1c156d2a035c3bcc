import { constants, deflateRawSync, deflateSync } from "node:zlib";

/**
 * `native` zlib of a large, mostly-empty chunk (a 1999994880-byte posix object holding a few MiB):
 * 1 MiB pieces that are all zeros are not fed to the compressor. The stream is RFC 1950: header,
 * raw-deflate segments each ended by a sync flush (byte-aligned, non-final), an empty final block,
 * adler32 of all the bytes. Any zlib (cinder's `zlib.decompress`) inflates it to the same bytes.
 * Only the native encoder may do this (the `exact` encoder promises Python's bytes) and only from
 * 16 MiB on (smaller chunks keep `deflateSync`'s exact output, so small-geometry traces are unchanged).
 */
const PIECE = 1 << 20;
const ZERO_STEP = 16 << 20;
const ZERO_PIECE = new Uint8Array(PIECE);
const MOD = 65521;

export function sparseNativeDeflate(data: Uint8Array): Uint8Array {
  return sparseNativeDeflateOrNull(data) ?? deflateWhole(data);
}

/** Output buffers up to this size are allocated whole by `deflateWhole` (larger outputs come in pieces of it). */
const WHOLE_MAX = 64 << 20;

/**
 * `deflateSync(data)`, the same bytes, written into one output buffer as large as the output can be
 * (deflate's bound) instead of node's 16 KiB pieces and their concatenation. A chaos sweep deflates
 * thousands of 256 KiB chunks of random data only to find them incompressible: the pieces and the
 * copy were ≈ 1.3 MB of ArrayBuffers per run (garbage V8 counts as external memory until a GC).
 * A result much smaller than its buffer is copied out, so that a stored object never keeps the rest.
 */
export function deflateWhole(data: Uint8Array): Uint8Array {
  const bound = data.length + (data.length >> 10) + 64;
  const out = deflateSync(data, { chunkSize: Math.min(bound, WHOLE_MAX) });
  return out.byteLength * 2 < out.buffer.byteLength ? Buffer.from(out) : out;
}

/** The sparse stream, or null when `data` is under 16 MiB or has no all-zero MiB (then it is `deflateSync(data)`). */
export function sparseNativeDeflateOrNull(data: Uint8Array): Uint8Array | null {
  if (data.length < ZERO_STEP) return null;
  const parts: Uint8Array[] = [Uint8Array.of(0x78, 0x9c)];
  let a = 1;
  let b = 0;
  let runStart = 0;
  let zeroRun = false;
  let zeroSeen = false;
  const flushRun = (end: number): void => {
    if (end <= runStart) return;
    const len = end - runStart;
    if (zeroRun) {
      parts.push(zeroSegment(len));
      b = (b + (((len % MOD) * a) % MOD)) % MOD;
    } else {
      const run = data.subarray(runStart, end);
      parts.push(deflateRawSync(run, { finishFlush: constants.Z_SYNC_FLUSH }));
      [a, b] = adlerUpdate(a, b, run);
    }
    runStart = end;
  };
  for (let off = 0; off < data.length; off += PIECE) {
    const end = Math.min(data.length, off + PIECE);
    const zero = Buffer.compare(data.subarray(off, end), ZERO_PIECE.subarray(0, end - off)) === 0;
    if (zero) zeroSeen = true;
    if (zero !== zeroRun) {
      flushRun(off);
      zeroRun = zero;
    }
  }
  if (!zeroSeen) return null;
  flushRun(data.length);
  parts.push(Uint8Array.of(0x03, 0x00)); // final empty fixed-Huffman block
  const adler = new Uint8Array(4);
  new DataView(adler.buffer).setUint32(0, ((b << 16) | a) >>> 0);
  parts.push(adler);
  return Buffer.concat(parts);
}

const segments = new Map<number, Uint8Array>();
let full: Uint8Array | null = null;

/** Raw deflate of 16 MiB of zeros ended by a sync flush, computed once per process (every large zero run repeats it). */
export function fullZeroSegment(): Uint8Array {
  full ??= deflateRawSync(new Uint8Array(ZERO_STEP), { finishFlush: constants.Z_SYNC_FLUSH });
  return full;
}

/**
 * Raw deflate of `len` zeros ended by a sync flush (memoised per length: runs repeat): whole 16 MiB
 * segments, then whole 1 MiB segments, then the rest, each computed once. Every segment is complete
 * and byte-aligned, so their concatenation inflates to the run (a run of any length costs lookups).
 */
function zeroSegment(len: number): Uint8Array {
  let s = segments.get(len);
  if (!s) {
    const parts: Uint8Array[] = [];
    let left = len;
    for (; left >= ZERO_STEP; left -= ZERO_STEP) parts.push(fullZeroSegment());
    for (; left >= PIECE; left -= PIECE) parts.push(pieceZeroSegment());
    if (left) parts.push(deflateRawSync(new Uint8Array(left), { finishFlush: constants.Z_SYNC_FLUSH }));
    s = Buffer.concat(parts);
    if (segments.size < 64) segments.set(len, s);
  }
  return s;
}

let piece: Uint8Array | null = null;

/** Raw deflate of 1 MiB of zeros ended by a sync flush, computed once per process. */
function pieceZeroSegment(): Uint8Array {
  piece ??= deflateRawSync(ZERO_PIECE, { finishFlush: constants.Z_SYNC_FLUSH });
  return piece;
}

/** adler32 (RFC 1950) running sums over `data`. */
function adlerUpdate(a: number, b: number, data: Uint8Array): [number, number] {
  for (let i = 0; i < data.length;) {
    const end = Math.min(data.length, i + 5552); // NMAX: no overflow before the modulo
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return [a, b];
}
