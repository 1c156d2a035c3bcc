/**
 * What the backup manager hands a backup driver: the attached source or target device, opened
 * for reading (backup) or writing (restore). Mirrors the file object of `BackupManager`.
 */
export interface VolumeFile {
  /** Device size in bytes (volume GB × 2^30 for cinder volumes). */
  readonly sizeBytes: number;
  /** Reads up to `length` bytes at `offset`; short only at the end of the device. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * `read` for a caller that never changes the bytes it gets (a backup driver hashing, compressing and
   * storing a chunk): the device may hand out a view of bytes it never changes in place instead of a
   * copy. Either way nobody changes the result's bytes afterwards, so they may be kept without a copy
   * (the chunked driver hands them to the store). Optional; same bytes as `read`.
   */
  readView?(offset: number, length: number): Promise<Uint8Array>;
  write(offset: number, data: Uint8Array): Promise<void>;
  /**
   * `write` of bytes the caller hands over: neither it nor anyone else changes `data` afterwards, so
   * the device may keep views of it instead of copying (the simulator's block devices do; a restore
   * passes each object it read and decompressed for itself). Optional; same effect as `write`.
   */
  writeHandedOver?(offset: number, data: Uint8Array): Promise<void>;
  /**
   * Same effect as `write(offset, <length zero bytes>)` without the buffer: a restore of an object
   * known to hold only zeros (a sparse volume's empty chunk). Optional; without it the restore
   * writes the zeros.
   */
  writeZeros?(offset: number, length: number): Promise<void>;
  /** True when every byte of the range is zero without reading it (sparse-aware drivers). */
  isZeroRange?(offset: number, length: number): boolean;
  /** Durability point (`os.fsync`). */
  flush(): Promise<void>;
}
