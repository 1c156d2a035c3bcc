import { createHash } from "node:crypto";

/**
 * `chunkeddriver.py:_calculate_sha`: hex sha256 of every `blockSize` block of `data` (last one may
 * be short). All-zero blocks (most of a sparse volume) take the cached zero-block hash.
 */
export function shaBlocks(data: Uint8Array, blockSize: number): string[] {
  const list: string[] = [];
  const zero = blockSize <= ZERO_CMP_MAX ? zeroBlock(blockSize) : null;
  for (let off = 0; off < data.length; off += blockSize) {
    const block = data.subarray(off, Math.min(data.length, off + blockSize));
    if (zero && Buffer.compare(block, zero.subarray(0, block.length)) === 0) list.push(zeroBlockSha(block.length));
    else list.push(createHash("sha256").update(block).digest("hex"));
  }
  return list;
}

const ZERO_CMP_MAX = 4 << 20;

let zeros = new Uint8Array(0);
/** `length` zero bytes to compare blocks with: one buffer, grown when needed, never written (not a fresh one per call). */
function zeroBlock(length: number): Uint8Array {
  if (zeros.length < length) zeros = new Uint8Array(length);
  return zeros.subarray(0, length);
}

/** `secretutils.md5(data).hexdigest()` of the UNCOMPRESSED data (`_backup_chunk`). */
export function md5Hex(data: Uint8Array): string {
  return createHash("md5").update(data).digest("hex");
}

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

const zeroShaCache = new Map<number, string>();
/** sha256 of `length` zero bytes (cached: sparse volumes hash the same block over and over). */
export function zeroBlockSha(length: number): string {
  let s = zeroShaCache.get(length);
  if (s === undefined) {
    s = sha256Hex(new Uint8Array(length));
    if (zeroShaCache.size < 16) zeroShaCache.set(length, s);
  }
  return s;
}
