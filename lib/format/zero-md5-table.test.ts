import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { md5Hex } from "./hashing.ts";
import { MD5_INITIAL, md5ZeroBlocks } from "./md5-zero-state.ts";
import { ladderMd5, tableState, zeroMd5 } from "./zero-md5.ts";
import { ZERO_MD5_MAX_STEPS, ZERO_MD5_STEP } from "./zero-md5-table.ts";

const MiB = 1 << 20;
/** md5 of n real zero bytes through node:crypto (the reference; no table involved). */
function cryptoZeroMd5(n: number): string {
  const block = new Uint8Array(16 * MiB);
  const h = createHash("md5");
  for (let left = n; left > 0; left -= block.length) h.update(block.subarray(0, Math.min(block.length, left)));
  return h.digest("hex");
}

describe("zero-md5: the md5 of n zeros from the precomputed state table", () => {
  it("equals node:crypto on real zeros around every padding and table boundary", () => {
    for (const n of [0, 1, 55, 56, 63, 64, 65, 119, 120, 32768, MiB - 1, MiB, MiB + 1, 3 * MiB + 32768, 5_000_001])
      expect(zeroMd5(n), `length ${n}`).toBe(md5Hex(new Uint8Array(n)));
  });

  it("table entries are the state after k MiB of zeros (recomputed from the previous entry)", () => {
    expect(tableState(0)).toEqual(MD5_INITIAL);
    for (const k of [1, 2, 977, 1907, ZERO_MD5_MAX_STEPS])
      expect(md5ZeroBlocks(tableState(k - 1), ZERO_MD5_STEP / 64), `entry ${k}`).toEqual(tableState(k));
  });

  it("cinder's default object sizes: posix 1999994880 (and its 10 GiB tail), swift/s3/gcs 52428800", () => {
    for (const n of [52428800, 10 * 2 ** 30 - 5 * 1999994880, 1999994880]) expect(zeroMd5(n), `length ${n}`).toBe(cryptoZeroMd5(n));
  }, 120_000);

  it("past the table (over 2 GiB) node:crypto's ladder of 16 MiB states is used; it is right too", () => {
    for (const n of [0, 1, 16 * MiB, 16 * MiB + 1, 40 * MiB + 4096]) expect(ladderMd5(n), `length ${n}`).toBe(cryptoZeroMd5(n));
  });
});
