import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allocateAlignedShared, isDirectIoAligned } from "./aligned-memory.ts";
import { FileVolumeFile } from "./file-volume-file.ts";
import { WorkerBlockHasher } from "./pipeline/worker-block-hasher.ts";
import { xorshiftBytes } from "./byte-patterns.ts";

const dir = mkdtempSync(join(tmpdir(), "cbh-fvf-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MiB = 1024 * 1024;

describe("FileVolumeFile with directWrites", () => {
  it("aligned shared memory, unaligned buffers, odd offsets and zero runs: the file holds exactly what was written", async () => {
    const size = 8 * MiB;
    const path = join(dir, "mixed.img");
    const vol = await FileVolumeFile.createFresh(path, size, false, { directWrites: true });
    const expected = new Uint8Array(size);
    try {
      const shared = allocateAlignedShared(4 * MiB);
      expect(shared).not.toBeNull();
      const slot = new Uint8Array(shared as SharedArrayBuffer, 0, 4 * MiB);
      expect(isDirectIoAligned(slot)).toBe(true);
      expect(isDirectIoAligned(slot.subarray(512))).toBe(false);
      expect(isDirectIoAligned(new Uint8Array(4096))).toBe(false);
      slot.set(xorshiftBytes(4 * MiB, 7));
      slot.fill(0, MiB, 2 * MiB); // an all-zero MiB inside: skipped, the rest in two direct writes
      await vol.write(0, slot); // direct (when the file system allows it)
      expected.set(slot, 0);
      const loose = xorshiftBytes(MiB, 8); // a Buffer from the heap: through the page cache
      await vol.write(5 * MiB, loose);
      expected.set(loose, 5 * MiB);
      const tail = slot.subarray(0, 12288);
      await vol.write(7 * MiB + 512, tail); // aligned memory at an unaligned offset: buffered
      expected.set(tail, 7 * MiB + 512);
      // A direct write over a range the page cache already holds: the later bytes win.
      const over = new Uint8Array(shared as SharedArrayBuffer, 0, MiB);
      over.fill(0xab);
      await vol.write(5 * MiB, over);
      expected.set(over, 5 * MiB);
      await vol.flush();
      expect(Buffer.from(await vol.read(0, size)).equals(Buffer.from(expected))).toBe(true);
    } finally {
      await vol.close();
    }
    expect(readFileSync(path).equals(Buffer.from(expected))).toBe(true);
  });

  it("without the option no second descriptor is opened", async () => {
    const vol = await FileVolumeFile.createFresh(join(dir, "plain.img"), MiB, false);
    try {
      expect(vol.directWrites).toBe(false);
    } finally {
      await vol.close();
    }
  });

  it("the sha256 worker's slots are page-aligned shared memory (so a restore's pieces can go direct)", async () => {
    const h = new WorkerBlockHasher({ slotBytes: MiB, depth: 3 });
    try {
      const slots = [await h.takeSlot(), await h.takeSlot(), await h.takeSlot()];
      for (const s of slots) {
        expect(s.bytes.length).toBe(MiB);
        expect(isDirectIoAligned(s.bytes)).toBe(true);
      }
      for (const s of slots) h.releaseSlot(s);
    } finally {
      await h.close();
    }
  });
});
