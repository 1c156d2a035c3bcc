import { compressionFamily, type PreparedOutput, type ZlibEncoder } from "../compression.ts";
import { startOutputDataOffThread } from "../compress-off-thread.ts";
import type { BlockHasher, BlockRange } from "./block-hasher.ts";
import { hashObject, type ObjectDigests } from "./hash-object.ts";

export interface WholeChunkOptions {
  shaBlockSize: number;
  compression: string;
  zlibEncoder: ZlibEncoder;
  hasher: BlockHasher;
  /** Stores the object's bytes (`_backup_chunk`'s `writer.write(output_data)`); a later call replaces them. */
  put: (data: Uint8Array) => Promise<void>;
  /**
   * Deletes the object. Given (a store with `earlyWrites`, e.g. posix), a zlib chunk whose first
   * 256 KiB does not shrink at all under deflate is stored raw while it is still being deflated, and
   * replaced by its compressed bytes in the rare case those turn out smaller; if anything fails
   * after that write began, the object is deleted.
   */
  remove?: () => Promise<void>;
}

export interface WholeChunkResult {
  out: PreparedOutput;
  md5: string;
  shas: string[];
}

/**
 * Bytes handed to the worker at a time (it hashes them while this thread md5s the same piece). Small
 * enough that the store write, started beside the hashing, gets its event-loop turns early.
 */
const PIECE_BYTES = 1 << 20;

/**
 * One chunk of a full backup stored as one object (`backup` + `_calculate_sha` + `_backup_chunk`),
 * with the independent work side by side: md5 of the chunk on this thread, the sha256 of each
 * block in the worker, the deflate on the thread pool, and (uncompressed) the store write from the
 * start; or (a chunk that shows no sign of compressing, on a store that may write early) the
 * deflate on the pool while this thread hashes and then the store writes the raw bytes. Same digests,
 * same stored bytes as doing them one after the other.
 */
export async function storeWholeChunk(data: Uint8Array, o: WholeChunkOptions): Promise<WholeChunkResult> {
  const blocks: BlockRange[] = [];
  for (let off = 0; off < data.length; off += o.shaBlockSize)
    blocks.push({ offset: off, length: Math.min(o.shaBlockSize, data.length - off) });
  if (compressionFamily(o.compression) === "none") {
    const [digests] = await Promise.all([hashObject(data, blocks, o.hasher, PIECE_BYTES), o.put(data)]);
    return { out: { algorithm: "none", data }, ...digests };
  }
  const started = startOutputDataOffThread(o.compression, data, o.zlibEncoder, o.remove !== undefined);
  if (started.likelyRaw && o.remove) return storeRawEarly(data, blocks, o.hasher, started.output, o.put, o.remove);
  const [digests, out] = await Promise.all([hashObject(data, blocks, o.hasher, PIECE_BYTES), started.output]);
  await o.put(out.data);
  return { out, ...digests };
}

/**
 * A chunk that will most likely be stored raw, while the deflate that decides its stored form runs
 * on the thread pool: hashed (sha256 of a piece in the worker, then its md5 here, taking turns), then
 * written raw (the write's kernel time), so beside the deflate only one other thread runs at a time
 * and on 2 cores the deflate keeps a core to itself; then replaced by the compressed bytes if those
 * are smaller after all. Only the final content counts (no `_metadata` names the object yet); if anything fails
 * once the write began, the object is deleted.
 */
async function storeRawEarly(
  data: Uint8Array,
  blocks: readonly BlockRange[],
  hasher: BlockHasher,
  output: Promise<PreparedOutput>,
  put: (data: Uint8Array) => Promise<void>,
  remove: () => Promise<void>,
): Promise<WholeChunkResult> {
  // Awaited below; until then a failure must not count as unhandled.
  output.catch(() => undefined);
  let raw: Promise<{ error: unknown } | null> | null = null;
  try {
    const digests: ObjectDigests = await hashObject(data, blocks, hasher, PIECE_BYTES, true);
    raw = put(data).then(
      () => null,
      (error: unknown) => ({ error }),
    );
    const out = await output;
    const failed = await raw;
    if (out.algorithm !== "none") await put(out.data);
    else if (failed) throw failed.error;
    return { out, ...digests };
  } catch (e) {
    if (raw) {
      await raw;
      await remove().catch(() => undefined);
    }
    throw e;
  }
}
