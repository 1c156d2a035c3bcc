import { createHash } from "node:crypto";
import { deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { deflateWhole, sparseNativeDeflate } from "./sparse-deflate.ts";
import { xorshiftBytes } from "./byte-patterns.ts";

const MiB = 1 << 20;
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

function sparse(size: number, writes: Array<[number, number, number]>): Uint8Array {
  const d = new Uint8Array(size);
  for (const [off, len, seed] of writes) for (let i = 0; i < len; i++) d[off + i] = (seed * 31 + i * 7 + (i >> 9)) & 0xff;
  return d;
}

describe("deflateWhole (deflateSync into one output buffer)", () => {
  it("gives deflateSync's bytes for random, compressible, empty and mixed data of many sizes, in a buffer of its own when small", () => {
    const text = (n: number) => new TextEncoder().encode("volume backup restore snapshot ".repeat(Math.ceil(n / 31))).subarray(0, n);
    const mixed = (n: number) => {
      const d = xorshiftBytes(n, 3);
      d.fill(0, n >> 2, n >> 1);
      return d;
    };
    for (const n of [0, 1, 63, 64, 4096, 16383, 16384, 16385, 65536, 262144, 262147, 1 << 20])
      for (const d of [xorshiftBytes(n, n + 1), text(n), new Uint8Array(n), mixed(n)]) {
        const z = deflateWhole(d);
        expect(Buffer.from(z).equals(deflateSync(d))).toBe(true);
        // A small result is not left in a buffer as large as the bound (small copies come from node's 8 KiB pool).
        if (z.length * 2 < d.length && d.length > 8192) expect(z.buffer.byteLength).toBeLessThan(d.length);
      }
  });
});

describe("sparseNativeDeflate (native zlib of big mostly-empty chunks)", () => {
  it("inflates (adler32 checked) to the same bytes: data first, middle, last, across piece edges", () => {
    const cases: Uint8Array[] = [
      sparse(40 * MiB, [[0, 5000, 1]]),
      sparse(40 * MiB + 12345, [
        [MiB - 7, 20, 2],
        [17 * MiB + 3, 3 * MiB, 3],
        [40 * MiB + 12000, 345, 4],
      ]),
      sparse(16 * MiB, [[16 * MiB - 1, 1, 5]]),
      new Uint8Array(33 * MiB + 1),
    ];
    for (const d of cases) {
      const z = sparseNativeDeflate(d);
      expect(z.length).toBeLessThan(d.length / 50);
      expect(sha(inflateSync(z))).toBe(sha(d));
    }
  });

  it("adler32 holds for 0xff-heavy data (the running sums reach their modulo)", () => {
    const d = new Uint8Array(20 * MiB);
    d.fill(0xff, 2 * MiB, 4 * MiB);
    expect(sha(inflateSync(sparseNativeDeflate(d)))).toBe(sha(d));
  });

  it("keeps deflateSync's exact bytes below 16 MiB and for chunks with no empty MiB", () => {
    const small = sparse(4 * MiB, [[100, 100, 6]]);
    expect(Buffer.from(sparseNativeDeflate(small)).equals(deflateSync(small))).toBe(true);
    const dense = new Uint8Array(17 * MiB).fill(3);
    expect(Buffer.from(sparseNativeDeflate(dense)).equals(deflateSync(dense))).toBe(true);
  });
});
