import { createHash } from "node:crypto";
import { sha256Hex, zeroBlockSha } from "../hashing.ts";
import type { ObjectReader } from "../object-reader.ts";
import { isAllZero } from "../zero-memo.ts";
import type { BlockRange } from "./block-hasher.ts";
import type { ObjectDigests } from "./hash-object.ts";
import type { HashSlot, WorkerBlockHasher } from "./worker-block-hasher.ts";

/** What a streamed object held: its digests and how many bytes it had (short when it ended early). */
export interface StreamedDigests extends ObjectDigests {
  length: number;
}

/** Takes each piece as it is read, `at` bytes into the object (restore: written to the volume). */
export type PieceSink = (at: number, piece: Uint8Array) => Promise<void>;

interface Landed {
  slot: HashSlot;
  at: number;
  got: number;
}

/**
 * `hashObject` of an object read in `pieceBytes` pieces (a multiple of the sha block size, at most a
 * slot) straight into the hasher's shared slots: the thread pool reads the next pieces while this
 * thread md5s one, the worker sha256s it and the sink writes it, and a slot is reused once all three
 * are done, so a 2 GB posix object never sits in memory whole. Same results as reading the object
 * whole and calling `hashObject` (a block past a short object's end hashes as zero-padded, as
 * `checkChainImage` pads it).
 */
export async function streamObject(
  reader: ObjectReader,
  length: number,
  blocks: readonly BlockRange[],
  hasher: WorkerBlockHasher,
  pieceBytes: number,
  sink?: PieceSink,
): Promise<StreamedDigests> {
  const md5 = createHash("md5");
  const nPieces = Math.ceil(length / pieceBytes);
  const reads: Array<Promise<Landed>> = [];
  const digests: Array<Promise<string[]>> = [];
  const tails: Array<Promise<unknown>> = [];
  let failed = false;
  const readPiece = async (i: number): Promise<Landed> => {
    const slot = await hasher.takeSlot();
    const at = i * pieceBytes;
    const want = Math.min(pieceBytes, length - at);
    let got = 0;
    try {
      while (got < want) {
        const n = await reader.read(slot.bytes.subarray(got, want), at + got);
        if (n === 0) break;
        got += n;
      }
    } catch (e) {
      hasher.releaseSlot(slot);
      throw e;
    }
    return { slot, at, got };
  };
  let total = 0;
  let b = 0; // next block to place
  try {
    for (let i = 0; i < nPieces && !failed; i++) {
      while (reads.length < Math.min(nPieces, i + hasher.depth)) {
        const r = readPiece(reads.length);
        r.catch(() => undefined); // awaited below (or in the drain); never an unhandled rejection
        reads.push(r);
      }
      const { slot, at, got } = await (reads[i] as Promise<Landed>);
      const view = slot.bytes.subarray(0, got);
      const whole: BlockRange[] = [];
      const after: string[] = [];
      for (; b < blocks.length && (blocks[b] as BlockRange).offset < at + pieceBytes; b++) {
        const { offset, length: len } = blocks[b] as BlockRange;
        if (offset + len <= at + got) whole.push({ offset: offset - at, length: len });
        else after.push(sha256Hex(padded(view.subarray(Math.min(got, offset - at)), len))); // past a short end
      }
      const shas = isAllZero(view) ? Promise.resolve(whole.map((r) => zeroBlockSha(r.length))) : hasher.hashSlot(slot, got, whole);
      const written = sink?.(at, view);
      md5.update(view);
      total += got;
      digests.push(after.length ? shas.then((s) => [...s, ...after]) : shas);
      const tail = Promise.all([shas, written]).finally(() => hasher.releaseSlot(slot));
      tail.catch(() => (failed = true));
      tails.push(tail);
      if (got < pieceBytes && at + got < length) break; // the object ended early
    }
  } finally {
    // Every read started is settled and its slot given back, whatever happened above.
    const settled = await Promise.allSettled(reads.slice(digests.length));
    for (const s of settled) if (s.status === "fulfilled") hasher.releaseSlot(s.value.slot);
    await Promise.allSettled(tails);
  }
  await Promise.all(tails); // a failed write rejects here
  const shas = (await Promise.all(digests)).flat();
  // Blocks of pieces never read (the object ended early) are zeros, as in a zero-padded short object.
  for (; b < blocks.length; b++) shas.push(zeroBlockSha((blocks[b] as BlockRange).length));
  return { md5: md5.digest("hex"), shas, length: total };
}

function padded(part: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  out.set(part.subarray(0, len));
  return out;
}
