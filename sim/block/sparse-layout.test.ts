import { describe, expect, it } from "vitest";
import { Prng } from "../core/prng.ts";
import { BlockDevice, EXTENT } from "./block-device.ts";
import { SPARSE_FILL_FROM, sparseLayout } from "./sparse-layout.ts";

const GiB = 2 ** 30;

describe("sparse fills at real geometry", () => {
  it("an 8 GiB device gets 4 sorted, disjoint, 64 KiB-aligned extents of 64 KiB–1 MiB, the first at 0; the same seed gives the same layout", () => {
    const a = sparseLayout(8 * GiB, new Prng(7).stream("content/x"));
    expect(a).toEqual(sparseLayout(8 * GiB, new Prng(7).stream("content/x")));
    expect(a).toHaveLength(4);
    expect(a[0]!.offset).toBe(0);
    for (const [i, e] of a.entries()) {
      expect(e.offset % EXTENT).toBe(0);
      expect(e.length).toBeGreaterThanOrEqual(EXTENT);
      expect(e.length).toBeLessThanOrEqual(16 * EXTENT);
      expect(e.offset + e.length).toBeLessThanOrEqual(a[i + 1]?.offset ?? 8 * GiB);
    }
  });

  it("a small-geometry device (below 256 MiB) is written whole, drawing nothing from the stream", () => {
    const s = new Prng(7).stream("content/x");
    expect(sparseLayout(SPARSE_FILL_FROM - EXTENT, s)).toEqual([{ offset: 0, length: SPARSE_FILL_FROM - EXTENT }]);
    expect(s.int(0, 1_000_000)).toBe(new Prng(7).stream("content/x").int(0, 1_000_000));
  });
});

describe("BlockDevice.contentDigest", () => {
  it("equal bytes ⇔ equal digest: zeros written over data, a copy-on-write clone, a one-byte change, another size", () => {
    const a = new BlockDevice("a", 4 * GiB);
    const b = new BlockDevice("b", 4 * GiB);
    expect(a.contentDigest()).toBe(b.contentDigest());
    a.write(3 * GiB + 5, Uint8Array.of(1, 2, 3));
    expect(a.contentDigest()).not.toBe(b.contentDigest());
    b.write(3 * GiB + 5, Uint8Array.of(1, 2, 3));
    expect(a.contentDigest()).toBe(b.contentDigest());
    expect(a.cloneAs("c").contentDigest()).toBe(a.contentDigest());
    b.write(3 * GiB + 6, Uint8Array.of(9));
    expect(a.contentDigest()).not.toBe(b.contentDigest());
    b.write(3 * GiB + 6, Uint8Array.of(2));
    b.write(GiB, new Uint8Array(EXTENT)); // zeros over a hole: nothing changes
    expect(b.contentDigest()).toBe(a.contentDigest());
    expect(new BlockDevice("d", 2 * GiB).contentDigest()).not.toBe(new BlockDevice("e", GiB).contentDigest());
  });

  it("the digest of a prefix equals the digest of a device of that size holding the same bytes (a larger restore target)", () => {
    const small = new BlockDevice("s", 2 * EXTENT);
    const big = new BlockDevice("b", 8 * EXTENT);
    small.write(EXTENT + 7, Uint8Array.of(5));
    big.write(EXTENT + 7, Uint8Array.of(5));
    big.write(5 * EXTENT, Uint8Array.of(6));
    expect(big.contentDigest(2 * EXTENT)).toBe(small.contentDigest());
    expect(big.contentDigest()).not.toBe(small.contentDigest());
    expect(small.contentDigest(8 * EXTENT)).not.toBe(big.contentDigest());
  });
});
