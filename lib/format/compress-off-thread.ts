import { createDeflate } from "node:zlib";
import pako from "pako";
import { compress, compressionFamily, deflateSample, sampleCompresses, type PreparedOutput, type ZlibEncoder } from "./compression.ts";
import { sparseNativeDeflateOrNull } from "./sparse-deflate.ts";

/**
 * node:zlib's deflate of `data` on libuv's thread pool (same library, level and input as
 * `deflateSync`, and one `end(data)`: one Z_FINISH call over all of it, as `deflateSync` makes, so
 * the same bytes), leaving this thread free to hash the chunk meanwhile; the output goes to
 * `onPiece` in pieces of `pieceBytes` as the pool thread fills them.
 */
function deflatePieces(data: Uint8Array, pieceBytes: number, onPiece: (piece: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const z = createDeflate({ chunkSize: pieceBytes });
    z.on("data", onPiece).on("error", reject).on("end", resolve);
    z.end(data);
  });
}

/** Output pieces when only the length is wanted: a few MiB held at a time, whatever the chunk size. */
const COUNT_PIECE = 1 << 20;
/** Output buffers of up to 64 MiB when the bytes may be kept: most compressed chunks come out in one. */
const MAX_OUT_CHUNK = 64 << 20;

/** `deflateSync(data).length`, computed on the thread pool without holding the output. */
export async function deflatedLengthOffThread(data: Uint8Array): Promise<number> {
  let length = 0;
  await deflatePieces(data, COUNT_PIECE, (piece) => {
    length += piece.length;
  });
  return length;
}

/**
 * `deflateSync(data)` computed on the thread pool when it is shorter than `data`, else null (what
 * `_prepare_output_data` then stores raw): output is held only while it is still shorter, so an
 * incompressible chunk's is never concatenated. `pieceBytes`: output buffer size (tests).
 */
export async function deflateOffThreadIfSmaller(
  data: Uint8Array,
  pieceBytes = Math.min(MAX_OUT_CHUNK, Math.max(64 * 1024, data.length + (data.length >> 8) + 64)),
): Promise<Uint8Array | null> {
  let pieces: Buffer[] | null = [];
  let length = 0;
  await deflatePieces(data, pieceBytes, (piece) => {
    length += piece.length;
    if (length >= data.length) pieces = null;
    else pieces?.push(piece);
  });
  const kept = pieces as Buffer[] | null;
  if (kept === null) return null;
  return kept.length === 1 ? (kept[0] as Buffer) : Buffer.concat(kept, length);
}

/** `prepareOutputData` started off this thread: what is known at once, and the output to come. */
export interface StartedOutput {
  /**
   * Known before the compression ends: the chunk's first 256 KiB did not get any smaller under
   * deflate (random or encrypted data), so the chunk will most likely be stored raw. Only looked at
   * when asked for (`probe`); false otherwise and for anything but zlib.
   */
  likelyRaw: boolean;
  output: Promise<PreparedOutput>;
}

/**
 * `prepareOutputData` (`_prepare_output_data`) with the whole-chunk native deflate off this thread.
 * Same decisions as the synchronous `compress` (compression.ts), so the same output: `exact` still
 * runs pako on this thread when its output is the one stored; bz2 goes through the bzip2 program.
 */
export function startOutputDataOffThread(configured: string, data: Uint8Array, zlibEncoder: ZlibEncoder, probe = false): StartedOutput {
  const family = compressionFamily(configured);
  const stored = (compressed: Uint8Array | null): PreparedOutput =>
    compressed === null || compressed.length >= data.length
      ? { algorithm: "none", data }
      : { algorithm: configured.toLowerCase(), data: compressed };
  if (family === "none") return { likelyRaw: false, output: Promise.resolve({ algorithm: "none", data }) };
  if (family !== "zlib") return { likelyRaw: false, output: (async () => stored(compress(family, data, zlibEncoder)))() };
  if (zlibEncoder === "native") {
    const sparse = sparseNativeDeflateOrNull(data);
    if (sparse) return { likelyRaw: false, output: Promise.resolve(stored(sparse)) };
    return { likelyRaw: probe && sampleIncompressible(data), output: deflateOffThreadIfSmaller(data).then(stored) };
  }
  const sample = deflateSample(data);
  if (sampleCompresses(data, sample)) return { likelyRaw: false, output: (async () => stored(pako.deflate(data)))() };
  // The native deflate only decides "smaller or not": its bytes are never stored, so never held.
  const output = deflatedLengthOffThread(data).then((n) => stored(n >= data.length ? null : pako.deflate(data)));
  return { likelyRaw: probe && sample.deflatedBytes >= sample.sampleBytes, output };
}

/** `startOutputDataOffThread(...).output`. */
export async function prepareOutputDataOffThread(configured: string, data: Uint8Array, zlibEncoder: ZlibEncoder): Promise<PreparedOutput> {
  return await startOutputDataOffThread(configured, data, zlibEncoder).output;
}

function sampleIncompressible(data: Uint8Array): boolean {
  const s = deflateSample(data);
  return s.deflatedBytes >= s.sampleBytes;
}
