/**
 * MD5 (RFC 1321) over runs of zero bytes with a resumable state, so the md5 that
 * `chunkeddriver.py:_backup_chunk` records for an all-zero object (`secretutils.md5(data)`) can be
 * finished from a precomputed state (`zero-md5-table.ts`) instead of hashing gigabytes of zeros.
 * A state is the four 32-bit chaining words (A, B, C, D) after a whole number of 64-byte blocks.
 */
export type Md5State = readonly [number, number, number, number];

export const MD5_INITIAL: Md5State = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];

// RFC 1321 §3.4: T[i] = floor(2^32 * abs(sin(i + 1))), written out (no floating point at run time).
// prettier-ignore
const T = [
  0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
  0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
  0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
  0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
  0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
  0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
  0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
  0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];
const S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const ZERO_WORDS = new Uint32Array(16);

/** One 64-byte block (16 little-endian words) into `st`. */
function compress(st: Md5State, m: Uint32Array): Md5State {
  let a = st[0];
  let b = st[1];
  let c = st[2];
  let d = st[3];
  for (let i = 0; i < 64; i++) {
    const r = i >> 4;
    let f: number;
    let g: number;
    if (r === 0) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (r === 1) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (r === 2) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const s = S[(r << 2) | (i & 3)]!;
    const x = (a + f + T[i]! + m[g]!) | 0;
    a = d;
    d = c;
    c = b;
    b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
  }
  return [(st[0] + a) >>> 0, (st[1] + b) >>> 0, (st[2] + c) >>> 0, (st[3] + d) >>> 0];
}

/** The state after `blocks` more 64-byte blocks of zeros. */
export function md5ZeroBlocks(state: Md5State, blocks: number): Md5State {
  let st = state;
  for (let i = 0; i < blocks; i++) st = compress(st, ZERO_WORDS);
  return st;
}

/**
 * Hex digest of a message of `totalLength` zero bytes, given the state after its first
 * `floor(totalLength / 64)` blocks: the last `totalLength % 64` zeros, 0x80, zeros, the bit length.
 */
export function md5FinishZeros(state: Md5State, totalLength: number): string {
  const tail = new Uint8Array(totalLength % 64 < 56 ? 64 : 128);
  tail[totalLength % 64] = 0x80;
  const view = new DataView(tail.buffer);
  const bits = BigInt(totalLength) * 8n;
  view.setBigUint64(tail.length - 8, bits & 0xffffffffffffffffn, true);
  let st = state;
  for (let off = 0; off < tail.length; off += 64) {
    const m = new Uint32Array(16);
    for (let w = 0; w < 16; w++) m[w] = view.getUint32(off + w * 4, true);
    st = compress(st, m);
  }
  const out = new DataView(new ArrayBuffer(16));
  st.forEach((word, i) => out.setUint32(i * 4, word, true));
  return Buffer.from(out.buffer).toString("hex");
}
