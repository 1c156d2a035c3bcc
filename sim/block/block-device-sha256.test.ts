import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BlockDevice, EXTENT } from "./block-device.ts";

/** sha256 of every byte the device reads back: what `sha256()` must equal, cached or not. */
const full = (d: BlockDevice) => createHash("sha256").update(d.read(0, d.sizeBytes)).digest("hex");

describe("BlockDevice.sha256 is kept until the next write", () => {
  it("equals the digest of the bytes after every kind of write, and of a clone's writes to shared extents", () => {
    const d = new BlockDevice("d", 3 * EXTENT + 100);
    expect(d.sha256()).toBe(full(d));
    d.write(EXTENT - 5, new Uint8Array(10).fill(7));
    const afterWrite = d.sha256();
    expect(afterWrite).toBe(full(d));
    expect(d.sha256()).toBe(afterWrite); // kept: the same answer with no write between
    d.adopt(2 * EXTENT, new Uint8Array(EXTENT).fill(3));
    expect(d.sha256()).toBe(full(d));
    d.writeZeros(2 * EXTENT + 10, 20);
    expect(d.sha256()).toBe(full(d));
    d.write(2 * EXTENT + 10, new Uint8Array(1)); // in place in an extent only d refers to
    expect(d.sha256()).toBe(full(d));
    const before = d.sha256();
    const clone = d.cloneAs("clone");
    clone.write(EXTENT - 5, new Uint8Array(10).fill(9)); // copy-on-write: d's bytes stay
    expect(clone.sha256()).toBe(full(clone));
    expect(d.sha256()).toBe(before);
    expect(full(d)).toBe(before);
    d.write(0, new Uint8Array(1).fill(1)); // shared extents since the clone: copied, not in place
    expect(d.sha256()).toBe(full(d));
    expect(clone.sha256()).toBe(full(clone));
  });
});
