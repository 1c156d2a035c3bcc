import type { PreparedOutput } from "./compression.ts";

/**
 * Content-addressed memo of `_prepare_output_data` + md5 results. The key is the object's sha256
 * block list (already computed for `_sha256file`), so a hit means the same bytes: the stored form and
 * md5 are reused instead of recomputed. Results are identical with or without it; only time changes
 * (the simulator backs the same volumes up again and again). Bounded LRU by stored bytes.
 */
export interface MemoEntry {
  out: PreparedOutput;
  md5: string;
}

export class OutputMemo {
  readonly #m = new Map<string, MemoEntry>();
  #bytes = 0;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxBytes: number = 64 * 1024 * 1024,
    readonly maxEntryBytes: number = 16 * 1024 * 1024,
  ) {}

  static key(compression: string, encoder: string, length: number, shas: readonly string[]): string {
    return `${compression.toLowerCase()}|${encoder}|${length}|${shas.join("")}`;
  }

  get(key: string): MemoEntry | undefined {
    const e = this.#m.get(key);
    if (e) {
      this.#m.delete(key);
      this.#m.set(key, e);
      this.hits++;
    } else {
      this.misses++;
    }
    return e;
  }

  /** Keeps a private copy of the stored bytes (the caller's buffer may be reused). */
  set(key: string, out: PreparedOutput, md5: string): void {
    const size = out.data.length;
    if (size > this.maxEntryBytes || size > this.maxBytes || this.#m.has(key)) return;
    this.#m.set(key, { out: { algorithm: out.algorithm, data: out.data.slice() }, md5 });
    this.#bytes += size;
    for (const [k, e] of this.#m) {
      if (this.#bytes <= this.maxBytes) break;
      this.#m.delete(k);
      this.#bytes -= e.out.data.length;
    }
  }

  get sizeBytes(): number {
    return this.#bytes;
  }
}

/** The memo writers share unless told otherwise. */
export const sharedOutputMemo = new OutputMemo();
