import { describe, expect, it } from "vitest";
import { BlockDevice, EXTENT } from "./block-device.ts";

/** A device with data in a few extents (one of them shared with a clone, copy-on-write). */
function dataDevice(id: string): BlockDevice {
  const dev = new BlockDevice(id, 64 * EXTENT);
  for (const [off, len, v] of [
    [0, EXTENT + 100, 7],
    [5 * EXTENT + 10, 3000, 9],
    [20 * EXTENT, 4 * EXTENT, 3],
    [63 * EXTENT + 1, EXTENT - 1, 5],
  ] as const)
    dev.write(off, new Uint8Array(len).fill(v));
  return dev;
}

describe("BlockDevice.writeZeros", () => {
  it.each([
    [0, 64 * EXTENT],
    [0, EXTENT],
    [50, 20],
    [EXTENT - 7, 2 * EXTENT],
    [5 * EXTENT + 1000, 1000],
    [19 * EXTENT + 3, 3 * EXTENT],
    [63 * EXTENT + 2, EXTENT - 2],
    [30 * EXTENT, 0],
  ])("zeroing %i +%i leaves the bytes and digest of writing that many zeros", (offset, length) => {
    const a = dataDevice("a");
    const b = dataDevice("b");
    a.writeZeros(offset, length);
    b.write(offset, new Uint8Array(length));
    expect(a.contentDigest()).toBe(b.contentDigest());
    expect(Buffer.compare(a.read(0, a.sizeBytes), b.read(0, b.sizeBytes))).toBe(0);
    expect(a.allocatedExtents).toBe(b.allocatedExtents);
  });

  it("does not touch a clone sharing the extents, and refuses a range outside the device", () => {
    const a = dataDevice("a");
    const clone = a.cloneAs("c");
    const before = clone.contentDigest();
    a.writeZeros(0, 30 * EXTENT);
    expect(clone.contentDigest()).toBe(before);
    expect(a.isZeroRange(0, 30 * EXTENT)).toBe(true);
    expect(() => a.writeZeros(63 * EXTENT, 2 * EXTENT)).toThrow(RangeError);
  });
});
