import { createHash, type Hash } from "node:crypto";
import { md5FinishZeros, md5ZeroBlocks, type Md5State } from "./md5-zero-state.ts";
import { ZERO_MD5_MAX_STEPS, ZERO_MD5_STATES, ZERO_MD5_STATES_PER_LINE, ZERO_MD5_STEP } from "./zero-md5-table.ts";

/**
 * md5 hex of `length` zero bytes: what `_backup_chunk` records (`secretutils.md5(data)`) for an
 * all-zero object, without hashing `length` bytes. Up to 2 GiB: the precomputed state after
 * `floor(length / 1 MiB)` MiB of zeros (`zero-md5-table.ts`), then at most 1 MiB of zeros hashed
 * here, then the padding. Longer (a `backup_file_size` over 2 GiB): node:crypto over 16 MiB zero
 * blocks, with the states kept as a ladder for the next call.
 */
export function zeroMd5(length: number): string {
  const k = Math.floor(length / ZERO_MD5_STEP);
  if (k > ZERO_MD5_MAX_STEPS) return ladderMd5(length);
  const blocks = Math.floor((length - k * ZERO_MD5_STEP) / 64);
  return md5FinishZeros(md5ZeroBlocks(tableState(k), blocks), length);
}

/** The table's state after `k` MiB of zeros. */
export function tableState(k: number): Md5State {
  const line = ZERO_MD5_STATES[Math.floor(k / ZERO_MD5_STATES_PER_LINE)]!;
  const at = (k % ZERO_MD5_STATES_PER_LINE) * 32;
  const word = (i: number) => Number.parseInt(line.slice(at + i * 8, at + i * 8 + 8), 16);
  return [word(0), word(1), word(2), word(3)];
}

const LADDER_STEP = 16 << 20;
const LADDER_BLOCK = new Uint8Array(LADDER_STEP);
const ladder: Hash[] = [createHash("md5")];

/** md5 of `length` zeros through node:crypto (lengths past the table; exported for its test). */
export function ladderMd5(length: number): string {
  const k = Math.floor(length / LADDER_STEP);
  while (ladder.length <= k) ladder.push(ladder[ladder.length - 1]!.copy().update(LADDER_BLOCK));
  return ladder[k]!.copy()
    .update(LADDER_BLOCK.subarray(0, length - k * LADDER_STEP))
    .digest("hex");
}
