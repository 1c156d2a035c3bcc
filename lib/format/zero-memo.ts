import type { PreparedOutput, ZlibEncoder } from "./compression.ts";
import { zeroBlockSha } from "./hashing.ts";
import { prepareZeroOutput, zeroMd5 } from "./zero-output.ts";
import { rememberZeroObject } from "./zero-object-memo.ts";

/**
 * Sparse volumes send the same all-zero chunk again and again: its compressed form, md5 and sha
 * list are computed once per (length, algorithm) and reused. Output is identical to computing them.
 */
const ZERO_PROBE = new Uint8Array(1 << 20);

export function isAllZero(data: Uint8Array): boolean {
  for (let off = 0; off < data.length; off += ZERO_PROBE.length) {
    const end = Math.min(data.length, off + ZERO_PROBE.length);
    if (Buffer.compare(data.subarray(off, end), ZERO_PROBE.subarray(0, end - off)) !== 0) return false;
  }
  return true;
}

interface ZeroEntry {
  out: PreparedOutput;
  md5: string;
}

const memo = new Map<string, ZeroEntry>();

/**
 * `_prepare_output_data` + md5 of `length` zero bytes, memoised (at most a few entries), computed
 * without a buffer of `length` bytes (`zero-output.ts`), so any chunk size is cheap.
 */
export function zeroChunkOutput(length: number, compression: string, zlibEncoder: ZlibEncoder): ZeroEntry {
  const key = `${length}:${compression.toLowerCase()}:${zlibEncoder}`;
  let e = memo.get(key);
  if (!e) {
    e = { out: prepareZeroOutput(compression, length, zlibEncoder), md5: zeroMd5(length) };
    // Keep only compressed forms (a 1999994880-byte chunk is ~2 MiB of zlib); raw zeros are never kept.
    if (memo.size < 32 && e.out.algorithm !== "none" && e.out.data.length <= 8 << 20) memo.set(key, e);
    // A restore of this stored form then writes zeros without inflating it (the first time too).
    if (e.out.algorithm !== "none") rememberZeroObject(e.out.algorithm, e.out.data, length);
  }
  return e;
}

/** sha list of an all-zero buffer of `length` in `blockSize` blocks, from the cached block hash. */
export function zeroShaList(length: number, blockSize: number): string[] {
  const out: string[] = [];
  for (let off = 0; off < length; off += blockSize) out.push(zeroBlockSha(Math.min(blockSize, length - off)));
  return out;
}
