import { PyFloat, pythonJsonDumps, type PyJson } from "./python-json.ts";

/** `ChunkedBackupDriver.DRIVER_VERSION`; `DRIVER_VERSION_MAPPING = {'1.0.0': '_restore_v1'}`. */
export const DRIVER_VERSION = "1.0.0";

/** Header keys shared by `_metadata` and `_sha256file` (`_write_metadata`, `_write_sha256file`). */
export interface BackupHeader {
  backup_id: string;
  volume_id: string;
  backup_name: string | null;
  backup_description: string | null;
  /** Python `str(backup['created_at'])`, e.g. `2026-01-01 00:00:00+00:00`. */
  created_at: string;
}

/** One entry of `objects` (`_backup_chunk`): offset/length in the volume, md5 of the uncompressed bytes. */
export interface ObjectEntry {
  name: string;
  offset: number;
  length: number;
  compression: string;
  md5: string;
}

export interface BackupMetadata extends BackupHeader {
  version: string;
  objects: ObjectEntry[];
  parent_id: string | null;
  /** `BackupMetadataAPI.get` JSON string (double-encoded on storage) or null. */
  volume_meta: string | null;
  /** Only written when the driver's `get_extra_metadata` returns something truthy. */
  extra_metadata?: PyJson;
}

export interface Sha256File extends BackupHeader {
  version: string;
  /** The sha block size. */
  chunk_size: number;
  sha256s: string[];
}

const encoder = new TextEncoder();

/** `_write_metadata`: `json.dumps(metadata, sort_keys=True, indent=2).encode('utf-8')`. */
export function serializeMetadata(m: BackupMetadata): Uint8Array {
  const doc: Record<string, PyJson> = {
    version: m.version,
    backup_id: m.backup_id,
    volume_id: m.volume_id,
    backup_name: m.backup_name,
    backup_description: m.backup_description,
    created_at: m.created_at,
    objects: m.objects.map((o) => ({ [o.name]: { offset: o.offset, length: o.length, compression: o.compression, md5: o.md5 } })),
    parent_id: m.parent_id,
    volume_meta: m.volume_meta,
  };
  if (m.extra_metadata !== undefined && isTruthy(m.extra_metadata)) doc["extra_metadata"] = m.extra_metadata;
  return encoder.encode(pythonJsonDumps(doc, { sortKeys: true, indent: 2 }));
}

/** `_write_sha256file`. */
export function serializeSha256File(s: Sha256File): Uint8Array {
  const doc: Record<string, PyJson> = {
    version: s.version,
    backup_id: s.backup_id,
    volume_id: s.volume_id,
    backup_name: s.backup_name,
    backup_description: s.backup_description,
    created_at: s.created_at,
    chunk_size: s.chunk_size,
    sha256s: s.sha256s,
  };
  return encoder.encode(pythonJsonDumps(doc, { sortKeys: true, indent: 2 }));
}

/** Python truthiness of a JSON value (`if extra_metadata:`). */
function isTruthy(v: PyJson): boolean {
  if (v === null || v === false || v === 0 || v === "" || v === 0n) return false;
  if (v instanceof PyFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}
