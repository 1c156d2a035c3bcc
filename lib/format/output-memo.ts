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

/**
 * What an entry of a chunk stored raw (`none`: compression off, or it did not make the chunk smaller)
 * is charged against `maxBytes`. It holds no bytes (the chunk is its own stored form), only its key
 * and two small objects (about 1 KiB of heap); the charge keeps such entries to a few thousand.
 */
export const RAW_ENTRY_CHARGE = 16 * 1024;

/** A raw entry's stored form: the chunk itself, handed back by `get`. */
const RAW = new Uint8Array(0);

/** A raw entry as another memo can take it: key and md5 (see `takeRawEntries`). */
export type RawEntry = readonly [key: string, md5: string];

export class OutputMemo {
  readonly #m = new Map<string, MemoEntry>();
  #bytes = 0;
  /** Raw entries set since the last `takeRawEntries`, once `recordRawEntries` was called. */
  #rawLog: RawEntry[] | null = null;
  hits = 0;
  misses = 0;

  constructor(
    readonly maxBytes: number = 64 * 1024 * 1024,
    readonly maxEntryBytes: number = 16 * 1024 * 1024,
  ) {}

  static key(compression: string, encoder: string, length: number, shas: readonly string[]): string {
    return `${compression.toLowerCase()}|${encoder}|${length}|${shas.join("")}`;
  }

  /**
   * The stored form and md5 of `chunk` (whose key is `key`), if known. A chunk stored raw comes back
   * as itself (`{ algorithm: "none", data: chunk }`), as `prepareOutputData` gives it.
   */
  get(key: string, chunk: Uint8Array): MemoEntry | undefined {
    const e = this.#m.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.#m.delete(key);
    this.#m.set(key, e);
    this.hits++;
    return e.out.data === RAW ? { out: { algorithm: e.out.algorithm, data: chunk }, md5: e.md5 } : e;
  }

  /**
   * Keeps a private copy of compressed bytes (the caller's buffer may be reused). A chunk stored raw
   * keeps no bytes at all: copying every incompressible chunk (random volumes) filled the memo with
   * copies of what the caller holds anyway, evicted everything else, and made a chaos sweep allocate
   * (and its garbage collector trace) a copy of each such chunk.
   */
  set(key: string, out: PreparedOutput, md5: string): void {
    if (this.#m.has(key)) return;
    if (out.algorithm === "none") {
      this.#setRaw(key, md5);
      this.#rawLog?.push([key, md5]);
      return;
    }
    const size = out.data.length;
    if (size > this.maxEntryBytes || size > this.maxBytes) return;
    this.#m.set(key, { out: { algorithm: out.algorithm, data: out.data.slice() }, md5 });
    this.#bytes += size;
    this.#evict();
  }

  /**
   * From now on, remember the raw entries `set` adds, for `takeRawEntries`: a chaos sweep's workers
   * tell each other what they found incompressible (key and md5, a few hundred bytes each), so that
   * no two of them deflate the same chunk in vain (≈ 6 ms per 256 KiB chunk of random data).
   */
  recordRawEntries(): void {
    this.#rawLog ??= [];
  }

  /** The raw entries set since the last call (see `recordRawEntries`). */
  takeRawEntries(): RawEntry[] {
    const log = this.#rawLog ?? [];
    if (this.#rawLog) this.#rawLog = [];
    return log;
  }

  /** Raw entries another memo found (`takeRawEntries`): as if set here, counted as neither hit nor miss. */
  addRawEntries(entries: readonly RawEntry[]): void {
    for (const [key, md5] of entries) if (!this.#m.has(key)) this.#setRaw(key, md5);
  }

  #setRaw(key: string, md5: string): void {
    if (RAW_ENTRY_CHARGE > this.maxBytes) return;
    this.#m.set(key, { out: { algorithm: "none", data: RAW }, md5 });
    this.#bytes += RAW_ENTRY_CHARGE;
    this.#evict();
  }

  #evict(): void {
    for (const [k, e] of this.#m) {
      if (this.#bytes <= this.maxBytes) break;
      this.#m.delete(k);
      this.#bytes -= charge(e);
    }
  }

  get sizeBytes(): number {
    return this.#bytes;
  }
}

function charge(e: MemoEntry): number {
  return e.out.data === RAW ? RAW_ENTRY_CHARGE : e.out.data.length;
}

/** The memo writers share unless told otherwise. */
export const sharedOutputMemo = new OutputMemo();
