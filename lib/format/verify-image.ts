import { type ObjectStore, ObjectNotFoundError } from "../stores/contract/index.ts";
import { FormatError } from "./format-error.ts";
import { sha256Hex, zeroBlockSha } from "./hashing.ts";
import type { FormatLimits } from "./limits.ts";
import type { BackupMetadata, ObjectEntry, Sha256File } from "./metadata.ts";
import { extentOf, type DiscoveredBackup } from "./discover.ts";
import { readObjectData } from "./reader.ts";
import type { ProblemSet } from "./verify-problems.ts";
import { openBlockHasher, type HashWorkerChoice } from "./pipeline/open-block-hasher.ts";
import type { WorkerBlockHasher } from "./pipeline/worker-block-hasher.ts";
import { hashObject } from "./pipeline/hash-object.ts";
import { readAhead } from "./pipeline/read-ahead.ts";
import type { BlockRange } from "./pipeline/block-hasher.ts";
import { openStreamed, STREAM_SLOT_BYTES, STREAM_DEPTH } from "./pipeline/open-streamed.ts";
import { streamObject } from "./pipeline/stream-object.ts";
import type { ObjectReader } from "./object-reader.ts";

interface Placed {
  link: DiscoveredBackup;
  entry: ObjectEntry;
  k: number;
}

/**
 * Receives every object of the chain, oldest backup first and in `_metadata` order (the order
 * `restore` / `_restore_v1` writes them), while its hashes are checked: restore verifies as it writes.
 * Objects that cannot be read or decoded are reported as problems and not passed on.
 */
export type ImageSink = (backupId: string, entry: ObjectEntry, data: Uint8Array, at: number) => Promise<void>;

export interface ImageCheckOptions {
  /**
   * Gets each object's data: whole (`at` 0), or a large uncompressed object of a store that can open
   * objects (posix) in pieces `at` bytes into it, each as soon as it is read.
   */
  sink?: ImageSink;
  /** After all of an object's data went to the sink (restore flushes here, as `_restore_v1` fsyncs). */
  afterObject?: (backupId: string, entry: ObjectEntry) => Promise<void>;
  /** sha256 in a worker thread: `auto` (default) when the chain holds at least 32 MiB. */
  hashWorker?: HashWorkerChoice;
}

/** Objects up to this size are read while the previous one is hashed (one ahead at most). */
const READ_AHEAD_BYTES = 256 * 1024 * 1024;
/** Piece handed to the sha256 hasher at a time (md5 of the same piece runs meanwhile). */
const PIECE_BYTES = 4 * 1024 * 1024;

/**
 * Recomputes the per-block sha256 of the image a restore of the chain would produce (full first,
 * then each incremental; blocks nobody wrote are zeros, as on a new volume) and compares it with the
 * target's `_sha256file`. Each block is owned by the last object covering it, so every object is read
 * once (the next one read while this one is hashed) and at most two are held at a time. Also checks the
 * md5 of every object read; md5 and sha256 run side by side (pipeline/).
 */
