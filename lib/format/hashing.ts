import { createHash } from "node:crypto";

/** `chunkeddriver.py:_calculate_sha`: hex sha256 of every `blockSize` block of `data` (last one may be short). */
export function shaBlocks(data: Uint8Array, blockSize: number): string[] {
  const list: string[] = [];
  for (let off = 0; off < data.length; off += blockSize) {
    list.push(createHash("sha256").update(data.subarray(off, Math.min(data.length, off + blockSize))).digest("hex"));
  }
  return list;
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
