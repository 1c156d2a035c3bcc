import { constants, deflateRawSync, deflateSync } from "node:zlib";
import pako from "pako";
import { bzip2Compress } from "./bzip2-cli.ts";
import { compressionFamily, type PreparedOutput, type ZlibEncoder } from "./compression.ts";
import { fullZeroSegment } from "./sparse-deflate.ts";

export { zeroMd5 } from "./zero-md5.ts";

/**
 * `_prepare_output_data` and md5 of `length` zero bytes without allocating `length` bytes, so an
 * empty 1999994880-byte posix chunk costs a lookup. Results equal computing them on a real buffer:
 * - md5: from a precomputed md5 state table (`zero-md5.ts`);
 * - zlib `native`: under 16 MiB, `deflateSync` of real zeros; from 16 MiB on, a zlib stream of
 *   raw-deflate segments of zeros, each ended by a sync flush, then an empty final block and the
 *   adler32 of n zeros — a valid RFC 1950 stream of the same bytes (`sparse-deflate.ts`);
 * - zlib `exact` (pako, byte-identical to Python's `zlib.compress`): streamed from a zero block;
 * - bz2: the bzip2 program on a real buffer (rare; bounded by the chunk size).
 */
export const ZERO_STEP = 16 << 20;
const ZERO_BLOCK = new Uint8Array(ZERO_STEP);

/** Compressed form of `length` zero bytes (`_prepare_output_data`, before the "not smaller" check). */
export function compressZeros(configured: string, length: number, encoder: ZlibEncoder): Uint8Array {
  switch (compressionFamily(configured)) {
    case "none":
      return new Uint8Array(length);
    case "zlib":
      return encoder === "native" ? nativeZlibZeros(length) : exactZlibZeros(length);
    case "bz2":
      return bzip2Compress(new Uint8Array(length));
    case "zstd":
      throw new Error("zstd is read-only");
  }
}

function nativeZlibZeros(length: number): Uint8Array {
  // Below one segment: exactly what deflateSync gives (stored sizes, hence virtual time, unchanged).
  if (length < ZERO_STEP) return deflateSync(ZERO_BLOCK.subarray(0, length));
  const full = Math.floor(length / ZERO_STEP);
  const rest = length - full * ZERO_STEP;
  const seg = full ? fullZeroSegment() : new Uint8Array(0);
  const tail = rest ? deflateRawSync(ZERO_BLOCK.subarray(0, rest), { finishFlush: constants.Z_SYNC_FLUSH }) : new Uint8Array(0);
  const out = new Uint8Array(2 + full * seg.length + tail.length + 2 + 4);
  out.set([0x78, 0x9c], 0);
  let pos = 2;
  for (let i = 0; i < full; i++, pos += seg.length) out.set(seg, pos);
  out.set(tail, pos);
  pos += tail.length;
  out.set([0x03, 0x00], pos); // final empty fixed-Huffman block
  pos += 2;
  // adler32 of n zeros: a = 1, b = n mod 65521.
  const adler = (((length % 65521) << 16) | 1) >>> 0;
  new DataView(out.buffer).setUint32(pos, adler);
  return out;
}

function exactZlibZeros(length: number): Uint8Array {
  const d = new pako.Deflate();
  for (let off = 0; off < length; off += ZERO_STEP) {
    const n = Math.min(ZERO_STEP, length - off);
    d.push(ZERO_BLOCK.subarray(0, n), off + n >= length);
  }
  if (length === 0) d.push(new Uint8Array(0), true);
  if (d.err) throw new Error(`pako: ${d.msg}`);
  return d.result;
}

/** The `_prepare_output_data` result for zeros: raw ("none") when compression is off or not smaller. */
export function prepareZeroOutput(configured: string, length: number, encoder: ZlibEncoder): PreparedOutput {
  const family = compressionFamily(configured);
  if (family === "none") return { algorithm: "none", data: new Uint8Array(length) };
  const data = compressZeros(configured, length, encoder);
  if (data.length >= length) return { algorithm: "none", data: new Uint8Array(length) };
  return { algorithm: configured.toLowerCase(), data };
}
