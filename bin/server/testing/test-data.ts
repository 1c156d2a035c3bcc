/** Deterministic test bytes (xorshift32 from a seed), so restores can be compared byte for byte. */
export function pattern(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export const KiB = 1024;
export const MiB = 1024 * 1024;
