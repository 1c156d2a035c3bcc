import { compressionFamily, type PreparedOutput, type ZlibEncoder } from "../compression.ts";
import { prepareOutputDataOffThread } from "../compress-off-thread.ts";
import type { BlockHasher, BlockRange } from "./block-hasher.ts";
import { hashObject } from "./hash-object.ts";

export interface WholeChunkOptions {
  shaBlockSize: number;
  compression: string;
  zlibEncoder: ZlibEncoder;
  hasher: BlockHasher;
  /** Stores the object's bytes (`_backup_chunk`'s `writer.write(output_data)`). */
  put: (data: Uint8Array) => Promise<void>;
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
 * start. Same digests, same stored bytes as doing them one after the other.
 */
export async function storeWholeChunk(data: Uint8Array, o: WholeChunkOptions): Promise<WholeChunkResult> {
  const blocks: BlockRange[] = [];
  for (let off = 0; off < data.length; off += o.shaBlockSize)
    blocks.push({ offset: off, length: Math.min(o.shaBlockSize, data.length - off) });
  if (compressionFamily(o.compression) === "none") {
    const [digests] = await Promise.all([hashObject(data, blocks, o.hasher, PIECE_BYTES), o.put(data)]);
    return { out: { algorithm: "none", data }, ...digests };
  }
  const [digests, out] = await Promise.all([
    hashObject(data, blocks, o.hasher, PIECE_BYTES),
    prepareOutputDataOffThread(o.compression, data, o.zlibEncoder),
  ]);
  await o.put(out.data);
  return { out, ...digests };
}
