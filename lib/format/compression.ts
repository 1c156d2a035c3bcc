import { deflateSync, inflateSync } from "node:zlib";
import pako from "pako";
import Bunzip from "seek-bzip";
import { bzip2Compress } from "./bzip2-cli.ts";
import { Decompress as ZstdDecompress } from "fzstd";
import { FormatError } from "./format-error.ts";
import { sparseNativeDeflate } from "./sparse-deflate.ts";

/**
 * Compression as `chunkeddriver.py:_get_compressor` / `_prepare_output_data` do it.
 * Names (case-insensitive): none|off|no, zlib|gzip (Python `zlib.compress`, level 6), bz2|bzip2
 * (`bz2.compress`, level 9), zstd (read only here: cinder needs the optional `zstd` module).
 * Reading is pure JavaScript (node:zlib, seek-bzip, fzstd). Writing bz2 uses libbz2 through the
 * `bzip2` program (the library Python's bz2 links, so the bytes are cinder's); no license-compatible
 * pure-JS bzip2 compressor exists (compressjs is GPL-2.0).
 */
export type CompressionFamily = "none" | "zlib" | "bz2" | "zstd";

/**
 * zlib encoder. `exact`: pako 2.1.0, a port of zlib 1.2.x whose output is byte-identical to
 * Python's `zlib.compress` (checked against CPython on zlib 1.2.13), ~2-4x slower than native.
 * `native`: node:zlib (Chromium's zlib fork: same format, readable by cinder, different bytes).
 */
export type ZlibEncoder = "exact" | "native";

const SAMPLE_BYTES = 256 * 1024;

export function compressionFamily(name: string): CompressionFamily {
  const n = name.toLowerCase();
  if (n === "none" || n === "off" || n === "no") return "none";
  if (n === "zlib" || n === "gzip") return "zlib";
  if (n === "bz2" || n === "bzip2") return "bz2";
  if (n === "zstd") return "zstd";
  throw new FormatError("bad-compression", `unsupported compression algorithm: ${name}`);
}

/** Algorithms this implementation can write (zstd needs a compressor cinder ships optionally; we only read it). */
export const WRITABLE_COMPRESSION = ["none", "off", "no", "zlib", "gzip", "bz2", "bzip2"] as const;
export const READABLE_COMPRESSION = [...WRITABLE_COMPRESSION, "zstd"] as const;

export interface PreparedOutput {
  /** Value of the object's `compression` field. */
  algorithm: string;
  data: Uint8Array;
}

/**
 * `_prepare_output_data`: compress; record the configured name lower-cased, or `none` (and keep
 * the raw bytes) when compression is off or did not make the data smaller.
 */
export function prepareOutputData(configured: string, data: Uint8Array, zlibEncoder: ZlibEncoder = "exact"): PreparedOutput {
  const family = compressionFamily(configured);
  if (family === "none") return { algorithm: "none", data };
  const compressed = compress(family, data, zlibEncoder);
  if (compressed.length >= data.length) return { algorithm: "none", data };
  return { algorithm: configured.toLowerCase(), data: compressed };
}

/** The first 256 KiB of a chunk (all of a shorter one) and the length of its `deflateSync`. */
export interface DeflatedSample {
  sampleBytes: number;
  deflatedBytes: number;
}

export function deflateSample(data: Uint8Array): DeflatedSample {
  const sample = data.subarray(0, SAMPLE_BYTES);
  return { sampleBytes: sample.length, deflatedBytes: deflateSync(sample).length };
}

/** The byte-exact encoder's shortcut: the first 256 KiB of a larger chunk clearly compresses (`sample`: already deflated). */
export function sampleCompresses(data: Uint8Array, sample?: DeflatedSample): boolean {
  if (data.length <= SAMPLE_BYTES) return false;
  const s = sample ?? deflateSample(data);
  return s.deflatedBytes < s.sampleBytes * 0.9;
}

export function compress(family: Exclude<CompressionFamily, "none">, data: Uint8Array, zlibEncoder: ZlibEncoder): Uint8Array {
  switch (family) {
    case "zlib": {
      if (zlibEncoder === "native") return sparseNativeDeflate(data);
      // The byte-exact encoder is slow; it only runs when its output will be stored. A sample that
      // clearly compresses goes straight to it. Otherwise the fast encoder decides: incompressible data
      // (random volumes) ends as "none" either way, since both encoders fall back to stored blocks and
      // can only disagree about "smaller or not" within a few bytes.
      if (sampleCompresses(data)) return pako.deflate(data);
      const native = deflateSync(data);
      if (native.length >= data.length) return native;
      return pako.deflate(data);
    }
    case "bz2":
      return bzip2Compress(data);
    case "zstd":
      throw new FormatError("bad-compression", "unsupported compression algorithm: zstd (reading only)");
  }
}

/**
 * Decompresses by the object's own `compression` field (`_restore_v1`). `maxBytes` bounds the output
 * (hostile objects): exceeding it is a `bad-object` FormatError, never an unbounded allocation.
 */
export function decompressObject(algorithm: string, body: Uint8Array, maxBytes: number): Uint8Array {
  const family = compressionFamily(algorithm);
  try {
    switch (family) {
      case "none":
        return body;
      case "zlib":
        // One output buffer as large as the output can be (the bound, or deflate's 1032:1 ceiling):
        // a 1999994880-byte posix object inflates without concatenating 64 KiB pieces (2.6× faster
        // at real geometry; same bytes).
        return inflateSync(body, {
          maxOutputLength: Math.max(1, maxBytes),
          chunkSize: Math.max(64, Math.min(maxBytes, body.length * 1032 + 1024, 2 ** 31)),
        });
      case "bz2":
        return bunzipBounded(body, maxBytes);
      case "zstd":
        return zstdBounded(body, maxBytes);
    }
  } catch (e) {
    if (e instanceof FormatError) throw e;
    throw new FormatError("bad-object", `cannot decompress ${family} object: ${(e as Error).message}`);
  }
}

function bunzipBounded(body: Uint8Array, maxBytes: number): Uint8Array {
  const out = new Uint8Array(maxBytes);
  let pos = 0;
  const sink = {
    writeByte(b: number): void {
      if (pos >= maxBytes) throw new FormatError("bad-object", `decompressed bz2 object exceeds ${maxBytes} bytes`);
      out[pos++] = b;
    },
  };
  Bunzip.decode(body, sink, true);
  return out.subarray(0, pos);
}

function zstdBounded(body: Uint8Array, maxBytes: number): Uint8Array {
  const out = new Uint8Array(maxBytes);
  let pos = 0;
  const d = new ZstdDecompress((chunk) => {
    if (pos + chunk.length > maxBytes) throw new FormatError("bad-object", `decompressed zstd object exceeds ${maxBytes} bytes`);
    out.set(chunk, pos);
    pos += chunk.length;
  });
  // Fed in slices, so an oversized frame is stopped early instead of inflated whole.
  const step = 1 << 16;
  for (let off = 0; off < body.length; off += step)
    d.push(body.subarray(off, Math.min(body.length, off + step)), off + step >= body.length);
  if (body.length === 0) d.push(body, true);
  return out.subarray(0, pos);
}
