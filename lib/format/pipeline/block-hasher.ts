import { sha256Hex } from "../hashing.ts";

/** A block of an object to sha256: `[offset, offset + length)` of the data. */
export interface BlockRange {
  offset: number;
  length: number;
}

/** A piece handed over: its digests arrive later (wrapped, so awaiting `submit` does not wait for them). */
export interface Submitted {
  digests: Promise<string[]>;
}

/**
 * Hashes blocks of pieces of an object (the `_calculate_sha` half of verify). `submit` resolves once
 * the piece is handed over (it waits while `depth` pieces are in flight: backpressure); the caller
 * may reuse the piece's memory from then on.
 */
export interface BlockHasher {
  /** Digests of `blocks` (offsets relative to `piece`), in the order given. */
  submit(piece: Uint8Array, blocks: readonly BlockRange[]): Promise<Submitted>;
  /** Pieces the hasher accepts before the caller should wait (backpressure). */
  readonly depth: number;
  close(): Promise<void>;
}

/** Hashes on the calling thread (small objects, tests, and the fallback when a worker dies). */
export class InlineBlockHasher implements BlockHasher {
  readonly depth = 1;

  async submit(piece: Uint8Array, blocks: readonly BlockRange[]): Promise<Submitted> {
    return { digests: Promise.resolve(inlineDigests(piece, blocks)) };
  }

  async close(): Promise<void> {}
}

export function inlineDigests(piece: Uint8Array, blocks: readonly BlockRange[]): string[] {
  return blocks.map((b) => sha256Hex(piece.subarray(b.offset, b.offset + b.length)));
}
