import { appendFileSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from "node:fs";
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

describe("SharedVolumeFiles keeps a device's volume file between calls", () => {
  const sameAsDevice = (path: string, dev: SparseDevice) =>
    expect(Buffer.compare(readFileSync(path), Buffer.from(dev.read(0, dev.sizeBytes)))).toBe(0);

  it("a second call on an unchanged device writes nothing; after writes only the changed pages are rewritten, zeros included", async () => {
    const files = new SharedVolumeFiles(mkdtempSync(join(dir, "keep-")));
    const dev = device();
    const first = await files.exportFor("v", new FakeVolumeFile("v", dev));
    expect(first.bytesWritten).toBe(-1); // a new file: the whole device
    sameAsDevice(first.hostPath, dev);
    await files.release(first, dev, "unchanged");
    const again = await files.exportFor("v", new FakeVolumeFile("v", dev));
    expect(again.hostPath).toBe(first.hostPath);
    expect(again.bytesWritten).toBe(0);
    await files.release(again, dev, "unchanged");
    dev.write(60 * PAGE_SIZE + 1, Uint8Array.from([0xaa])); // one page changed
    dev.write(7, new Uint8Array(3)); // page 0 back to zeros
    dev.write(380 * PAGE_SIZE, Uint8Array.from([1])); // a hole gets data
    const patched = await files.exportFor("v", new FakeVolumeFile("v", dev));
    expect(patched.hostPath).toBe(first.hostPath);
    expect(patched.bytesWritten).toBe(3 * PAGE_SIZE);
    sameAsDevice(patched.hostPath, dev);
    await files.release(patched, dev, "unchanged");
    expect(files.keptFiles).toBe(1);
  });

  it("a file written behind the harness's back, during a backup or after it, is exported anew", async () => {
    const files = new SharedVolumeFiles(mkdtempSync(join(dir, "keep-")));
    const dev = device();
    const a = await files.exportFor("v", new FakeVolumeFile("v", dev));
    appendFileSync(a.hostPath, ""); // no change: still kept
    writeFileSync(a.hostPath, readFileSync(a.hostPath)); // same bytes, but written: mtime/ctime moved
    await files.release(a, dev, "unchanged"); // a backup's driver wrote its file: not kept
    expect(existsSync(a.hostPath)).toBe(false);
    const b = await files.exportFor("v", new FakeVolumeFile("v", dev));
    expect(b.bytesWritten).toBe(-1);
    await files.release(b, dev, "unchanged");
    await new Promise((r) => setTimeout(r, 5));
    const fd = openSync(b.hostPath, "r+");
    writeSync(fd, Uint8Array.from([0x55]), 0, 1, 9); // after the call
    closeSync(fd);
    const c = await files.exportFor("v", new FakeVolumeFile("v", dev));
    expect(c.bytesWritten).toBe(-1);
    expect(c.hostPath).not.toBe(b.hostPath);
    sameAsDevice(c.hostPath, dev);
    await files.release(c, dev, "unchanged");
  });

  it("a restore's file is kept only when the device holds its bytes (flushed); a concurrent call gets a file of its own", async () => {
    const files = new SharedVolumeFiles(mkdtempSync(join(dir, "keep-")));
    const dev = new SparseDevice(8 * PAGE_SIZE);
    const restored = new Uint8Array(8 * PAGE_SIZE).fill(3);
    for (const flushed of [false, true]) {
      const f = new FakeVolumeFile("t", dev);
      const e = await files.exportFor("t", f);
      const other = await files.exportFor("t", new FakeVolumeFile("t", dev)); // the kept one is busy
      expect(other.hostPath).not.toBe(e.hostPath);
      await files.release(other, dev, "unchanged");
      expect(existsSync(other.hostPath)).toBe(false);
      writeFileSync(e.hostPath, restored); // the driver's restore
      await files.importChanges(e.hostPath, f, flushed);
      await files.release(e, dev, f.settledStamp());
      expect(existsSync(e.hostPath)).toBe(flushed);
      expect(dev.read(0, 1)[0]).toBe(flushed ? 3 : 0);
    }
    const next = await files.exportFor("t", new FakeVolumeFile("t", dev)); // a backup of the restored volume
    expect(next.bytesWritten).toBe(0);
    sameAsDevice(next.hostPath, dev);
    await files.release(next, dev, "unchanged");
  });

  it("keeps at most `keep` files, the least recently used going first", async () => {
    const files = new SharedVolumeFiles(mkdtempSync(join(dir, "keep-")), undefined, 2);
    const devs = [device(), device(), device()];
    const paths: string[] = [];
    for (const d of devs) {
      const e = await files.exportFor("v", new FakeVolumeFile("v", d));
      paths.push(e.hostPath);
      await files.release(e, d, "unchanged");
    }
    expect(files.keptFiles).toBe(2);
    expect(paths.map((p) => existsSync(p))).toEqual([false, true, true]);
    const again = await files.exportFor("v", new FakeVolumeFile("v", devs[0]!));
    expect(again.bytesWritten).toBe(-1);
    await files.release(again, devs[0]!, "unchanged");
  });

  it("a read-back adopts whole pages (no copy) and stays byte-exact, zeros and a short tail included", async () => {
    const files = new SharedVolumeFiles(mkdtempSync(join(dir, "keep-")));
    const dev = device();
    const f = new FakeVolumeFile("v", dev);
    const e = await files.exportFor("v", f);
    const want = readFileSync(e.hostPath);
    for (let i = 0; i < want.length; i += 4099) want[i] = (want[i]! + 1) & 0xff;
    want.fill(0, 50 * PAGE_SIZE, 60 * PAGE_SIZE);
    writeFileSync(e.hostPath, want);
    await files.importChanges(e.hostPath, f, true);
    expect(Buffer.compare(Buffer.from(dev.read(0, dev.sizeBytes)), want)).toBe(0);
    expect(dev.pageView(55)).toBeNull();
    await files.release(e, dev, f.settledStamp());
    expect(files.keptFiles).toBe(1);
  });
});
