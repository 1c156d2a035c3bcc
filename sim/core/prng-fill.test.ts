import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Prng } from "./prng.ts";

/** The byte-at-a-time fill every stored seed's bytes were made with: the reference the fast path must equal. */
function fillByBytes(stream: { nextUint32(): number }, bytes: Uint8Array): Uint8Array {
  let i = 0;
  for (; i + 4 <= bytes.length; i += 4) {
    const v = stream.nextUint32();
    bytes[i] = v & 0xff;
    bytes[i + 1] = (v >>> 8) & 0xff;
    bytes[i + 2] = (v >>> 16) & 0xff;
    bytes[i + 3] = v >>> 24;
  }
  if (i < bytes.length) {
    let v = stream.nextUint32();
    for (; i < bytes.length; i++, v >>>= 8) bytes[i] = v & 0xff;
  }
  return bytes;
}

describe("PrngStream.fill", () => {
  it("gives the bytes of one draw per four bytes, whatever the buffer's length and alignment, and leaves the stream where they do", () => {
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 7 }), (seed, length, offset) => {
        const fast = new Prng(seed).stream("volume");
        const slow = new Prng(seed).stream("volume");
        const got = fast.fill(new Uint8Array(new ArrayBuffer(length + offset), offset, length));
        expect(Buffer.from(got)).toEqual(Buffer.from(fillByBytes(slow, new Uint8Array(length))));
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
