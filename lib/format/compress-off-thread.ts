import { deflate } from "node:zlib";
import pako from "pako";
import { compress, compressionFamily, sampleCompresses, type PreparedOutput, type ZlibEncoder } from "./compression.ts";
import { sparseNativeDeflateOrNull } from "./sparse-deflate.ts";

/** One output buffer of up to 64 MiB: the pool thread seldom waits for this thread to take output. */
const MAX_OUT_CHUNK = 64 << 20;

/**
 * `deflateSync(data)` run on libuv's thread pool (node:zlib's async `deflate`, same library, level and
 * input, so the same bytes), leaving this thread free to hash the chunk meanwhile.
 */
export function deflateOffThread(data: Uint8Array): Promise<Uint8Array> {
  const chunkSize = Math.min(MAX_OUT_CHUNK, Math.max(64 * 1024, data.length + (data.length >> 8) + 64));
  return new Promise((resolve, reject) => deflate(data, { chunkSize }, (e, out) => (e ? reject(e) : resolve(out))));
}

/**
 * `prepareOutputData` (`_prepare_output_data`) with the whole-chunk native deflate off this thread.
 * Same decisions as the synchronous `compress` (compression.ts), so the same output: `exact` still
 * runs pako on this thread when its output is the one stored; bz2 goes through the bzip2 program.
 */
export async function prepareOutputDataOffThread(configured: string, data: Uint8Array, zlibEncoder: ZlibEncoder): Promise<PreparedOutput> {
  const family = compressionFamily(configured);
  if (family === "none") return { algorithm: "none", data };
  const compressed = family === "zlib" ? await zlibOffThread(data, zlibEncoder) : compress(family, data, zlibEncoder);
  if (compressed.length >= data.length) return { algorithm: "none", data };
  return { algorithm: configured.toLowerCase(), data: compressed };
}

async function zlibOffThread(data: Uint8Array, zlibEncoder: ZlibEncoder): Promise<Uint8Array> {
  if (zlibEncoder === "native") return sparseNativeDeflateOrNull(data) ?? (await deflateOffThread(data));
  if (sampleCompresses(data)) return pako.deflate(data);
  const native = await deflateOffThread(data);
  if (native.length >= data.length) return native;
  return pako.deflate(data);
}
