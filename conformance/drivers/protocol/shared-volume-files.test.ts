import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FakeVolumeFile } from "../../driver/fake-volume-file.ts";
import { PAGE_SIZE, SparseDevice } from "../../driver/sparse-device.ts";
import { MemoryVolumeFile } from "../../../lib/format/index.ts";
import { SharedVolumeFiles } from "./shared-volume-files.ts";

const dir = mkdtempSync(join(tmpdir(), "cbh-shared-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A device with data, an allocated all-zero page, 300 dense pages (past one writev) and a tail. */
function device(): SparseDevice {
  const size = 400 * PAGE_SIZE + 123;
  const d = new SparseDevice(size);
  d.write(7, Uint8Array.from([1, 2, 3]));
  d.write(2 * PAGE_SIZE, new Uint8Array(PAGE_SIZE).fill(4));
  d.write(2 * PAGE_SIZE, new Uint8Array(PAGE_SIZE)); // allocated, zero again
  const dense = new Uint8Array(300 * PAGE_SIZE);
  for (let i = 0; i < dense.length; i++) dense[i] = (i * 31 + 7) & 0xff;
  d.write(50 * PAGE_SIZE + 5, dense);
  d.write(size - 3, Uint8Array.from([9, 9, 9]));
  return d;
}

describe("SharedVolumeFiles.export", () => {
  it("writes a FakeVolumeFile's pages (writev) byte-identical to the read-and-write path, zero pages as holes", async () => {
    const files = new SharedVolumeFiles(dir);
    const dev = device();
    const paged = await files.export("v", new FakeVolumeFile("v", dev));
    const flat = dev.read(0, dev.sizeBytes);
    const mem = new MemoryVolumeFile(flat.length);
    await mem.write(0, flat);
    const byRead = await files.export("v", mem);
    const a = readFileSync(paged.hostPath),
      b = readFileSync(byRead.hostPath);
    expect(a.length).toBe(dev.sizeBytes);
    expect(Buffer.compare(a, Buffer.from(flat))).toBe(0);
    expect(Buffer.compare(a, b)).toBe(0);
    // holes: far fewer blocks than the size (pages 1..49 and 351..399 are never written)
    expect(statSync(paged.hostPath).blocks * 512).toBeLessThan(dev.sizeBytes - 90 * PAGE_SIZE);
  });

  it("importChanges after a paged export: the changed bytes, and only those, reach the device", async () => {
    const files = new SharedVolumeFiles(dir);
    const dev = device();
    const f = new FakeVolumeFile("v", dev);
    const { hostPath } = await files.export("v", f);
    const { openSync, writeSync, closeSync } = await import("node:fs");
    const fd = openSync(hostPath, "r+");
    writeSync(fd, Uint8Array.from([0xaa]), 0, 1, 60 * PAGE_SIZE + 1);
    writeSync(fd, Uint8Array.from([0xbb]), 0, 1, 10 * PAGE_SIZE);
    closeSync(fd);
    const before = dev.clone();
    await files.importChanges(hostPath, f, true);
    expect(dev.read(60 * PAGE_SIZE + 1, 1)[0]).toBe(0xaa);
    expect(dev.read(10 * PAGE_SIZE, 1)[0]).toBe(0xbb);
    expect(before.read(60 * PAGE_SIZE + 1, 1)[0]).not.toBe(0xaa); // the snapshot kept its bytes
    const expected = before.read(0, before.sizeBytes);
    expected[60 * PAGE_SIZE + 1] = 0xaa;
    expected[10 * PAGE_SIZE] = 0xbb;
    expect(Buffer.compare(dev.read(0, dev.sizeBytes), expected)).toBe(0);
  });
});

describe("SharedVolumeFiles.importChanges into a FakeVolumeFile", () => {
  it("a read-back adopts whole pages (no copy) and stays byte-exact, zeros and a short tail included", async () => {
    const files = new SharedVolumeFiles(dir);
    const dev = device();
    const f = new FakeVolumeFile("v", dev);
    const e = await files.export("v", f);
    const want = readFileSync(e.hostPath);
    for (let i = 0; i < want.length; i += 4099) want[i] = (want[i]! + 1) & 0xff;
    want.fill(0, 50 * PAGE_SIZE, 60 * PAGE_SIZE);
    writeFileSync(e.hostPath, want);
    await files.importChanges(e.hostPath, f, true);
    expect(Buffer.compare(Buffer.from(dev.read(0, dev.sizeBytes)), want)).toBe(0);
    expect(dev.pageView(55)).toBeNull();
    expect(dev.pageView(100)!.byteLength).toBe(PAGE_SIZE);
    expect(dev.pageView(100)!.buffer.byteLength).toBe(1024 * 1024); // a page of the 1 MiB read, not a copy
  });

  it("a step whose bytes stay out of the device lends its buffer to the next; a step handed over keeps its own", async () => {
    const MiB = 1024 * 1024;
    const files = new SharedVolumeFiles(dir);
    const dev = new SparseDevice(8 * MiB);
    dev.write(4 * MiB, new Uint8Array(MiB).fill(4)); // MiB 4 already holds what the restore writes there
    const f = new FakeVolumeFile("v", dev);
    const { hostPath } = await files.export("v", f);
    const want = Buffer.alloc(8 * MiB);
    for (const m of [0, 2, 4, 5, 7]) want.fill(m + 1 === 5 ? 4 : m + 1, m * MiB, (m + 1) * MiB);
    writeFileSync(hostPath, want); // MiBs 1, 3, 6 zeros (as before), 4 unchanged: their buffers are reused
    await files.importChanges(hostPath, f, true);
    expect(Buffer.compare(Buffer.from(dev.read(0, dev.sizeBytes)), want)).toBe(0);
    const buffers = [0, 2, 5, 7].map((m) => dev.pageView((m * MiB) / PAGE_SIZE)!.buffer);
    expect(new Set(buffers).size).toBe(4);
  });
});
