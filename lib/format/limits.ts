/**
 * Bounds applied to everything read back from a store, so hostile or corrupt metadata is reported
 * instead of followed: nothing is allocated past these sizes and no chain is walked deeper.
 */
export interface FormatLimits {
  /** `_metadata` object size. */
  maxMetadataBytes: number;
  /** `_sha256file` object size (72 bytes per 32 KiB block: 256 MiB ≈ 114 GiB volume). */
  maxSha256FileBytes: number;
  /** Entries of `objects`. */
  maxObjects: number;
  /** Uncompressed `length` of one object (posix default chunk is 1,999,994,880). */
  maxObjectBytes: number;
  /** Entries of `sha256s`. */
  maxShaEntries: number;
  /** Backups in one parent chain. */
  maxChainDepth: number;
}

export const DEFAULT_LIMITS: Readonly<FormatLimits> = Object.freeze({
  maxMetadataBytes: 64 * 1024 * 1024,
  maxSha256FileBytes: 256 * 1024 * 1024,
  maxObjects: 1_000_000,
  maxObjectBytes: 2 ** 31,
  maxShaEntries: 4_000_000,
  maxChainDepth: 1000,
});

export function withLimits(partial?: Partial<FormatLimits>): FormatLimits {
  return { ...DEFAULT_LIMITS, ...partial };
}
