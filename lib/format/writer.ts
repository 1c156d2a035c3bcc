import { canHandOver, canWriteEarly, type ObjectStore } from "../stores/contract/index.ts";
import { prepareOutputData, compressionFamily, type ZlibEncoder } from "./compression.ts";
import { FormatError } from "./format-error.ts";
import { md5Hex, shaBlocks } from "./hashing.ts";
import { DRIVER_VERSION, serializeMetadata, serializeSha256File, type BackupHeader, type ObjectEntry } from "./metadata.ts";
import { dataObjectName, metadataObjectName, sha256ObjectName } from "./names.ts";
import type { PyJson } from "./python-json.ts";
import { isAllZero, zeroChunkOutput, zeroShaList } from "./zero-memo.ts";
import { OutputMemo, sharedOutputMemo, type MemoEntry } from "./output-memo.ts";
import { HASH_WORKER_MIN_BYTES, type HashWorkerChoice } from "./pipeline/open-block-hasher.ts";
import { sharedBlockHasher } from "./pipeline/shared-block-hasher.ts";
import { storeWholeChunk } from "./pipeline/whole-chunk.ts";
import { rememberInflated } from "./inflate-memo.ts";

/** A chunk of `zeros` zero bytes, known empty without being read (a hole of a sparse device). */
export interface ZeroChunk {
  readonly zeros: number;
}

function chunkLength(c: Uint8Array | ZeroChunk): number {
  return c instanceof Uint8Array ? c.length : c.zeros;
}

function slice(c: Uint8Array | ZeroChunk, from: number, to: number): Uint8Array | ZeroChunk {
  return c instanceof Uint8Array ? c.subarray(from, to) : { zeros: to - from };
}

export interface ChunkedWriterOptions {
  store: ObjectStore;
  container: string;
  /** `service_metadata`: the object-name prefix. */
  prefix: string;
  /** `chunk_size_bytes` (`backup_file_size` / `backup_swift_object_size`). */
  chunkSize: number;
  /** `sha_block_size_bytes`. */
  shaBlockSize: number;
  /** `backup_compression_algorithm` as configured (recorded lower-cased per object). */
  compression: string;
  zlibEncoder?: ZlibEncoder;
  header: BackupHeader;
  parentId: string | null;
  /** The parent's `sha256s` (incremental); null/undefined = full backup. */
  parentSha256s?: readonly string[] | null;
  /** Content-addressed reuse of compressed output and md5 (default: a shared 64 MiB memo; false = off). */
  memo?: OutputMemo | false;
  /**
   * Full backups: a chunk of real data is hashed (md5 here, sha256 in a shared worker thread) while
   * it is compressed on the thread pool or, uncompressed, written (`pipeline/whole-chunk.ts`).
   * `auto` (default): chunks of 32 MiB or more; false: never (everything on this thread, in cinder's
   * order); true: every chunk. Same bytes either way. Such chunks skip the output memo.
   */
  hashWorker?: HashWorkerChoice;
  /** Called after every data object is stored (cost accounting, progress). */
  onObject?: (info: { name: string; length: number; storedBytes: number; compression: string }) => void | Promise<void>;
}

export interface WriterResult {
  objectCount: number;
  objects: ObjectEntry[];
  sha256s: string[];
}

/**
 * Streaming writer of one chunked backup (`ChunkedBackupDriver.backup` + `_backup_chunk` +
 * `_finalize_backup`). The caller feeds volume chunks in order; only the current chunk is held.
 * Full backup: one object per chunk. Incremental: one object per run of changed sha blocks inside
 * a chunk, at its absolute volume offset; runs never cross chunk boundaries.
 */
export class ChunkedBackupWriter {
  readonly #o: ChunkedWriterOptions;
  readonly #objects: ObjectEntry[] = [];
  readonly #sha256s: string[] = [];
  #nextObjectId = 1;
  #nextOffset = 0;
  #finished = false;

