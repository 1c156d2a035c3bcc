import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Prng } from "./prng.ts";

/**
 * What `fill` promises, written another way: each draw of `nextUint32` as the next four bytes,
 * least significant first (a little-endian DataView store), the last draw cut to what is left.
 */
function fillByDraws(stream: { nextUint32(): number }, length: number): Uint8Array {
  const out = new Uint8Array(Math.ceil(length / 4) * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < out.length; i += 4) view.setUint32(i, stream.nextUint32(), true);
  return out.subarray(0, length);
}

describe("PrngStream.fill", () => {
  it("gives the bytes of one draw per four bytes, whatever the buffer's length and alignment, and leaves the stream where they do", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 7 }), (seed, length, offset) => {
        const fast = new Prng(seed).stream("volume");
        const slow = new Prng(seed).stream("volume");
        const got = fast.fill(new Uint8Array(new ArrayBuffer(length + offset), offset, length));
        expect(Buffer.from(got)).toEqual(Buffer.from(fillByDraws(slow, length)));
        expect(fast.nextUint32()).toBe(slow.nextUint32());
      }),
    );
  });

  it("fills in pieces of multiples of four bytes what one fill gives", () => {
    const whole = new Prng(7).stream("s").fill(new Uint8Array(70_000));
    const s = new Prng(7).stream("s");
    const pieces = new Uint8Array(70_000);
    for (let at = 0; at < pieces.length; at += 4096) s.fill(pieces.subarray(at, Math.min(pieces.length, at + 4096)));
    expect(Buffer.compare(whole, pieces)).toBe(0);
  });
});
