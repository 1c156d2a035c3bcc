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

describe("BlockDevice.readView and the restore's handed-over writes (fewer ArrayBuffers per run)", () => {
  const content = (n: number, seed: number) => {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = (i * 31 + seed) & 0xff || 1;
    return b;
  };

  it("adopted content: a view of it (no copy), same bytes as read; later writes leave the view alone", () => {
    const data = content(4 * EXTENT, 3);
    const d = new BlockDevice("v", 6 * EXTENT);
    d.adopt(EXTENT, data);
    const v = d.readView(EXTENT + 100, 3 * EXTENT);
    expect(v.buffer).toBe(data.buffer);
    same(v, d.read(EXTENT + 100, 3 * EXTENT));
    const before = v.slice();
    d.write(2 * EXTENT, bytes(EXTENT, 7)); // copies that extent (adopted: never written in place)
    d.writeZeros(EXTENT, 10);
    same(v, before);
    same(data, content(4 * EXTENT, 3));
    // Now the range crosses an extent of the device's own: a copy, with the new bytes.
    const w = d.readView(EXTENT, 3 * EXTENT);
    expect(w.buffer).not.toBe(data.buffer);
    same(w, d.read(EXTENT, 3 * EXTENT));
  });

  it("holes, the device's own extents, extents of different buffers and the device end: same bytes as read", () => {
    const d = new BlockDevice("m", 5 * EXTENT + 100);
    d.adopt(0, content(EXTENT, 1));
    d.adopt(EXTENT, content(EXTENT, 2)); // a second buffer: not contiguous with the first
    d.write(3 * EXTENT, content(EXTENT, 4)); // own extent
    d.adopt(4 * EXTENT, content(EXTENT, 5));
    for (const [o, l] of [
      [0, 2 * EXTENT],
      [10, EXTENT - 20],
      [EXTENT, 2 * EXTENT],
      [2 * EXTENT, 2 * EXTENT],
      [3 * EXTENT + 1, 10],
      [4 * EXTENT, 2 * EXTENT],
      [5 * EXTENT, 1000],
      [0, 0],
    ] as const)
      same(d.readView(o, l), d.read(o, l));
    expect(d.readView(10, 100).buffer).not.toBe(d.read(10, 100).buffer);
  });

  it("writeHandedOver keeps the restore's buffer as extents; the device's later writes never change it", async () => {
    const obj = content(4 * EXTENT, 9);
    const f = new BlockDevice("r", 8 * EXTENT);
    const file = f.asVolumeFile();
    await file.writeHandedOver!(2 * EXTENT, obj);
    const w = new BlockDevice("w", 8 * EXTENT);
    w.write(2 * EXTENT, obj);
    expect(f.contentDigest()).toBe(w.contentDigest());
    expect((await file.readView!(2 * EXTENT, 4 * EXTENT)).buffer).toBe(obj.buffer);
    await file.write(2 * EXTENT + 5, bytes(3, 0));
    f.writeZeros(3 * EXTENT, EXTENT);
    same(obj, content(4 * EXTENT, 9));
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

describe("BlockDevice over a ByteArena (a chaos run's reused memory)", () => {
  it("gives the bytes and digests of a plain device; keeps handed-over arena bytes, copies any other", async () => {
    const { ByteArena } = await import("../../lib/format/index.ts");
    const arena = new ByteArena(1 << 20);
    arena.acquire();
    const plain = new BlockDevice("p", 6 * EXTENT);
    const pooled = new BlockDevice("p", 6 * EXTENT, undefined, arena);
    const content = arena.alloc(2 * EXTENT).fill(3);
    const foreign = bytes(2 * EXTENT, 4); // a restore's inflated object: not the arena's
    for (const d of [plain, pooled]) {
      d.adopt(0, d === plain ? content.slice() : content);
      d.adopt(2 * EXTENT, foreign);
      d.write(10, bytes(5, 9));
      d.writeZeros(3 * EXTENT, 100);
    }
    same(pooled.read(0, 6 * EXTENT), plain.read(0, 6 * EXTENT));
    expect(pooled.contentDigest()).toBe(plain.contentDigest());
    // The arena's content was adopted whole (a view of it comes back); the foreign buffer was copied in.
    expect(pooled.readView(EXTENT, EXTENT).buffer).toBe(content.buffer);
    const view = pooled.readView(2 * EXTENT, EXTENT);
    expect(view.buffer).not.toBe(foreign.buffer);
    foreign.fill(0);
    same(pooled.read(2 * EXTENT, EXTENT), bytes(EXTENT, 4));
    arena.reset();
  });
});