  constructor(options: ChunkedWriterOptions) {
    if (
      !Number.isSafeInteger(options.chunkSize) ||
      options.chunkSize <= 0 ||
      !Number.isSafeInteger(options.shaBlockSize) ||
      options.shaBlockSize <= 0
    ) {
      throw new FormatError("bad-options", "chunk size and sha block size must be positive integers");
    }
    // chunkeddriver.py:backup
    if (options.chunkSize % options.shaBlockSize)
      throw new FormatError("bad-options", "Chunk size is not multiple of block size for creating hash.");
    compressionFamily(options.compression);
    this.#o = options;
  }

  get objectCount(): number {
    return this.#objects.length;
  }

  get objects(): readonly ObjectEntry[] {
    return this.#objects;
  }

  /**
   * Stores one chunk read at `offset` (must follow the previous chunk; only the last may be short).
   * `{ zeros: n }` is a chunk of n zero bytes the caller knows is empty (a sparse device's hole):
   * stored exactly as n real zero bytes would be, without holding them. `handedOver`: nobody changes
   * the chunk's bytes afterwards (a fresh read, or a device's view of bytes it never changes), so a
   * store that can keep bytes without a copy (`HandOverObjectStore`) may keep them.
   */
  async writeChunk(offset: number, chunk: Uint8Array | ZeroChunk, opts: { handedOver?: boolean } = {}): Promise<void> {
    if (this.#finished) throw new FormatError("bad-options", "writer already finished");
    if (offset !== this.#nextOffset) throw new FormatError("bad-options", `chunk at ${offset}, expected ${this.#nextOffset}`);
    const length = chunkLength(chunk);
    if (length === 0 || length > this.#o.chunkSize)
      throw new FormatError("bad-options", `chunk of ${length} bytes (chunk size ${this.#o.chunkSize})`);
    const data: Uint8Array | ZeroChunk = chunk instanceof Uint8Array && isAllZero(chunk) ? { zeros: length } : chunk;
    const parent = this.#o.parentSha256s;
    if (!parent && data instanceof Uint8Array && this.#sideBySide(length)) {
      this.#nextOffset += length;
      await this.#backupWholeChunk(data, offset);
      return;
    }
    const shaIndex = this.#sha256s.length;
    const shalist = data instanceof Uint8Array ? shaBlocks(data, this.#o.shaBlockSize) : zeroShaList(length, this.#o.shaBlockSize);
    for (const s of shalist) this.#sha256s.push(s);
    this.#nextOffset += length;
    if (!parent) {
      await this.#backupChunk(data, offset, shalist, opts.handedOver === true);
      return;
    }
    const bs = this.#o.shaBlockSize;
    let extentOff = -1;
    for (let idx = 0; idx < shalist.length; idx++) {
      const parentSha = parent[shaIndex + idx];
      // Python indexes parent_backup_shalist[shaindex]: past its end is an IndexError.
      if (parentSha === undefined) throw new FormatError("parent-sha-short", `parent sha256 list has no entry ${shaIndex + idx}`);
      if (shalist[idx] !== parentSha) {
        if (extentOff === -1) extentOff = idx * bs;
      } else if (extentOff !== -1) {
        await this.#backupChunk(
          slice(data, extentOff, idx * bs),
          offset + extentOff,
          shalist.slice(extentOff / bs, idx),
          opts.handedOver === true,
        );
        extentOff = -1;
      }
    }
    if (extentOff !== -1)
      await this.#backupChunk(slice(data, extentOff, length), offset + extentOff, shalist.slice(extentOff / bs), opts.handedOver === true);
  }

  /** `_backup_chunk`: name `<prefix>-%05d`, compress (or not), put, md5 of the uncompressed bytes. */
  async #backupChunk(data: Uint8Array | ZeroChunk, dataOffset: number, shas: readonly string[], handedOver: boolean): Promise<void> {
    const name = dataObjectName(this.#o.prefix, this.#nextObjectId);
    const prepared = this.#prepare(data, shas);
    const out = prepared.out;
    const length = chunkLength(data);
    const store = this.#o.store;
    // What #prepare gives is never changed by anyone (fresh compressor output, or a memo's own copy),
    // except the caller's chunk itself when stored raw: that one only when the caller handed it over.
    const keep = canHandOver(store) && (handedOver || !(data instanceof Uint8Array) || out.data.buffer !== data.buffer);
    if (keep) await store.putObjectHandedOver(this.#o.container, name, out.data);
    else await store.putObject(this.#o.container, name, out.data);
    this.#objects.push({ name, offset: dataOffset, length, compression: out.algorithm, md5: prepared.md5 });
    this.#nextObjectId++;
    await this.#o.onObject?.({ name, length, storedBytes: out.data.length, compression: out.algorithm });
  }

  #sideBySide(length: number): boolean {
    const choice = this.#o.hashWorker ?? "auto";
    return choice === "auto" ? length >= HASH_WORKER_MIN_BYTES : choice;
  }

  /** A full backup's chunk of real data as one object, its hashing side by side with compression or the write. */
  async #backupWholeChunk(data: Uint8Array, offset: number): Promise<void> {
    const name = dataObjectName(this.#o.prefix, this.#nextObjectId);
    const { store, container } = this.#o;
    const { out, md5, shas } = await storeWholeChunk(data, {
      shaBlockSize: this.#o.shaBlockSize,
      compression: this.#o.compression,
      zlibEncoder: this.#o.zlibEncoder ?? "exact",
      hasher: sharedBlockHasher(),
      put: (bytes) => store.putObject(container, name, bytes),
      ...(canWriteEarly(store) ? { remove: () => store.deleteObject(container, name) } : {}),
    });
    for (const s of shas) this.#sha256s.push(s);
    // A restore in this process then writes the pieces with data instead of inflating the chunk.
    rememberInflated(out.algorithm, out.data, data);
    this.#objects.push({ name, offset, length: data.length, compression: out.algorithm, md5 });
    this.#nextObjectId++;
    await this.#o.onObject?.({ name, length: data.length, storedBytes: out.data.length, compression: out.algorithm });
  }

  /** Stored form + md5 of one object: from the zero memo, the content memo, or computed. */
  #prepare(data: Uint8Array | ZeroChunk, shas: readonly string[]): MemoEntry {
    const encoder = this.#o.zlibEncoder ?? "exact";
    if (!(data instanceof Uint8Array)) return zeroChunkOutput(data.zeros, this.#o.compression, encoder);
    const memo = this.#o.memo === undefined ? sharedOutputMemo : this.#o.memo;
    const key = memo ? OutputMemo.key(this.#o.compression, encoder, data.length, shas) : "";
    const hit = memo ? memo.get(key, data) : undefined;
    if (hit) return hit;
    const entry = { out: prepareOutputData(this.#o.compression, data, encoder), md5: md5Hex(data) };
    if (memo) memo.set(key, entry.out, entry.md5);
    return entry;
  }

  /** `_finalize_backup`: writes `_sha256file`, then `_metadata` (cinder's order). */
  async finish(volumeMeta: string | null, extraMetadata?: PyJson): Promise<WriterResult> {
    if (this.#finished) throw new FormatError("bad-options", "writer already finished");
    this.#finished = true;
    const { store, container, prefix, header, shaBlockSize, parentId } = this.#o;
    await store.putObject(
      container,
      sha256ObjectName(prefix),
      serializeSha256File({ ...header, version: DRIVER_VERSION, chunk_size: shaBlockSize, sha256s: this.#sha256s }),
    );
    const meta = { ...header, version: DRIVER_VERSION, objects: this.#objects, parent_id: parentId, volume_meta: volumeMeta };
    await store.putObject(
      container,
      metadataObjectName(prefix),
      serializeMetadata(extraMetadata === undefined ? meta : { ...meta, extra_metadata: extraMetadata }),
    );
    return { objectCount: this.#objects.length, objects: this.#objects, sha256s: this.#sha256s };
  }
}
