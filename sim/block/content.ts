import { plainBytes, type ByteAllocator } from "../../lib/format/index.ts";
import type { PrngStream } from "../core/prng.ts";

/** Deterministic volume contents: zeros, random (incompressible), text (compressible), pattern. */
export type ContentKind = "zeros" | "random" | "text" | "pattern";

const WORDS = (
  "volume backup restore snapshot chunk object container metadata service scheduler " +
  "availability zone quota cinder block storage incremental parent sha256 compression zlib swift " +
  "posix ceph rbd export import cancel host driver manager record"
).split(" ");

/** `length` bytes of `kind` drawn from `stream`, in memory from `bytes` (a chaos run's `ByteArena`). */
export function generateContent(kind: ContentKind, length: number, stream: PrngStream, bytes: ByteAllocator = plainBytes): Uint8Array {
  return fillContent(kind, bytes.alloc(length), stream);
}

/**
 * The generator proper, apart from the allocation: optimised together with an inlined allocator
 * (ByteArena.alloc), TurboFan ran out of inlining budget for `PrngStream.nextUint32` and boxed every
 * value it returned (9 MB of heap numbers per chaos run).
 */
function fillContent(kind: ContentKind, out: Uint8Array, stream: PrngStream): Uint8Array {
  const length = out.length;
  switch (kind) {
    case "zeros":
      return out;
    case "random":
      return stream.fill(out);
    case "pattern": {
      const period = stream.int(1, 64);
      const base = stream.fill(new Uint8Array(period));
      for (let i = 0; i < length; i++) out[i] = base[i % period]!;
      return out;
    }
    case "text": {
      let i = 0;
      while (i < length) {
        const w = stream.pick(WORDS);
        for (let j = 0; j < w.length && i < length; j++) out[i++] = w.charCodeAt(j);
        if (i < length) out[i++] = stream.chance(0.1) ? 10 : 32;
      }
      return out;
    }
  }
}
