import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BlockDevice, EXTENT } from "./block-device.ts";

const SIZE = 3 * EXTENT + 100;

/** What `sameBytes` must answer: the same size and the same bytes read back. */
const truly = (a: BlockDevice, b: BlockDevice) =>
  a.sizeBytes === b.sizeBytes && Buffer.compare(a.read(0, a.sizeBytes), b.read(0, b.sizeBytes)) === 0;

/** A change to one of two devices: a write, a hand-over, zeros, or becoming a clone of the other. */
const change = fc.record({
  which: fc.constantFrom(0, 1),
  kind: fc.constantFrom("write", "adopt", "zeros", "clone"),
  offset: fc.constantFrom(0, EXTENT - 3, EXTENT, 2 * EXTENT + 7, 3 * EXTENT),
  length: fc.constantFrom(1, 10, EXTENT, 100),
  byte: fc.constantFrom(0, 1, 2),
});

describe("BlockDevice.sameBytes", () => {
  it("answers what comparing the bytes answers after any changes to either device, asked again or not", () => {
    fc.assert(
      fc.property(fc.array(change, { maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (changes, ask) => {
        const devs = [new BlockDevice("a", SIZE), new BlockDevice("b", SIZE)];
        for (const [k, c] of changes.entries()) {
          const d = devs[c.which]!;
          const length = Math.min(c.length, SIZE - c.offset);
          if (c.kind === "write") d.write(c.offset, new Uint8Array(length).fill(c.byte));
          else if (c.kind === "adopt") d.adopt(c.offset, new Uint8Array(length).fill(c.byte));
          else if (c.kind === "zeros") d.writeZeros(c.offset, length);
          else devs[c.which] = devs[1 - c.which]!.cloneAs(d.id);
          // Asked after some changes only: a remembered answer must not outlive a change.
          if (ask[k]) expect(devs[0]!.sameBytes(devs[1]!)).toBe(truly(devs[0]!, devs[1]!));
        }
        expect(devs[0]!.sameBytes(devs[1]!)).toBe(truly(devs[0]!, devs[1]!));
        expect(devs[1]!.sameBytes(devs[0]!)).toBe(truly(devs[0]!, devs[1]!));
      }),
    );
  });

  it("tells devices of different sizes apart, zeros or not", () => {
    expect(new BlockDevice("a", EXTENT).sameBytes(new BlockDevice("b", EXTENT + 1))).toBe(false);
    expect(new BlockDevice("a", EXTENT).sameBytes(new BlockDevice("b", EXTENT))).toBe(true);
  });

  it("counts an extent written with zeros as absent", () => {
    const a = new BlockDevice("a", 2 * EXTENT);
    const b = new BlockDevice("b", 2 * EXTENT);
    a.write(5, new Uint8Array(10).fill(1));
    expect(a.sameBytes(b)).toBe(false);
    a.write(5, new Uint8Array(10));
    expect(a.sameBytes(b)).toBe(true);
  });
});