export async function checkChainImage(
  store: ObjectStore,
  chainNewestFirst: readonly DiscoveredBackup[],
  sha: Sha256File,
  limits: FormatLimits,
  problems: ProblemSet,
  options: ImageCheckOptions = {},
): Promise<void> {
  const target = chainNewestFirst[0] as DiscoveredBackup;
  const oldestFirst = [...chainNewestFirst].reverse();
  const full = (oldestFirst[0] as DiscoveredBackup).metadata as BackupMetadata;
  const bs = sha.chunk_size;
  const volumeBytes = extentOf(full);
  const nBlocks = Math.ceil(volumeBytes / bs);
  const where = { backupId: target.backupId, container: target.location.container };
  if (nBlocks > limits.maxShaEntries) {
    problems.add({
      ...where,
      code: "bad-metadata",
      detail: `image of ${volumeBytes} bytes has more blocks than the limit ${limits.maxShaEntries}`,
    });
    return;
  }
  if (sha.sha256s.length !== nBlocks) {
    problems.add({
      ...where,
      code: "sha256-mismatch",
      object: "_sha256file",
      detail: `sha256file lists ${sha.sha256s.length} blocks, the restored image has ${nBlocks}`,
    });
  }
  const placed: Placed[] = [];
  const owner = new Int32Array(nBlocks).fill(-1);
  for (const link of oldestFirst) {
    for (const entry of (link.metadata as BackupMetadata).objects) {
      const end = entry.offset + entry.length;
      if (entry.offset % bs !== 0 || (entry.length % bs !== 0 && end !== volumeBytes) || end > volumeBytes) {
        problems.add({
          backupId: link.backupId,
          container: link.location.container,
          object: entry.name,
          code: "bad-metadata",
          detail: `object [${entry.offset}, ${end}) is not aligned to ${bs}-byte blocks inside the ${volumeBytes}-byte image`,
        });
        return;
      }
      const k = placed.push({ link, entry, k: placed.length }) - 1;
      for (let b = entry.offset / bs; b < Math.ceil(end / bs); b++) owner[b] = k;
    }
  }
  let bad = 0;
  let firstBad = -1;
  const compare = (block: number, digest: string): void => {
    const want = sha.sha256s[block];
    if (want !== undefined && want !== digest) {
      bad++;
      if (firstBad < 0) firstBad = block;
    }
  };
  const ownedBlocks = (p: Placed): number[] => {
    const list: number[] = [];
    for (let b = p.entry.offset / bs; b < Math.ceil((p.entry.offset + p.entry.length) / bs); b++) if (owner[b] === p.k) list.push(b);
    return list;
  };
  // Verify reads the objects that own a block (and all of the target's); a restore reads every one.
  const toRead = options.sink ? placed : placed.filter((p) => p.link === target || ownedBlocks(p).length > 0);
  const totalBytes = toRead.reduce((a, p) => a + p.entry.length, 0);
  const hasher = openBlockHasher(options.hashWorker ?? "auto", totalBytes, { slotBytes: STREAM_SLOT_BYTES, depth: STREAM_DEPTH });
  const unknown = new Uint8Array(nBlocks); // blocks whose owner could not be read: not compared
  try {
    // Large uncompressed objects are opened and streamed (pipeline/open-streamed.ts), the rest read whole.
    const streamed = (p: Placed) => openStreamed(store, hasher, p.link.location.container, p.entry, bs, limits);
    const fetched = readAhead<Placed, Uint8Array | ObjectReader>(
      toRead,
      async (p) => (await streamed(p)) ?? readObjectData(store, p.link.location.container, p.entry, limits),
      (p) => p.entry.length,
      READ_AHEAD_BYTES,
    );
    for await (const f of fetched) {
      const { link, entry } = f.item;
      const at = { backupId: link.backupId, container: link.location.container, object: entry.name };
      const blocks = ownedBlocks(f.item);
      if (!f.ok) {
        const e = f.error;
        if (e instanceof ObjectNotFoundError)
          problems.add({ ...at, code: "missing-object", detail: "listed in _metadata, absent from the store" });
        else if (e instanceof FormatError) problems.add({ ...at, code: "bad-object", detail: e.message });
        else throw e;
        for (const b of blocks) unknown[b] = 1;
        continue;
      }
      if (!(f.data instanceof Uint8Array)) {
        const reader = f.data;
        const ranges = blocks.map((b) => ({ offset: b * bs - entry.offset, length: Math.min(bs, volumeBytes - b * bs) }));
        const sink = options.sink;
        let d;
        try {
          const onPiece = sink ? (at: number, piece: Uint8Array) => sink(link.backupId, entry, piece, at) : undefined;
          d = await streamObject(reader, entry.length, ranges, hasher as WorkerBlockHasher, pieceBytesFor(bs), onPiece);
        } finally {
          await reader.close();
        }
        blocks.forEach((b, i) => compare(b, d.shas[i] as string));
        if (d.length !== entry.length || d.md5 !== entry.md5)
          problems.add({ ...at, code: "md5-mismatch", detail: md5Detail(d.length, entry) });
        await options.afterObject?.(link.backupId, entry);
        continue;
      }
      const data = f.data;
      const written = options.sink?.(link.backupId, entry, data, 0);
      // Whole blocks inside the data go to the hasher; a block the (short) data does not fill is padded here.
      const whole: number[] = [];
      for (const b of blocks) {
        const off = b * bs - entry.offset;
        const blockLen = Math.min(bs, volumeBytes - b * bs);
        if (off + blockLen <= data.length) whole.push(b);
        else compare(b, sha256Hex(padded(data.subarray(off, off + blockLen), blockLen)));
      }
      const ranges: BlockRange[] = whole.map((b) => ({ offset: b * bs - entry.offset, length: Math.min(bs, volumeBytes - b * bs) }));
      const digests = await hashObject(data, ranges, hasher, PIECE_BYTES);
      whole.forEach((b, i) => compare(b, digests.shas[i] as string));
      if (data.length !== entry.length || digests.md5 !== entry.md5) {
        problems.add({ ...at, code: "md5-mismatch", detail: md5Detail(data.length, entry) });
      }
      await written;
      await options.afterObject?.(link.backupId, entry);
    }
  } finally {
    await hasher.close();
  }
  for (let b = 0; b < nBlocks; b++) if (owner[b] === -1) compare(b, zeroBlockSha(Math.min(bs, volumeBytes - b * bs)));
  const skipped = unknown.reduce((a, v) => a + v, 0);
  if (bad > 0) {
    problems.add({
      ...where,
      code: "sha256-mismatch",
      detail: `${bad} of ${nBlocks} blocks of the restored chain differ from _sha256file (first: block ${firstBad})${skipped ? `; ${skipped} blocks unreadable` : ""}`,
    });
  }
}

const md5Detail = (got: number, entry: ObjectEntry) =>
  `md5 of the ${got} uncompressed bytes differs from _metadata (${entry.length} bytes, ${entry.md5})`;

/** Streamed pieces: whole sha blocks, as many as fit in a slot. */
const pieceBytesFor = (bs: number) => Math.floor(STREAM_SLOT_BYTES / bs) * bs;

function padded(block: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  out.set(block);
  return out;
}
