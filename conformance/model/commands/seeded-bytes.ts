import { Prng } from "../../../sim/core/prng.ts";

/**
 * This thread's last generated content, reused: both clouds of a pair get the same bytes (a device
 * copies what it is written), so a command generates them once, into one buffer kept for the next
 * command (no fresh ArrayBuffer of up to MiBs per volume and side, whose external memory starts full
 * garbage collections; docs/performance.md).
 */
let scratch = new Uint8Array(0);
let scratchFor = "";

/**
 * The first `length` bytes of stream `stream` of `new Prng(seed)`, valid until the next call: write
 * them before anything else can call it (no `await` between).
 */
export function seededBytes(seed: number, stream: string, length: number): Uint8Array {
  const key = `${seed} ${stream} ${length}`;
  if (key !== scratchFor) {
    if (scratch.length < length) scratch = new Uint8Array(length);
    new Prng(seed).stream(stream).fill(scratch.subarray(0, length));
    scratchFor = key;
  }
  return scratch.subarray(0, length);
}
