import { describe, expect, it } from "vitest";
import { fixturePattern, xorshiftBytes } from "./byte-patterns.ts";
import { compressionFamily, decompressObject, prepareOutputData } from "./compression.ts";
import { FormatError } from "./format-error.ts";
import { md5Hex } from "./hashing.ts";

describe("compression", () => {
  const data = fixturePattern(200000);

  it("zlib exact = CPython zlib.compress bytes; bz2 = CPython bz2.compress bytes", () => {
    const z = prepareOutputData("zlib", data);
    expect([z.algorithm, z.data.length, md5Hex(z.data)]).toEqual(["zlib", 2361, "aee47b99a416a33ecd6154b095a95767"]);
    const b = prepareOutputData("BZIP2", data);
    expect([b.algorithm, b.data.length, md5Hex(b.data)]).toEqual(["bzip2", 1295, "be6a2106924af7f3568e328be9c2857f"]);
  });

  it("records the configured name lower-cased, or none when compression did not shrink", () => {
    expect(prepareOutputData("GZIP", data).algorithm).toBe("gzip");
    expect(prepareOutputData("off", data)).toEqual({ algorithm: "none", data });
    const random = xorshiftBytes(50000, 3);
    const r = prepareOutputData("zlib", random);
    expect(r.algorithm).toBe("none");
    expect(r.data).toBe(random);
  });

  it("decompresses every name and bounds the output", () => {
    for (const alg of ["zlib", "gzip", "bz2", "bzip2"]) {
      const out = prepareOutputData(alg, data);
      expect(Buffer.from(decompressObject(out.algorithm, out.data, data.length)).equals(Buffer.from(data))).toBe(true);
      expect(() => decompressObject(out.algorithm, out.data, 1000)).toThrow(FormatError);
    }
    // zstd frame of "hello zstd\n" made by `zstd -19`
    const frame = Buffer.from("KLUv/QRoWQAAaGVsbG8genN0ZApsV/lR", "base64");
    expect(Buffer.from(decompressObject("zstd", frame, 100)).toString()).toBe("hello zstd\n");
    expect(() => decompressObject("zlib", Buffer.from("not zlib"), 100)).toThrow(FormatError);
  });

  it("unknown names are cinder's ValueError text", () => {
    expect(() => compressionFamily("lz4")).toThrow("unsupported compression algorithm: lz4");
  });
});
