import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { FakeVolumeFile } from "./fake-volume-file.ts";
import { PAGE_SIZE, SparseDevice } from "./sparse-device.ts";

describe("SparseDevice", () => {
  it("reads zeros where nothing was written and writes across page boundaries", () => {
    const d = new SparseDevice(3 * PAGE_SIZE + 10);
    d.write(PAGE_SIZE - 2, Uint8Array.from([1, 2, 3, 4]));
    expect([...d.read(PAGE_SIZE - 3, 6)]).toEqual([0, 1, 2, 3, 4, 0]);
    expect(d.read(3 * PAGE_SIZE + 5, 100).length).toBe(5);
    expect(d.pageIndexes()).toEqual([0, 1]);
    expect(d.isZeroRange(0, PAGE_SIZE - 2)).toBe(true);
    expect(d.isZeroRange(0, PAGE_SIZE)).toBe(false);
    expect(() => d.write(3 * PAGE_SIZE + 9, Uint8Array.from([1, 2]))).toThrow(RangeError);
  });

  it("sha256 equals the hash of the flat content; firstDifference finds the changed byte", () => {
    const d = new SparseDevice(PAGE_SIZE + 7);
    d.write(PAGE_SIZE + 1, Uint8Array.from([9]));
    const flat = new Uint8Array(PAGE_SIZE + 7);
    flat[PAGE_SIZE + 1] = 9;
    expect(d.sha256()).toBe(createHash("sha256").update(flat).digest("hex"));
    const c = d.clone();
    expect(d.firstDifference(c)).toBe(-1);
    c.write(5, Uint8Array.from([1]));
    expect(d.firstDifference(c)).toBe(5);
  });
});

describe("FakeVolumeFile", () => {
  it("keeps writes volatile until flush, so the durable device shows only flushed data", async () => {
    const dev = new SparseDevice(2 * PAGE_SIZE);
    const f = new FakeVolumeFile("v", dev);
    await f.write(PAGE_SIZE + 3, Uint8Array.from([7, 7]));
    expect([...(await f.read(PAGE_SIZE + 3, 2))]).toEqual([7, 7]);
    expect([...dev.read(PAGE_SIZE + 3, 2)]).toEqual([0, 0]);
    expect(f.unflushedPages).toBe(1);
    await f.flush();
    expect([...dev.read(PAGE_SIZE + 3, 2)]).toEqual([7, 7]);
    expect(f.unflushedPages).toBe(0);
    expect([f.reads, f.writes, f.flushes]).toEqual([1, 1, 1]);
  });
});

describe("SparseDevice at multi-GiB sizes", () => {
  it("zero writes to untouched pages allocate nothing; comparison visits only written pages", () => {
    const big = 2 ** 32 + 3 * PAGE_SIZE;
    const a = new SparseDevice(big);
    a.write(0, new Uint8Array(4 * PAGE_SIZE)); // zeros: nothing allocated
    expect(a.pageIndexes()).toEqual([]);
    a.write(2 ** 32 + 7, Uint8Array.from([5]));
    const b = new SparseDevice(big);
    expect(a.firstDifference(b)).toBe(2 ** 32 + 7);
    b.write(2 ** 32 + 7, Uint8Array.from([5]));
    expect(a.firstDifference(b)).toBe(-1);
    b.write(2 ** 32 + 7, Uint8Array.from([0])); // zeroing an allocated page is a real write
    expect(b.read(2 ** 32 + 7, 1)).toEqual(Uint8Array.from([0]));
    expect(a.firstDifference(b)).toBe(2 ** 32 + 7);
  });
});
