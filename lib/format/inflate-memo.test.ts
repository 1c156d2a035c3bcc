import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { knownInflated, materialize, rememberInflated } from "./inflate-memo.ts";
import { sparseNativeDeflate } from "./sparse-deflate.ts";

const MiB = 1 << 20;

function sparseChunk(seed: number): Uint8Array {
  const d = new Uint8Array(20 * MiB);
  for (let i = 0; i < 70000; i++) d[3 * MiB + 5 + i] = (seed + i * 13) & 0xff;
  d[20 * MiB - 1] = seed;
  return d;
}

describe("inflate memo (stored forms this process wrote)", () => {
  it("gives back exactly what inflating the stored bytes gives, keeping only the pieces with data", () => {
    const data = sparseChunk(7);
    const stored = sparseNativeDeflate(data);
    rememberInflated("zlib", stored, data);
    const hit = knownInflated("ZLIB", stored.slice());
    expect(hit?.length).toBe(data.length);
    expect(hit?.pieces.map((p) => [p.offset, p.data.length])).toEqual([
      [3 * MiB, MiB],
      [19 * MiB, MiB],
    ]);
    expect(Buffer.from(materialize(hit!)).equals(inflateSync(stored))).toBe(true);
  });

  it("misses for other stored bytes (one byte changed), another algorithm, small, large or uncompressed objects", () => {
    const data = sparseChunk(9);
    const stored = sparseNativeDeflate(data);
    rememberInflated("zlib", stored, data);
    const changed = stored.slice();
    changed[changed.length - 5]! ^= 1;
    expect(knownInflated("zlib", changed)).toBeUndefined();
    expect(knownInflated("bz2", stored)).toBeUndefined();
    const small = new Uint8Array(MiB);
    rememberInflated("zlib", Uint8Array.of(1, 2, 3), small);
    expect(knownInflated("zlib", Uint8Array.of(1, 2, 3))).toBeUndefined();
    const large = new Uint8Array(65 * MiB);
    large[0] = 1;
    rememberInflated("zlib", Uint8Array.of(4, 5), large);
    expect(knownInflated("zlib", Uint8Array.of(4, 5))).toBeUndefined();
    rememberInflated("none", data, data);
    expect(knownInflated("none", data)).toBeUndefined();
  });
});
