/** `--shard I/N`: this process runs part I of N (1-based), as vitest's and Playwright's --shard. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** `2/3` → `{ index: 2, count: 3 }` (1 ≤ I ≤ N ≤ 1000); anything else is a usage error. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || !(count >= 1 && count <= 1000 && index >= 1 && index <= count)) {
    throw Object.assign(new Error(`--shard must look like I/N with 1 ≤ I ≤ N ≤ 1000 (e.g. 2/3), got '${text}'`), { code: "usage" });
  }
  return { index, count };
}

/** Whether the work item numbered `key` (a seed, a stable hash) belongs to `shard`: `key mod N = I − 1`. */
export function inShard(key: number, shard: Shard | null): boolean {
  return !shard || key % shard.count === shard.index - 1;
}

/** A stable 32-bit key for a work item named by text (FNV-1a over its UTF-16 code units). */
export function stableKey(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
