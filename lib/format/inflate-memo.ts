import { createHash } from "node:crypto";

/**
 * Stored forms whose inflated content this process already knows, kept sparse: a restore of an
 * object the writer stored earlier in the process (the chaos runner restores every backup it took)
 * writes the 1 MiB pieces that hold data and zeroes the rest, instead of inflating a 50 MiB chunk
 * and comparing every 64 KiB of it. Keyed by algorithm and the sha256 of the exact stored bytes, so
 * a hit is the same content `_restore_v1`'s decompress gives; bounded by the bytes it holds.
 */
export interface SparseContent {
  readonly length: number;
  /** The pieces holding a non-zero byte, at their offset in the object; the rest is zeros. */
  readonly pieces: ReadonlyArray<{ readonly offset: number; readonly data: Uint8Array }>;
}

/**
 * Objects outside [16 MiB, 64 MiB] are inflated as before: smaller ones are cheap (the small
 * geometry's 256 KiB), larger ones (posix's 1999994880 bytes) would cost a scan and a sha256 of
 * their own at backup time and a sha256 of the stored bytes at every restore.
 */
export const INFLATE_MEMO_MIN = 16 << 20;
export const INFLATE_MEMO_MAX = 64 << 20;

/** Whether an object of `length` uncompressed bytes goes through the memo. */
export function inflateMemoSized(length: number): boolean {
  return length >= INFLATE_MEMO_MIN && length <= INFLATE_MEMO_MAX;
}
const PIECE = 1 << 20;
const ZERO_PIECE = new Uint8Array(PIECE);
const MAX_BYTES = 256 << 20; // at least 4 entries of INFLATE_MEMO_MAX

const memo = new Map<string, SparseContent>();
let held = 0;

function key(algorithm: string, stored: Uint8Array): string {
  return `${algorithm.toLowerCase()}|${stored.length}|${createHash("sha256").update(stored).digest("hex")}`;
}

const size = (c: SparseContent) => c.pieces.reduce((n, p) => n + p.data.length, 0);

/** Records that `stored` (compressed with `algorithm`) inflates to `content`. */
export function rememberInflated(algorithm: string, stored: Uint8Array, content: Uint8Array): void {
  if (!inflateMemoSized(content.length) || algorithm.toLowerCase() === "none") return;
  const pieces: Array<{ offset: number; data: Uint8Array }> = [];
  for (let off = 0; off < content.length; off += PIECE) {
    const p = content.subarray(off, Math.min(content.length, off + PIECE));
    if (Buffer.compare(p, ZERO_PIECE.subarray(0, p.length)) !== 0) pieces.push({ offset: off, data: p.slice() });
  }
  const entry = { length: content.length, pieces };
  const k = key(algorithm, stored);
  const old = memo.get(k);
  if (old) held -= size(old);
  memo.delete(k);
  memo.set(k, entry);
  held += size(entry);
  for (const [oldest, c] of memo) {
    if (held <= MAX_BYTES) break;
    memo.delete(oldest);
    held -= size(c);
  }
}

/** The content of `stored` if this process recorded it, else undefined. */
export function knownInflated(algorithm: string, stored: Uint8Array): SparseContent | undefined {
  if (memo.size === 0 || algorithm.toLowerCase() === "none") return undefined;
  // Callers check inflateMemoSized(entry.length) first: no sha256 of a large stored object.
  const k = key(algorithm, stored);
  const hit = memo.get(k);
  if (hit) {
    memo.delete(k);
    memo.set(k, hit);
  }
  return hit;
}

/** The content as one buffer (for callers that need the bytes). */
export function materialize(c: SparseContent): Uint8Array {
  const out = new Uint8Array(c.length);
  for (const p of c.pieces) out.set(p.data, p.offset);
  return out;
}
