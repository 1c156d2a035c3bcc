import { deflateSync, inflateSync } from "node:zlib";
import pako from "pako";
import { describe, expect, it } from "vitest";
import { md5Hex } from "./hashing.ts";
import { ZERO_STEP, compressZeros, prepareZeroOutput, zeroMd5 } from "./zero-output.ts";

// Lengths across the 16 MiB ladder step: below, exact multiples and past them.
const LENGTHS = [0, 1, 32768, 262144, 5_000_001, ZERO_STEP, ZERO_STEP + 1, 2 * ZERO_STEP + 65536];

describe("zero-output: the all-zero chunk without a buffer of its size", () => {
  it("md5 equals md5 of a real zero buffer", () => {
    for (const n of LENGTHS) expect(zeroMd5(n), `length ${n}`).toBe(md5Hex(new Uint8Array(n)));
  });

  it("native zlib stream inflates to exactly n zeros (adler32 checked by inflate)", () => {
    for (const n of LENGTHS.filter((x) => x > 0)) {
      const out = inflateSync(compressZeros("zlib", n, "native"));
      expect(out.length, `length ${n}`).toBe(n);
      expect(out.every((b) => b === 0)).toBe(true);
    }
  });

  it("exact zlib is byte-identical to one-shot pako (Python's zlib.compress bytes)", () => {
    for (const n of [1, 262144, ZERO_STEP + 1])
      expect(Buffer.from(compressZeros("zlib", n, "exact")).equals(Buffer.from(pako.deflate(new Uint8Array(n))))).toBe(true);
  });

  it("a 1999994880-byte posix chunk of zeros is compressed without allocating it", () => {
    const out = prepareZeroOutput("zlib", 1999994880, "native");
    expect(out.algorithm).toBe("zlib");
    expect(out.data.length).toBeLessThan(4 << 20);
    expect(out.data.length).toBeLessThan(deflateSync(new Uint8Array(ZERO_STEP)).length * 120);
  });

  it("compression off keeps the raw zeros, recorded as none", () => {
    expect(prepareZeroOutput("none", 10, "native")).toEqual({ algorithm: "none", data: new Uint8Array(10) });
  });
});
