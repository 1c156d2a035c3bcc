import { describe, expect, it } from "vitest";
import { ByteArena, plainBytes } from "./byte-arena.ts";

describe("ByteArena (run memory reused from run to run)", () => {
  it("hands out zeroed, 8-byte aligned pieces of its slabs, and owns them", () => {
    const a = new ByteArena(1024);
    expect(a.acquire()).toBe(true);
    const x = a.alloc(100);
    const y = a.alloc(3);
    const z = a.alloc(800);
    expect([x.length, y.length, z.length]).toEqual([100, 3, 800]);
    expect(x.buffer).toBe(y.buffer);
    expect([x.byteOffset, y.byteOffset, z.byteOffset]).toEqual([0, 104, 112]);
    expect(x.every((b) => b === 0) && z.every((b) => b === 0)).toBe(true);
    expect([a.owns(x), a.owns(z), a.owns(new Uint8Array(8)), a.owns(Buffer.alloc(8))]).toEqual([true, true, false, false]);
    // Past the slab's end: a second slab; larger than a slab: a buffer of its own (not the arena's).
    const w = a.alloc(200);
    expect(w.buffer).not.toBe(x.buffer);
    const big = a.alloc(2048);
    expect([big.length, a.owns(big), a.slabBytes]).toEqual([2048, false, 2048]);
  });

  it("reset takes every piece back zeroed and reuses the slabs; a second taker gets false until then", () => {
    const a = new ByteArena(1024);
    expect(a.acquire()).toBe(true);
    expect(a.acquire()).toBe(false);
    a.alloc(600).fill(7);
    a.alloc(600).fill(8);
    const copied = a.copy(Buffer.from("abc"));
    expect(Array.from(copied)).toEqual([97, 98, 99]);
    a.reset();
    expect(a.acquire()).toBe(true);
    const again = [a.alloc(600), a.alloc(600), a.alloc(3)];
    expect(a.slabBytes).toBe(2 * 1024); // the same two slabs again
    for (const p of again) expect(p.every((b) => b === 0)).toBe(true);
    a.reset();
  });

  it("plainBytes allocates each buffer on its own and copies a Buffer (whose slice is a view)", () => {
    const b = Buffer.from([1, 2, 3]);
    const c = plainBytes.copy(b);
    c[0] = 9;
    expect([b[0], plainBytes.pooled, plainBytes.owns(c), plainBytes.alloc(4).length]).toEqual([1, false, false, 4]);
  });
});
