import { type ObjectStore, ObjectNotFoundError } from "../stores/contract/index.ts";
import { FormatError } from "./format-error.ts";
import { md5Hex, sha256Hex, zeroBlockSha } from "./hashing.ts";
import type { FormatLimits } from "./limits.ts";
import type { BackupMetadata, ObjectEntry, Sha256File } from "./metadata.ts";
import { extentOf, type DiscoveredBackup } from "./discover.ts";
import { readObjectData } from "./reader.ts";
import type { ProblemSet } from "./verify-problems.ts";

interface Placed {
  link: DiscoveredBackup;
  entry: ObjectEntry;
}

/**
 * Recomputes the per-block sha256 of the image a restore of the chain would produce (full first,
 * then each incremental; blocks nobody wrote are zeros, as on a new volume) and compares it with the
 * target's `_sha256file`. Each block is owned by the last object covering it, so every object is read
 * once and only one object is held at a time. Also checks the md5 of every object read.
 */
export async function checkChainImage(store: ObjectStore, chainNewestFirst: readonly DiscoveredBackup[], sha: Sha256File, limits: FormatLimits, problems: ProblemSet): Promise<void> {
  const target = chainNewestFirst[0] as DiscoveredBackup;
  const oldestFirst = [...chainNewestFirst].reverse();
  const full = (oldestFirst[0] as DiscoveredBackup).metadata as BackupMetadata;
  const bs = sha.chunk_size;
  const volumeBytes = extentOf(full);
  const nBlocks = Math.ceil(volumeBytes / bs);
  const where = { backupId: target.backupId, container: target.location.container };
  if (nBlocks > limits.maxShaEntries) {
    problems.add({ ...where, code: "bad-metadata", detail: `image of ${volumeBytes} bytes has more blocks than the limit ${limits.maxShaEntries}` });
    return;
  }
  if (sha.sha256s.length !== nBlocks) {
    problems.add({ ...where, code: "sha256-mismatch", object: "_sha256file", detail: `sha256file lists ${sha.sha256s.length} blocks, the restored image has ${nBlocks}` });
  }
  const placed: Placed[] = [];
  const owner = new Int32Array(nBlocks).fill(-1);
  for (const link of oldestFirst) {
    for (const entry of (link.metadata as BackupMetadata).objects) {
      const end = entry.offset + entry.length;
      if (entry.offset % bs !== 0 || (entry.length % bs !== 0 && end !== volumeBytes) || end > volumeBytes) {
        problems.add({ backupId: link.backupId, container: link.location.container, object: entry.name, code: "bad-metadata", detail: `object [${entry.offset}, ${end}) is not aligned to ${bs}-byte blocks inside the ${volumeBytes}-byte image` });
        return;
      }
      const k = placed.push({ link, entry }) - 1;
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
  const unknown = new Uint8Array(nBlocks); // blocks whose owner could not be read: not compared
  for (let k = 0; k < placed.length; k++) {
    const { link, entry } = placed[k] as Placed;
    const firstBlock = entry.offset / bs;
    const lastBlock = Math.ceil((entry.offset + entry.length) / bs);
    let owns = false;
    for (let b = firstBlock; b < lastBlock && !owns; b++) owns = owner[b] === k;
    if (!owns && link !== target) continue;
    const at = { backupId: link.backupId, container: link.location.container, object: entry.name };
    let data: Uint8Array;
    try {
      data = await readObjectData(store, link.location.container, entry, limits);
    } catch (e) {
      if (e instanceof ObjectNotFoundError) problems.add({ ...at, code: "missing-object", detail: "listed in _metadata, absent from the store" });
      else if (e instanceof FormatError) problems.add({ ...at, code: "bad-object", detail: e.message });
      else throw e;
      for (let b = firstBlock; b < lastBlock; b++) if (owner[b] === k) unknown[b] = 1;
      continue;
    }
    if (data.length !== entry.length || md5Hex(data) !== entry.md5) {
      problems.add({ ...at, code: "md5-mismatch", detail: `md5 of the ${data.length} uncompressed bytes differs from _metadata (${entry.length} bytes, ${entry.md5})` });
    }
    for (let b = firstBlock; b < lastBlock; b++) {
      if (owner[b] !== k) continue;
      const off = b * bs - entry.offset;
      const blockLen = Math.min(bs, volumeBytes - b * bs);
      const block = data.subarray(off, off + blockLen);
      compare(b, block.length === blockLen ? sha256Hex(block) : sha256Hex(padded(block, blockLen)));
    }
  }
  for (let b = 0; b < nBlocks; b++) if (owner[b] === -1) compare(b, zeroBlockSha(Math.min(bs, volumeBytes - b * bs)));
  const skipped = unknown.reduce((a, v) => a + v, 0);
  if (bad > 0) {
    problems.add({ ...where, code: "sha256-mismatch", detail: `${bad} of ${nBlocks} blocks of the restored chain differ from _sha256file (first: block ${firstBad})${skipped ? `; ${skipped} blocks unreadable` : ""}` });
  }
}

function padded(block: Uint8Array, len: number): Uint8Array {
  const out = new Uint8Array(len);
  out.set(block);
  return out;
}
