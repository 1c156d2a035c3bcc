import { createHash } from "node:crypto";
import { zeroBlockSha } from "../hashing.ts";
import { isAllZero } from "../zero-memo.ts";
import type { BlockHasher, BlockRange } from "./block-hasher.ts";

export interface ObjectDigests {
  /** `secretutils.md5` of the whole (uncompressed) object, as `_backup_chunk` records it. */
  md5: string;
  /** sha256 of each requested block, in the order requested. */
  shas: string[];
}

/**
 * md5 of the whole object on this thread while `hasher` computes the sha256 of `blocks` (sorted,
 * non-overlapping, inside `data`): the object is cut into pieces of at most `pieceBytes`, each handed
 * to the hasher before this thread md5s it, so the two hashes run side by side. `oneAtATime`: this
 * thread md5s a piece only once the hasher is done with it, so the two take turns (one thread busy
 * instead of two, for when the other cores are better left to longer work such as a chunk's deflate;
 * with a worker, each piece still gives the event loop a turn).
 */
export async function hashObject(
  data: Uint8Array,
  blocks: readonly BlockRange[],
  hasher: BlockHasher,
  pieceBytes: number,
  oneAtATime = false,
): Promise<ObjectDigests> {
  const md5 = createHash("md5");
  const results: Array<Promise<string[]>> = [];
  let md5At = 0;
  let i = 0;
  while (i < blocks.length) {
    const start = (blocks[i] as BlockRange).offset;
    const group: BlockRange[] = [];
    let end = start;
    for (; i < blocks.length; i++) {
      const b = blocks[i] as BlockRange;
      if (group.length > 0 && b.offset + b.length - start > pieceBytes) break;
      group.push({ offset: b.offset - start, length: b.length });
      end = b.offset + b.length;
    }
    const piece = data.subarray(start, end);
    // An all-zero piece (a sparse volume's hole) takes the cached zero-block digests: no copy, no hashing.
    if (isAllZero(piece)) results.push(Promise.resolve(group.map((b) => zeroBlockSha(b.length))));
    else results.push((await hasher.submit(piece, group)).digests);
    if (oneAtATime) await results[results.length - 1];
    if (end > md5At) {
      md5.update(data.subarray(md5At, end));
      md5At = end;
    }
    // Take the previous piece's digests (the worker is done with it by now): with a worker this is one
    // event-loop turn per piece, in which I/O started beside the hashing (the store write, the next
    // object's read) moves on, instead of waiting until this whole object is md5'd.
    if (results.length >= 2) await results[results.length - 2];
  }
  if (md5At < data.length) md5.update(data.subarray(md5At));
  const shas = (await Promise.all(results)).flat();
  return { md5: md5.digest("hex"), shas };
}
