import { Prng } from "../../../sim/core/prng.ts";
import type { SparseDevice } from "../../driver/sparse-device.ts";

export type PatternKind = "random" | "text" | "pattern" | "zeros";

const WORDS = "backup restore volume chunk object sha256 metadata incremental parent cinder ".split(" ");

/** Deterministic content: incompressible random bytes, compressible text, a byte pattern, or zeros. */
export function fillPattern(dev: SparseDevice, kind: PatternKind, offset = 0, length = dev.sizeBytes - offset, seed = 1): void {
  const data = new Uint8Array(length);
  const s = new Prng(seed).stream(`fill/${kind}/${offset}`);
  if (kind === "random") s.fill(data);
  else if (kind === "pattern") for (let i = 0; i < length; i++) data[i] = (offset + i) % 251;
  else if (kind === "text") {
    let i = 0;
    while (i < length) {
      const w = new TextEncoder().encode(`${s.pick(WORDS)} `);
      data.set(w.subarray(0, length - i), i);
      i += w.length;
    }
  }
  dev.write(offset, data);
}

/** Overwrites `count` bytes at `offset` with fresh random bytes (a change between two backups). */
export function mutate(dev: SparseDevice, offset: number, count: number, seed: number): void {
  fillPattern(dev, "random", offset, Math.min(count, dev.sizeBytes - offset), seed);
}
