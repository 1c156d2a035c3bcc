/**
 * Stored forms known to decompress to all zeros (a sparse volume's empty objects, all alike):
 * a restore of a multi-GiB mostly-empty backup inflates each only once. Keyed by algorithm and the
 * exact stored bytes; a hit returns a fresh zero buffer, so callers may still write into it.
 */
const MAX_BODY = 64 * 1024;
const known = new Map<string, number>();

function key(algorithm: string, body: Uint8Array): string | null {
  return body.length <= MAX_BODY
    ? `${algorithm.toLowerCase()}|${Buffer.from(body.buffer, body.byteOffset, body.length).toString("base64")}`
    : null;
}

/** The decompressed length if this exact stored form was seen to be all zeros, else undefined. */
export function knownZeroLength(algorithm: string, body: Uint8Array): number | undefined {
  const k = key(algorithm, body);
  return k === null ? undefined : known.get(k);
}

export function rememberZeroObject(algorithm: string, body: Uint8Array, length: number): void {
  const k = key(algorithm, body);
  if (k !== null && known.size < 64) known.set(k, length);
}
