import type { VolumeFile } from "./volume-file.ts";
import type { ObjectStore } from "../stores/contract/index.ts";
import { getObjectBounded } from "./bounded-read.ts";
import { decompressObject } from "./compression.ts";
import { FormatError } from "./format-error.ts";
import { DEFAULT_LIMITS, type FormatLimits } from "./limits.ts";
import type { BackupMetadata, ObjectEntry, Sha256File } from "./metadata.ts";
import { metadataObjectName, sha256ObjectName } from "./names.ts";
import { parseMetadata, parseSha256File } from "./parse.ts";
import { isAllZero } from "./zero-memo.ts";
import { knownZeroLength, rememberZeroObject } from "./zero-object-memo.ts";
import type { ZeroChunk } from "./writer.ts";
import { inflateMemoSized, knownInflated, materialize, type SparseContent } from "./inflate-memo.ts";

/** Where one backup lives: `backup.container` and `backup.service_metadata`. */
export interface BackupLocation {
  container: string;
  prefix: string;
}

/** `_read_metadata`, size-bounded and schema-checked. */
export async function readMetadata(
  store: ObjectStore,
  loc: BackupLocation,
  limits: FormatLimits = DEFAULT_LIMITS,
): Promise<BackupMetadata> {
  return parseMetadata(await getObjectBounded(store, loc.container, metadataObjectName(loc.prefix), limits.maxMetadataBytes), limits);
}

/** `_read_sha256file`, size-bounded and schema-checked. */
export async function readSha256File(store: ObjectStore, loc: BackupLocation, limits: FormatLimits = DEFAULT_LIMITS): Promise<Sha256File> {
  return parseSha256File(await getObjectBounded(store, loc.container, sha256ObjectName(loc.prefix), limits.maxSha256FileBytes), limits);
}

export const OBJECT_LIST_MISMATCH = "restore_backup aborted, actual object list does not match object list stored in metadata.";

/** `_restore_v1`: listed names under the prefix, minus `_metadata`/`_sha256file`, must equal the metadata's (sorted). */
export async function checkObjectList(store: ObjectStore, loc: BackupLocation, meta: BackupMetadata): Promise<void> {
  const prune = new Set([metadataObjectName(loc.prefix), sha256ObjectName(loc.prefix)]);
  const listed = (await store.listObjects(loc.container, loc.prefix)).filter((n) => !prune.has(n)).sort();
  const wanted = meta.objects.map((o) => o.name).sort();
  if (listed.length !== wanted.length || listed.some((n, i) => n !== wanted[i]))
    throw new FormatError("object-list-mismatch", OBJECT_LIST_MISMATCH);
}

/** Reads and decompresses one object (by its own `compression` field), bounded by its declared length. */
export async function readObjectData(
  store: ObjectStore,
  container: string,
  entry: ObjectEntry,
  limits: FormatLimits = DEFAULT_LIMITS,
): Promise<Uint8Array> {
  const data = await readObjectContent(store, container, entry, limits);
  if (data instanceof Uint8Array) return data;
  return "zeros" in data ? new Uint8Array(data.zeros) : materialize(data);
}

/**
 * `readObjectData`, except that an object whose exact stored form is known to inflate to zeros
 * (`zero-object-memo.ts`) comes back as `{ zeros: n }` without a buffer of n bytes, and one this
 * process stored (`inflate-memo.ts`) as its pieces holding data, without inflating it. `shared`: the
 * caller never changes the bytes it gets (an uncompressed object may then be the store's own).
 */
export async function readObjectContent(
  store: ObjectStore,
  container: string,
  entry: ObjectEntry,
  limits: FormatLimits = DEFAULT_LIMITS,
  shared = false,
): Promise<Uint8Array | ZeroChunk | SparseContent> {
  const max = Math.min(entry.length, limits.maxObjectBytes);
  // Stored bytes never exceed the uncompressed length (_prepare_output_data keeps the raw data otherwise).
  const body = await getObjectBounded(store, container, entry.name, max + 1024, shared);
  const zeros = knownZeroLength(entry.compression, body);
  if (zeros !== undefined && zeros <= max) return { zeros };
  const known = inflateMemoSized(entry.length) ? knownInflated(entry.compression, body) : undefined;
  if (known && known.length <= max) return known;
  const data = decompressObject(entry.compression, body, max);
  if (data !== body && data.length > 0 && isAllZero(data)) rememberZeroObject(entry.compression, body, data.length);
  if (data.length > max) throw new FormatError("bad-object", `${entry.name} holds ${data.length} bytes, metadata says ${entry.length}`);
  return data;
}

