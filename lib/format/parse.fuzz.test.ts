import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FormatError } from "./format-error.ts";
import { withLimits } from "./limits.ts";
import { serializeMetadata, serializeSha256File } from "./metadata.ts";
import { parseMetadata, parseSha256File } from "./parse.ts";

const limits = withLimits({ maxMetadataBytes: 64 * 1024, maxSha256FileBytes: 64 * 1024, maxObjects: 100, maxShaEntries: 100 });
const enc = new TextEncoder();

/** Either parses or throws a FormatError: nothing else, and quickly. */
function onlyFormatErrors(parse: (b: Uint8Array) => unknown, bytes: Uint8Array): void {
  const t0 = performance.now();
  try {
    parse(bytes);
  } catch (e) {
    if (!(e instanceof FormatError)) throw e;
  }
  expect(performance.now() - t0).toBeLessThan(2000);
}

const hex = (n: number) => fc.stringMatching(new RegExp(`^[0-9a-f]{${n}}$`));
const entry = fc.record({
  name: fc.string({ maxLength: 40 }),
  offset: fc.oneof(fc.nat(), fc.integer(), fc.double()),
  length: fc.oneof(fc.nat(), fc.integer({ min: -5, max: 2 ** 40 })),
  compression: fc.constantFrom("none", "zlib", "bz2", "zstd", "lz4", "GZIP"),
  md5: fc.oneof(hex(32), fc.string()),
});
const metaDoc = fc.record({
  version: fc.oneof(fc.constant("1.0.0"), fc.string()),
  backup_id: fc.string(),
  volume_id: fc.string(),
  backup_name: fc.option(fc.string()),
  backup_description: fc.option(fc.string()),
  created_at: fc.string(),
  objects: fc.array(entry, { maxLength: 8 }),
  parent_id: fc.option(fc.string()),
  volume_meta: fc.option(fc.string()),
});

describe("metadata / sha256file parsers under fuzz", () => {
  it("random bytes and random JSON values", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => {
        onlyFormatErrors((x) => parseMetadata(x, limits), b);
        onlyFormatErrors((x) => parseSha256File(x, limits), b);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const b = enc.encode(JSON.stringify(v));
        onlyFormatErrors((x) => parseMetadata(x, limits), b);
        onlyFormatErrors((x) => parseSha256File(x, limits), b);
      }),
      { numRuns: 300 },
    );
  });

  it("structurally plausible metadata with hostile fields", () => {
    fc.assert(
      fc.property(metaDoc, (m) => {
        const b = enc.encode(
          JSON.stringify({
            ...m,
            objects: m.objects.map((o) => ({ [o.name]: { offset: o.offset, length: o.length, compression: o.compression, md5: o.md5 } })),
          }),
        );
        try {
          const parsed = parseMetadata(b, limits);
          for (const o of parsed.objects) {
            expect(Number.isSafeInteger(o.offset) && o.offset >= 0).toBe(true);
            expect(o.name.split("/").includes("..")).toBe(false);
            expect(o.name.startsWith("/")).toBe(false);
          }
          // a successful parse serializes and parses back to the same value
          expect(parseMetadata(serializeMetadata(parsed), limits)).toEqual(parsed);
        } catch (e) {
          expect(e).toBeInstanceOf(FormatError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("sha256 files: mutated valid documents", () => {
    const base = {
      version: "1.0.0",
      backup_id: "b",
      volume_id: "v",
      backup_name: null,
      backup_description: null,
      created_at: "x",
      chunk_size: 32768,
      sha256s: ["a".repeat(64)],
    };
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 8 }), fc.nat(), (junk, at) => {
        const good = serializeSha256File(base);
        const pos = at % good.length;
        const bad = new Uint8Array([...good.subarray(0, pos), ...junk, ...good.subarray(pos + junk.length)]);
        onlyFormatErrors((x) => parseSha256File(x, limits), bad);
      }),
      { numRuns: 500 },
    );
  });

  it("too-large inputs, deep nesting and huge lists are refused as FormatErrors", () => {
    expect(() => parseMetadata(new Uint8Array(64 * 1024 + 1), limits)).toThrow(expect.objectContaining({ code: "too-large" }));
    const deep = enc.encode("[".repeat(30000) + "]".repeat(30000));
    expect(() => parseMetadata(deep, withLimits())).toThrow(FormatError);
    const many = enc.encode(
      JSON.stringify({
        version: "1.0.0",
        backup_id: "b",
        volume_id: "v",
        backup_name: null,
        backup_description: null,
        created_at: "x",
        chunk_size: 1,
        sha256s: Array(101).fill("a".repeat(64)),
      }),
    );
    expect(() => parseSha256File(many, limits)).toThrow(expect.objectContaining({ code: "too-large" }));
    expect(() => parseMetadata(enc.encode('{"version": "2.0.0"}'), limits)).toThrow("No support to restore backup version 2.0.0");
  });
});
