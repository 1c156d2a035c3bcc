import { describe, expect, it } from "vitest";
import { BlockDevice, EXTENT } from "./block-device.ts";

const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);
/** Byte equality in one native compare (toEqual walks 256 KiB element by element). */
const same = (a: Uint8Array, b: Uint8Array) => expect(Buffer.from(a.buffer, a.byteOffset, a.length).equals(b)).toBe(true);

describe("BlockDevice extents written in place only when no one else sees them", () => {
  it("a snapshot keeps its bytes while the source is written again (and the other way round)", () => {
    const a = new BlockDevice("a", 4 * EXTENT);
    a.write(100, bytes(EXTENT, 1)); // two extents, both a's own
    a.write(200, bytes(10, 2)); // in place
    const before = a.read(0, 4 * EXTENT);
    const snap = a.cloneAs("snap");
    a.write(150, bytes(10, 3));
    a.writeZeros(EXTENT + 50, 20);
    same(snap.read(0, 4 * EXTENT), before);
    const clone = a.cloneAs("clone");
    const aNow = a.read(0, 4 * EXTENT);
    clone.write(0, bytes(2 * EXTENT, 9));
    clone.writeZeros(10, 10);
    same(a.read(0, 4 * EXTENT), aNow);
  });

  it("what read handed out does not change when the device is written afterwards", () => {
    const d = new BlockDevice("d", 2 * EXTENT);
    d.write(0, bytes(EXTENT, 5));
    const got = d.read(0, EXTENT);
    d.write(10, bytes(10, 6));
    d.writeZeros(0, 5);
    same(got, bytes(EXTENT, 5));
  });

  it("adopt gives the same bytes and digest as write, and later writes never touch the adopted buffer", () => {
    const data = new Uint8Array(3 * EXTENT + 7);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + 1) & 0xff;
    const copy = data.slice();
    const w = new BlockDevice("w", 5 * EXTENT);
    const a = new BlockDevice("a", 5 * EXTENT);
    w.write(EXTENT, data);
    a.adopt(EXTENT, data);
    expect(a.contentDigest()).toBe(w.contentDigest());
    a.write(EXTENT + 3, bytes(5, 0xee));
    a.writeZeros(2 * EXTENT, 9);
    same(data, copy);
    w.write(EXTENT + 3, bytes(5, 0xee));
    w.writeZeros(2 * EXTENT, 9);
    same(a.read(0, 5 * EXTENT), w.read(0, 5 * EXTENT));
  });

  it("an extent written back to zeros is dropped from the sparse map", () => {
    const d = new BlockDevice("z", 2 * EXTENT);
    d.write(10, bytes(20, 1));
    d.write(10, bytes(20, 0));
    expect(d.allocatedExtents).toBe(0);
    d.adopt(0, bytes(EXTENT, 0));
    expect(d.allocatedExtents).toBe(0);
  });
});

describe("BlockDevice.isZeroRange", () => {
  it("looks at every allocated extent of the range, not just the first (a range starting in an extent whose part in range is zero)", () => {
    const d = new BlockDevice("r", 4 * EXTENT);
    d.write(0, bytes(10, 1));
    d.write(3 * EXTENT + 5, bytes(1, 2));
    expect(d.isZeroRange(100, 3 * EXTENT)).toBe(false);
    expect(d.isZeroRange(100, 3 * EXTENT - 100)).toBe(true);
    expect(d.isZeroRange(0, 10)).toBe(false);
    expect(d.isZeroRange(10, 3 * EXTENT - 10)).toBe(true);
    expect(d.isZeroRange(3 * EXTENT + 6, EXTENT - 6)).toBe(true);
  });
});
