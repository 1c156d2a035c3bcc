import { existsSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SparseDevice } from "../../driver/sparse-device.ts";
import { VolumeFileBacking } from "./volume-file-backing.ts";

const dir = () => mkdtempSync(join(tmpdir(), "cbh-backing-"));

describe("VolumeFileBacking (a harness volume's own file, kept equal to its device)", () => {
  it("is made at the first write, sparse and of the device's size, and holds what the device holds", () => {
    const path = join(dir(), "v");
    const dev = new SparseDevice(1 << 20);
    const b = new VolumeFileBacking(path, "/driver/v", dev.sizeBytes);
    dev.backWith(b);
    expect(b.lease()).toBeNull(); // nothing written: nothing to lend (an export of zeros costs nothing)
    expect(existsSync(path)).toBe(false);
    dev.write(70_000, new Uint8Array(200_000).fill(5));
    dev.write(0, new Uint8Array(10)); // zeros on an untouched page: no change, nothing written
    expect(statSync(path).size).toBe(1 << 20);
    expect(statSync(path).blocks * 512).toBeLessThan(1 << 20); // holes stay holes
    expect(Buffer.compare(readFileSync(path), Buffer.from(dev.read(0, dev.sizeBytes)))).toBe(0);
    const lease = b.lease()!;
    expect(lease).toMatchObject({ hostPath: path, driverPath: "/driver/v" });
    lease.release();
    b.close();
    expect(existsSync(path)).toBe(false);
    dev.write(0, new Uint8Array([1]));
    expect(dev.backing).toBeNull(); // a closed file is dropped at the next write
  });

  it("is lent once: writes are refused while lent (the device drops it; the driver keeps its bytes), and the release removes it", () => {
    const path = join(dir(), "v");
    const dev = new SparseDevice(4096);
    const b = new VolumeFileBacking(path, path, 4096);
    dev.backWith(b);
    dev.write(0, new Uint8Array([1]));
    const lease = b.lease()!;
    expect(b.lease()).toBeNull();
    dev.write(0, new Uint8Array([2]));
    expect(dev.backing).toBeNull();
    expect(readFileSync(path)[0]).toBe(1);
    lease.release();
    expect(existsSync(path)).toBe(false);
    expect(b.closed).toBe(true);

    const dev2 = new SparseDevice(4096);
    const b2 = new VolumeFileBacking(join(dir(), "w"), "w", 4096);
    dev2.backWith(b2);
    dev2.write(0, new Uint8Array([1]));
    b2.lease()!.release();
    expect(dev2.backing).toBeNull(); // released: the device is no longer backed
  });

  it("a device can be backed only before its first write; adopt and copyPageFrom end the backing", () => {
    const d = new SparseDevice(1 << 17);
    d.write(0, new Uint8Array([1]));
    expect(() => d.backWith(new VolumeFileBacking(join(dir(), "x"), "x", 1 << 17))).toThrow(/never written/);
    for (const change of [(x: SparseDevice) => x.adopt(0, new Uint8Array(1 << 16).fill(3)), (x: SparseDevice) => x.copyPageFrom(d, 0)]) {
      const x = new SparseDevice(1 << 17);
      x.backWith(new VolumeFileBacking(join(dir(), "y"), "y", 1 << 17));
      const v = x.version;
      change(x);
      expect(x.backing).toBeNull();
      expect(x.version).toBeGreaterThan(v);
    }
  });
});
