import { describe, expect, it } from "vitest";
import { FakeVolumeFile } from "./fake-volume-file.ts";
import { PAGE_SIZE, SparseDevice } from "./sparse-device.ts";

const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);

describe("SparseDevice pages are copy-on-write between devices", () => {
  it("a clone and its source never see each other's later writes, on either side", () => {
    const a = new SparseDevice(3 * PAGE_SIZE);
    a.write(0, bytes(2 * PAGE_SIZE, 1));
    const b = a.clone();
    a.write(5, bytes(3, 2)); // source written after the clone
    b.write(PAGE_SIZE + 7, bytes(4, 3)); // clone written after the clone
    expect([...a.read(4, 5)]).toEqual([1, 2, 2, 2, 1]);
    expect([...b.read(4, 5)]).toEqual([1, 1, 1, 1, 1]);
    expect([...b.read(PAGE_SIZE + 6, 6)]).toEqual([1, 3, 3, 3, 3, 1]);
    expect([...a.read(PAGE_SIZE + 6, 6)]).toEqual([1, 1, 1, 1, 1, 1]);
    const c = b.clone(); // a clone of a clone
    b.write(0, bytes(1, 9));
    expect(c.read(0, 1)[0]).toBe(1);
    expect(a.read(0, 1)[0]).toBe(1);
  });

  it("copyPageFrom shares the page: later writes on either device stay their own; a page the source lacks becomes zeros", () => {
    const dst = new SparseDevice(2 * PAGE_SIZE);
    dst.write(PAGE_SIZE, bytes(10, 4));
    const src = new SparseDevice(2 * PAGE_SIZE);
    src.write(0, bytes(10, 5));
    dst.copyPageFrom(src, 0);
    dst.copyPageFrom(src, 1); // src never wrote page 1
    expect([...dst.read(0, 2)]).toEqual([5, 5]);
    expect(dst.isZeroRange(PAGE_SIZE, PAGE_SIZE)).toBe(true);
    src.write(0, bytes(1, 6));
    dst.write(1, bytes(1, 7));
    expect([...src.read(0, 2)]).toEqual([6, 5]);
    expect([...dst.read(0, 2)]).toEqual([5, 7]);
  });

  it("a FakeVolumeFile flush shares pages with the durable device, and later volatile writes do not reach it unflushed", async () => {
    const dev = new SparseDevice(2 * PAGE_SIZE);
    const f = new FakeVolumeFile("v", dev);
    await f.write(0, bytes(PAGE_SIZE, 8));
    await f.flush();
    await f.write(3, bytes(1, 9));
    expect(dev.read(3, 1)[0]).toBe(8);
    expect(f.volatile.read(3, 1)[0]).toBe(9);
  });

  it("pageRuns: adjacent non-zero pages in runs, zero pages left out (holes), the last page cut at the device's end", () => {
    const d = new SparseDevice(5 * PAGE_SIZE + 100);
    d.write(0, bytes(2 * PAGE_SIZE, 1));
    d.write(2 * PAGE_SIZE, bytes(PAGE_SIZE, 0)); // allocated nowhere: zeros
    d.write(3 * PAGE_SIZE + 1, bytes(1, 2));
    d.write(3 * PAGE_SIZE + 1, bytes(1, 0)); // allocated, all zero again
    d.write(4 * PAGE_SIZE, bytes(PAGE_SIZE + 100, 3));
    const runs = [...d.pageRuns()].map((r) => ({ offset: r.offset, lengths: r.pages.map((p) => p.length) }));
    expect(runs).toEqual([
      { offset: 0, lengths: [PAGE_SIZE, PAGE_SIZE] },
      { offset: 4 * PAGE_SIZE, lengths: [PAGE_SIZE, 100] },
    ]);
  });

  it("FakeVolumeFile.pageRuns is frozen: writes after it leave the handed-out pages unchanged", async () => {
    const f = new FakeVolumeFile("v", new SparseDevice(PAGE_SIZE));
    await f.write(0, bytes(PAGE_SIZE, 1));
    const [run] = [...f.pageRuns()];
    await f.write(0, bytes(PAGE_SIZE, 2));
    expect(run!.pages[0]![0]).toBe(1);
    expect(f.volatile.read(0, 1)[0]).toBe(2);
  });
});

describe("SparseDevice.adopt: pages handed over, not copied", () => {
  it("adopt keeps whole pages as given (no copy), drops zero pages, copies a short last page, and refuses a partial page", () => {
    const d = new SparseDevice(3 * PAGE_SIZE + 10);
    d.write(PAGE_SIZE, bytes(5, 7));
    const given = new Uint8Array(2 * PAGE_SIZE);
    given[3] = 1; // page 0 non-zero, page 1 all zero
    d.adopt(0, given);
    expect(d.pageView(0)!.buffer).toBe(given.buffer); // a view, not a copy
    expect(d.pageView(1)).toBeNull(); // it held 7s: now zeros, unallocated
    expect(d.pageIndexes()).toEqual([0]);
    const tail = bytes(PAGE_SIZE + 10, 5);
    d.adopt(2 * PAGE_SIZE, tail); // ends at the device's end
    expect(d.read(3 * PAGE_SIZE + 9, 2)).toEqual(Uint8Array.from([5]));
    expect(d.pageView(3)!.buffer).not.toBe(tail.buffer);
    expect(() => d.adopt(5, bytes(PAGE_SIZE, 1))).toThrow(RangeError);
    expect(() => d.adopt(0, bytes(100, 1))).toThrow(RangeError);
    // the adopted page is copy-on-write towards clones like any other
    const c = d.clone();
    d.write(3, bytes(1, 8));
    expect(c.read(3, 1)[0]).toBe(1);
  });

  it("a FakeVolumeFile's adopted pages are volatile until flush, and copied on a partial page", async () => {
    const dev = new SparseDevice(2 * PAGE_SIZE);
    const f = new FakeVolumeFile("v", dev);
    await f.adoptPages(0, bytes(PAGE_SIZE, 1));
    await f.adoptPages(PAGE_SIZE + 3, bytes(2, 2)); // not whole pages: an ordinary write
    expect(f.unflushedPages).toBe(2);
    expect(dev.isZeroRange(0, dev.sizeBytes)).toBe(true);
    await f.flush();
    expect([...dev.read(PAGE_SIZE + 2, 4)]).toEqual([0, 2, 2, 0]);
    expect(dev.read(PAGE_SIZE - 1, 1)[0]).toBe(1);
  });
});