export interface RestoreHooks {
  /** Called before every object of every backup (the driver checks for restore cancel here). */
  beforeObject?: (backupId: string, entry: ObjectEntry) => void | Promise<void>;
  /** After each backup of the chain (the driver applies `put_metadata(volume_meta)` here). */
  afterBackup?: (meta: BackupMetadata) => void | Promise<void>;
  /** When given, an object that cannot be read or decoded (or is missing) is reported here and skipped (forced recovery; no object-list check). */
  onUnreadable?: (backupId: string, entry: ObjectEntry, error: Error) => void;
  /** Cost accounting per object read (stored bytes, uncompressed bytes). */
  onObject?: (storedBytes: number, length: number) => void | Promise<void>;
  limits?: FormatLimits;
}

/** `_restore_v1` for one backup: object-list check, then every object written at its offset, flushed. */
export async function restoreBackupObjects(
  store: ObjectStore,
  loc: BackupLocation,
  meta: BackupMetadata,
  volumeFile: VolumeFile,
  hooks: RestoreHooks = {},
): Promise<void> {
  const limits = hooks.limits ?? DEFAULT_LIMITS;
  // forced recovery (onUnreadable given) reports each missing object there instead of aborting on the list
  if (!hooks.onUnreadable) await checkObjectList(store, loc, meta);
  for (const entry of meta.objects) {
    await hooks.beforeObject?.(meta.backup_id, entry);
    let data: Uint8Array | ZeroChunk | SparseContent;
    try {
      // Only read, decompressed, or handed to the device (which never changes what it is handed): shared.
      data = await readObjectContent(store, loc.container, entry, limits, true);
    } catch (e) {
      if (!hooks.onUnreadable) throw e;
      hooks.onUnreadable(meta.backup_id, entry, e as Error);
      continue;
    }
    const length = data instanceof Uint8Array ? data.length : "zeros" in data ? data.zeros : data.length;
    if (entry.offset + length > volumeFile.sizeBytes) {
      throw new FormatError("bad-object", `${entry.name} ends at ${entry.offset + length}, past the ${volumeFile.sizeBytes}-byte volume`);
    }
    await hooks.onObject?.(length, entry.length);
    await writeContent(volumeFile, entry.offset, data);
    await volumeFile.flush();
  }
}

/**
 * The object's bytes onto the device at `offset`. An all-zero or known sparse object: the same bytes
 * land there, without a buffer of the whole object when the device can zero a range.
 */
async function writeContent(volumeFile: VolumeFile, offset: number, data: Uint8Array | ZeroChunk | SparseContent): Promise<void> {
  // Nobody changes the object's bytes afterwards (a fresh read or decompression, or the bytes of a
  // store that never changes them in place), and this restore drops them: the device may keep them.
  if (data instanceof Uint8Array)
    return volumeFile.writeHandedOver ? volumeFile.writeHandedOver(offset, data) : volumeFile.write(offset, data);
  if (!volumeFile.writeZeros) return volumeFile.write(offset, "zeros" in data ? new Uint8Array(data.zeros) : materialize(data));
  if ("zeros" in data) return volumeFile.writeZeros(offset, data.zeros);
  await volumeFile.writeZeros(offset, data.length);
  for (const p of data.pieces) await volumeFile.write(offset + p.offset, p.data);
}

export interface ChainLink {
  location: BackupLocation;
  /** Already read metadata (else it is read again, as `restore` does for every backup of the list). */
  metadata?: BackupMetadata;
}

/** `restore`: full backup first, then each incremental oldest to newest. `chain` is given newest first. */
export async function restoreChain(
  store: ObjectStore,
  chainNewestFirst: readonly ChainLink[],
  volumeFile: VolumeFile,
  hooks: RestoreHooks = {},
): Promise<void> {
  const limits = hooks.limits ?? DEFAULT_LIMITS;
  for (let i = chainNewestFirst.length - 1; i >= 0; i--) {
    const link = chainNewestFirst[i] as ChainLink;
    const meta = link.metadata ?? (await readMetadata(store, link.location, limits));
    await restoreBackupObjects(store, link.location, meta, volumeFile, hooks);
    await hooks.afterBackup?.(meta);
  }
}
